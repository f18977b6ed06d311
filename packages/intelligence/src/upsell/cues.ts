import {
  type CompiledTerm,
  compileTerms,
  detectLang,
  escalationTerms,
  findTerms,
  foldYo,
  isNegation,
  type Lang,
  sentimentScore,
  stemTokens,
} from '../kag/lexicon.ts';

/**
 * Expansion cues in a client's message: the words that say "we want more from you". Matched on
 * stems with the escalation terms' machinery (kag/lexicon.ts), so "projects", "новый проект" and
 * "нового проекта" are one cue. Loose terms ("also … want") may have up to two other words
 * between theirs; a bare "also" or "ещё" is never a cue on its own — it must come with a verb
 * of wanting or a thing to build, or every "also the bug is back" would be an upsell.
 */
export const UPSELL_CUES = ['another_project', 'additional_scope', 'new_need'] as const;
export type UpsellCue = (typeof UPSELL_CUES)[number];

export const CUE_TERMS: Record<UpsellCue, Record<Lang, readonly string[]>> = {
  another_project: {
    en: ['another project', 'new project', 'second project', 'next project', 'another app', 'new product'],
    ru: [
      'ещё один проект',
      'новый проект',
      'новые проекты',
      'нового проекта',
      'второй проект',
      'следующий проект',
      'ещё проект',
    ],
  },
  additional_scope: {
    en: [
      'additional phase',
      'additional scope',
      'additional work',
      'next phase',
      'phase two',
      'extra budget',
      'expand the scope',
      'extend the contract',
      'more features',
    ],
    ru: [
      'дополнительный этап',
      'дополнительные работы',
      'дополнительный бюджет',
      'следующий этап',
      'расширить объём',
      'продлить договор',
      'ещё функции',
    ],
  },
  new_need: {
    en: [
      'new need',
      'also … want',
      'also … need',
      'also … like',
      'also … take',
      'also … start',
      'also … add',
      'also … build',
      'interested in',
    ],
    ru: [
      'новая потребность',
      'ещё … взять',
      'ещё … нужно',
      'ещё … нужен',
      'также … нужно',
      'также … хотим',
      'ещё … хотим',
    ],
  },
};

/** A negation this many tokens before a cue cancels it ("we do not need another project"). */
const NEGATION_REACH = 3;
/**
 * A message this negative, on at least two scored words, is a complaint that happens to name a
 * project; one scored word is too noisy to judge (AFINN-ru scores "есть" as negative).
 */
const COMPLAINT_BELOW = -0.25;
const COMPLAINT_MIN_WORDS = 2;
/** Words of a loose term ("also … want") may have this many other words between them. */
const LOOSE_GAP = 2;

export type CueHit = { cue: UpsellCue; term: string };

type CueTerm = CompiledTerm & { loose: boolean };
let compiled: Record<UpsellCue, Record<Lang, CueTerm[]>> | null = null;

/** "also … want" is loose (words may sit between); every other term is matched word for word. */
function compileCue(terms: Record<Lang, readonly string[]>): Record<Lang, CueTerm[]> {
  const plain = (t: string) => t.replace(' … ', ' ');
  const out = compileTerms({ en: terms.en.map(plain), ru: terms.ru.map(plain) });
  const loose = (lang: Lang) => new Set(terms[lang].filter((t) => t.includes(' … ')).map(plain));
  return {
    en: out.en.map((t) => ({ ...t, loose: loose('en').has(t.term) })),
    ru: out.ru.map((t) => ({ ...t, loose: loose('ru').has(t.term) })),
  };
}

function cueTerms(): Record<UpsellCue, Record<Lang, CueTerm[]>> {
  compiled ??= {
    another_project: compileCue(CUE_TERMS.another_project),
    additional_scope: compileCue(CUE_TERMS.additional_scope),
    new_need: compileCue(CUE_TERMS.new_need),
  };
  return compiled;
}

function negated(tokens: readonly string[], start: number, lang: Lang): boolean {
  for (let i = Math.max(0, start - NEGATION_REACH); i < start; i++) {
    const t = tokens[i];
    if (t !== undefined && isNegation(t, lang)) return true;
  }
  return false;
}

/**
 * The expansion cues a client message carries, strongest cue first, each with the term that
 * fired (in its dictionary form). None for a negated cue, a complaint or an escalation.
 */
export function expansionCues(text: string): CueHit[] {
  const folded = foldYo(text);
  const lang = detectLang(folded);
  if (escalationTerms(folded).length > 0) return [];
  const tone = sentimentScore(folded);
  if (tone.matched >= COMPLAINT_MIN_WORDS && tone.score < COMPLAINT_BELOW) return [];
  const tokens = stemTokens(folded, lang);
  const hits: CueHit[] = [];
  for (const cue of UPSELL_CUES) {
    const terms = cueTerms()[cue][lang];
    const match = [
      ...findTerms(
        tokens,
        terms.filter((t) => !t.loose),
      ),
      ...findTerms(
        tokens,
        terms.filter((t) => t.loose),
        LOOSE_GAP,
      ),
    ].find((m) => !negated(tokens, m.start, lang));
    if (match) hits.push({ cue, term: match.term });
  }
  return hits;
}
