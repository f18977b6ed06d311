/**
 * Deterministic embedding vectors: feature hashing of words, so texts that share words point the
 * same way (enough for retrieval tests), L2-normalised like OpenAI's shortened vectors.
 */
import { hashString } from '../random.ts';

export const MODEL_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

export function estimateTokens(input: string | number[]): number {
  return typeof input === 'string' ? Math.max(1, Math.ceil(input.length / 4)) : input.length;
}

export function embed(input: string | number[], dimensions: number): number[] {
  const v = new Float64Array(dimensions);
  const features =
    typeof input === 'string'
      ? input
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .filter(Boolean)
      : input.map(String);
  const add = (feature: string, weight: number) => {
    const h = hashString(feature);
    const i = h % dimensions;
    v[i] = (v[i] ?? 0) + ((h >>> 31) & 1 ? -weight : weight);
  };
  for (const f of features) add(f, 1);
  for (let i = 0; i + 1 < features.length; i++) add(`${features[i]} ${features[i + 1]}`, 0.5);
  add(`#len${features.length}`, 0.05);
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Array.from(v, (x) => Math.round((x / norm) * 1e7) / 1e7);
}

export function toBase64(vector: number[]): string {
  const f = new Float32Array(vector);
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength).toString('base64');
}
