import { createRequire } from 'node:module';

/**
 * Lexicon scoring for English and Russian. The dictionaries and the Snowball stemmers come from
 * nlp.js (`@nlpjs/lang-en` SentiCon, `@nlpjs/lang-ru` AFINN-ru, both stored stemmed); we call
 * them synchronously so sentiment stays a pure function of the text. Language is chosen by
 * script: the two languages we support never share an alphabet, so counting Cyrillic letters
 * is exact where a statistical detector (franc) would guess on short chat messages.
 */
export type Lang = 'en' | 'ru';
type Stemmer = { tokenizeAndStem(text: string, keepStops?: boolean): string[] };
type Lexicon = { stemmer: Stemmer; scores: Map<string, number>; negations: Set<string>; scale: number };

let cache: Record<Lang, Lexicon> | null = null;

/**
 * General-purpose lexicons miss the vocabulary of client complaints (SentiCon rates "bug",
 * "delay" and "cancel" neutral or mildly positive), so these override them, in -1..1.
 */
export const CLIENT_COMPLAINT_WORDS: Record<Lang, Record<string, number>> = {
  en: {
    unacceptable: -1,
    frustrating: -0.8,
    frustrated: -0.8,
    disappointed: -0.8,
    delays: -0.6,
    delayed: -0.6,
    problem: -0.5,
    bugs: -0.5,
    broken: -0.7,
    dropped: -0.5,
    cancel: -0.7,
    refund: -0.7,
    lawyer: -0.8,
    escalating: -0.8,
    missed: -0.6,
    late: -0.5,
    worse: -0.7,
    worst: -1,
    nobody: -0.5,
    failing: -0.7,
    complaint: -0.8,
    unhappy: -0.8,
  },
  ru: {
    недовольны: -0.8,
    неприемлемо: -1,
    срыв: -0.7,
    сорвали: -0.7,
    задержка: -0.6,
    задержки: -0.6,
    проблема: -0.5,
    ошибки: -0.5,
    баги: -0.5,
    разочарованы: -0.8,
    расторгнуть: -0.8,
    возврат: -0.6,
    жалоба: -0.8,
    претензия: -0.8,
    ужасно: -1,
    опять: -0.3,
    никто: -0.5,
  },
};

function load(): Record<Lang, Lexicon> {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const en = require('@nlpjs/lang-en') as { StemmerEn: new () => Stemmer };
  const ru = require('@nlpjs/lang-ru') as { StemmerRu: new () => Stemmer };
  const enDict = require('@nlpjs/lang-en/src/sentiment/sentiment_en.js') as {
    senticon: Record<string, number>;
    negations: { words: string[] };
  };
  const ruDict = require('@nlpjs/lang-ru/src/sentiment/sentiment_ru.js') as {
    afinn: Record<string, string | number>;
  };
  const toMap = (o: Record<string, string | number>) =>
    new Map(
      Object.entries(o)
        .map(([k, v]) => [k, Number(v)] as const)
        .filter(([, v]) => Number.isFinite(v)),
    );
  const enStemmer = new en.StemmerEn();
  const ruStemmer = new ru.StemmerRu();
  const withOverrides = (
    scores: Map<string, number>,
    stemmer: Stemmer,
    words: Record<string, number>,
    scale: number,
  ) => {
    for (const [word, value] of Object.entries(words))
      for (const stem of stemmer.tokenizeAndStem(word, true)) scores.set(stem, value * scale);
    return scores;
  };
  cache = {
    // SentiCon scores lie in -1..1; AFINN-ru in -5..5, so it is scaled down to match.
    en: {
      stemmer: enStemmer,
      scores: withOverrides(toMap(enDict.senticon), enStemmer, CLIENT_COMPLAINT_WORDS.en, 1),
      negations: new Set(enDict.negations.words.flatMap((w) => enStemmer.tokenizeAndStem(w, true))),
      scale: 1,
    },
    ru: {
      stemmer: ruStemmer,
      scores: withOverrides(toMap(ruDict.afinn), ruStemmer, CLIENT_COMPLAINT_WORDS.ru, 5),
      // nlp.js ships no Russian negations; these are the ones that flip a following word.
      negations: new Set(['не', 'нет', 'ни', 'без']),
      scale: 5,
    },
  };
  return cache;
}

export function detectLang(text: string): Lang {
  const cyrillic = text.match(/[\u0400-\u04FF]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return cyrillic > latin ? 'ru' : 'en';
}

export function stemTokens(text: string, lang: Lang = detectLang(text)): string[] {
  return load()[lang].stemmer.tokenizeAndStem(text.toLowerCase(), true);
}

/**
 * Mean lexicon score of the scored words, in -1..1 (0 when no word is in the lexicon); a
 * negation flips the next scored word within three tokens ("not happy").
 */
export function sentimentScore(text: string): { score: number; lang: Lang; matched: number } {
  const lang = detectLang(text);
  const lex = load()[lang];
  const tokens = lex.stemmer.tokenizeAndStem(text.toLowerCase(), true);
  let sum = 0;
  let matched = 0;
  let negateFor = 0;
  for (const token of tokens) {
    if (lex.negations.has(token)) {
      negateFor = 3;
      continue;
    }
    const raw = lex.scores.get(token);
    if (raw !== undefined && raw !== 0) {
      const value = raw / lex.scale;
      sum += negateFor > 0 ? -value : value;
      matched++;
      negateFor = 0;
    } else if (negateFor > 0) negateFor--;
  }
  return { score: matched === 0 ? 0 : sum / matched, lang, matched };
}

/** Our escalation terms; multi-word terms match consecutive stems ("срыв сроков"). */
export const ESCALATION_TERMS: Record<Lang, readonly string[]> = {
  en: [
    'cancel',
    'refund',
    'lawyer',
    'legal action',
    'unacceptable',
    'terminate',
    'escalate',
    'escalating',
    'breach of contract',
    'formal complaint',
    'missed deadline',
    'missed deadlines',
    'last chance',
  ],
  ru: [
    'расторгнуть',
    'расторжение',
    'возврат',
    'вернуть деньги',
    'недовольны',
    'срыв сроков',
    'сорвали сроки',
    'юрист',
    'претензия',
    'неприемлемо',
    'жалоба',
    'отказаться',
  ],
};

/** A term with its stems: multi-word terms match consecutive stems ("срыв сроков"). */
export type CompiledTerm = { term: string; stems: string[] };
export type TermMatch = { term: string; start: number; end: number };

/** Stems a per-language term list once; "ё" is read as "е" so "ещё" and "еще" are one word. */
export function compileTerms(terms: Record<Lang, readonly string[]>): Record<Lang, CompiledTerm[]> {
  const compile = (lang: Lang) =>
    terms[lang]
      .map((term) => ({ term, stems: stemTokens(foldYo(term), lang) }))
      .filter((t) => t.stems.length > 0);
  return { en: compile('en'), ru: compile('ru') };
}

export const foldYo = (text: string): string => text.replace(/ё/g, 'е').replace(/Ё/g, 'Е');

/**
 * Where each term occurs in a stemmed text (first occurrence per distinct stem sequence, so
 * "escalate" and "escalating" are reported once). `gap` lets up to that many other tokens sit
 * between a term's words ("also [would] want"); escalation terms use none.
 */
export function findTerms(
  tokens: readonly string[],
  compiled: readonly CompiledTerm[],
  gap = 0,
): TermMatch[] {
  const found: TermMatch[] = [];
  const seen = new Set<string>();
  for (const { term, stems } of compiled) {
    const key = stems.join(' ');
    if (seen.has(key)) continue;
    for (let s = 0; s < tokens.length; s++) {
      if (tokens[s] !== stems[0]) continue;
      let at = s;
      let ok = true;
      for (let k = 1; k < stems.length && ok; k++) {
        let next = -1;
        for (let j = at + 1; j <= Math.min(tokens.length - 1, at + 1 + gap); j++)
          if (tokens[j] === stems[k]) {
            next = j;
            break;
          }
        if (next < 0) ok = false;
        else at = next;
      }
      if (ok) {
        seen.add(key);
        found.push({ term, start: s, end: at });
        break;
      }
    }
  }
  return found;
}

/** Whether a stemmed token negates what follows ("not", "never", "не", "нет" …). */
export function isNegation(token: string, lang: Lang): boolean {
  return load()[lang].negations.has(token);
}

let stemmedTerms: Record<Lang, CompiledTerm[]> | null = null;

/** The escalation terms a text uses, in their dictionary form. */
export function escalationTerms(text: string): string[] {
  const lang = detectLang(text);
  stemmedTerms ??= compileTerms(ESCALATION_TERMS);
  return findTerms(stemTokens(foldYo(text), lang), stemmedTerms[lang]).map((m) => m.term);
}
