/**
 * A tokenizer-free token estimate. BPE vocabularies (cl100k and kin) spend about one token per
 * four Latin characters but one per two to three Cyrillic ones, so both are counted apart;
 * the estimate errs high, which is the safe side for a model's input limit.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 128) ascii += 1;
    else other += 1;
  }
  return Math.ceil(ascii / 4 + other / 2.5);
}

/** Cuts text to at most `maxTokens` by the same estimate, on a whitespace boundary where one is near. */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (estimateTokens(text) <= maxTokens) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (estimateTokens(text.slice(0, mid)) <= maxTokens) lo = mid;
    else hi = mid - 1;
  }
  const cut = text.slice(0, lo);
  const space = cut.lastIndexOf(' ');
  return space > lo * 0.8 ? cut.slice(0, space) : cut;
}
