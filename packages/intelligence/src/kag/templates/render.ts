import type { EvidenceRef } from '@keel/db/schema/kag-core';
import { detectLang } from '../lexicon.ts';
import type { DetectedSignal } from '../types.ts';
import { EN } from './en.ts';
import { RU } from './ru.ts';
import type { Locale, RenderedRecommendation, TemplateSet } from './types.ts';

const SETS: Record<Locale, TemplateSet> = { en: EN, ru: RU };

/**
 * The language of the conversation behind a signal: its quoted message (details.snippet) or the
 * message evidence it cites. Signals without client text (issues, deals) keep the fallback —
 * the project's locale.
 */
export function conversationLocale(signal: DetectedSignal, fallback: Locale): Locale {
  const snippet = signal.details.snippet;
  const texts = [
    typeof snippet === 'string' ? snippet : '',
    ...signal.evidence.filter((e: EvidenceRef) => e.table === 'kag_events').map((e) => e.label ?? ''),
  ].join(' ');
  if (!/\p{L}/u.test(texts)) return fallback;
  return detectLang(texts);
}

export function renderRecommendation(signal: DetectedSignal, locale: Locale): RenderedRecommendation {
  const detail = (k: string) => String(signal.details[k] ?? signal.subjectLabel);
  return SETS[locale][signal.key](signal, detail);
}

/**
 * The project's language for signals with no conversation of their own (issues, cycles, deals):
 * `settings.locale` when set, else the language its clients write in (their latest messages),
 * else English.
 */
export function projectLocale(settingsLocale: unknown, clientTexts: readonly string[]): Locale {
  if (settingsLocale === 'ru' || settingsLocale === 'en') return settingsLocale;
  const text = clientTexts.slice(-50).join(' ');
  return /\p{L}/u.test(text) ? detectLang(text) : 'en';
}
