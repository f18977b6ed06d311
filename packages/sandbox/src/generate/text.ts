import { createRng } from '../random.ts';
import { BUG_SUBJECTS, BUG_SUBJECTS_RU } from './names.ts';
import { CLIENT_INTENTS, INTENT } from './intents.ts';
import type { PhraseBook } from './phrase-book.ts';
import { PHRASES_EN } from './phrases-en.ts';
import { PHRASES_RU } from './phrases-ru.ts';

export type Lang = 'en' | 'ru';

export type TextContext = {
  lang: Lang;
  /** First name of the person the message is addressed to (client contact or agent). */
  recipient: string;
  agent: string;
  project: string;
  features: readonly string[];
};

const DAYS: Record<Lang, readonly string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  ru: ['понедельник', 'вторник', 'среду', 'четверг', 'пятницу'],
};

function book(lang: Lang): PhraseBook {
  return lang === 'ru' ? PHRASES_RU : PHRASES_EN;
}

/** Renders a message body from its intent and a per-message seed. Pure: same input, same text. */
export function renderMessageText(intent: number, seed: number, ctx: TextContext): string {
  const rng = createRng(seed);
  const phrases = book(ctx.lang);
  const bodies = phrases.bodies[intent] ?? phrases.bodies[INTENT.custom] ?? [''];
  const fill = (template: string): string =>
    template
      .replaceAll('{name}', ctx.recipient)
      .replaceAll('{agent}', ctx.agent)
      .replaceAll('{project}', ctx.project)
      .replaceAll('{feature}', rng.pick(ctx.features))
      .replaceAll('{day}', rng.pick(DAYS[ctx.lang]))
      .replaceAll('{n}', String(rng.int(2, 9) * 10))
      .replaceAll('{bug}', rng.pick(ctx.lang === 'ru' ? BUG_SUBJECTS_RU : BUG_SUBJECTS));
  const body = fill(rng.pick(bodies));
  if (intent >= INTENT.privateNote) return body;
  const isClient = CLIENT_INTENTS.has(intent);
  const opener = rng.chance(0.6) ? fill(rng.pick(isClient ? phrases.clientOpeners : phrases.openers)) : '';
  const closer = rng.chance(0.4) ? fill(rng.pick(phrases.closers)) : '';
  return [opener, body, closer].filter((part) => part.length > 0).join(opener || closer ? '\n' : ' ');
}
