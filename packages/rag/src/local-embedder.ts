import type { EmbeddingProvider } from './embedding-provider.ts';

/**
 * The offline embedder: a deterministic bag of hashed lexical features, signed and projected to
 * `dim` dimensions (the "hashing trick"), then L2-normalised so cosine distance works.
 *
 * What it captures: shared words, shared word pairs ("mobile app"), shared word beginnings
 * (a crude stemmer, so "приложение"/"приложения" and "request"/"requested" meet) and shared
 * character trigrams (typos, compound words), in English, Russian or any alphabet.
 * What it does not: meaning. Synonyms ("cancel" vs "terminate"), paraphrases and questions
 * across languages ("mobile app" vs "мобильное приложение") land far apart. It is a lexical
 * retriever wearing a vector's clothes, good enough to run hybrid search end to end without a
 * network, not a substitute for a real embedding model.
 */

export const LOCAL_MODEL = 'keel-local-hash-v1';

const STOPWORDS = new Set(
  (
    'a an and are as at be but by can could did do does for from had has have hi hello i if in into is it its ' +
    'me my no not of on or our please so that the their them then there these they this to us was we were ' +
    'what when where which who why will with would you your ' +
    'а без бы в во вы да для до его ее если же за и из или им их к как когда ли мы на не нет ну о об ' +
    'он она они от по при с со так то у уже что чтобы это я'
  ).split(' '),
);

/** Feature weights: whole words dominate, pairs and stems refine, trigrams only nudge. */
const WEIGHT = { word: 1, pair: 0.6, stem: 0.5, trigram: 0.15 } as const;

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replaceAll('ё', 'е');
}

export function lexicalFeatures(text: string): Map<string, number> {
  const words = (normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (w) => w.length > 1 && !STOPWORDS.has(w),
  );
  const counts = new Map<string, number>();
  const add = (key: string, weight: number) => counts.set(key, (counts.get(key) ?? 0) + weight);
  words.forEach((w, i) => {
    add(`w:${w}`, WEIGHT.word);
    if (w.length > 5) add(`s:${w.slice(0, 5)}`, WEIGHT.stem);
    const next = words[i + 1];
    if (next) add(`p:${w} ${next}`, WEIGHT.pair);
    const padded = `#${w}#`;
    for (let j = 0; j + 3 <= padded.length; j++) add(`t:${padded.slice(j, j + 3)}`, WEIGHT.trigram);
  });
  return counts;
}

/** FNV-1a over UTF-16 code units; two bases give independent index and sign hashes. */
function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function embedLocally(text: string, dim: number): number[] {
  const vector = new Array<number>(dim).fill(0);
  for (const [feature, weight] of lexicalFeatures(text)) {
    const index = fnv1a(feature, 0x811c9dc5) % dim;
    const sign = fnv1a(feature, 0x01000193) & 1 ? 1 : -1;
    // Sublinear term frequency: a word said ten times is not ten times as relevant.
    vector[index] = (vector[index] ?? 0) + sign * Math.log1p(weight);
  }
  let norm = 0;
  for (const v of vector) norm += v * v;
  if (norm === 0) {
    // An empty text still needs a valid direction: cosine distance to a zero vector is NaN.
    vector[0] = 1;
    return vector;
  }
  const scale = 1 / Math.sqrt(norm);
  return vector.map((v) => v * scale);
}

export function createLocalProvider(options: { dim: number; maxInputs?: number }): EmbeddingProvider {
  return {
    kind: 'local',
    model: LOCAL_MODEL,
    dim: options.dim,
    maxInputs: options.maxInputs ?? 256,
    maxInputTokens: 8000,
    maxBatchTokens: Number.POSITIVE_INFINITY,
    async embedBatch(inputs) {
      return inputs.map((text) => embedLocally(text, options.dim));
    },
  };
}
