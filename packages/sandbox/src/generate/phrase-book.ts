/** A set of message templates for one language. `bodies` is keyed by intent code. */
export type PhraseBook = {
  openers: readonly string[];
  clientOpeners: readonly string[];
  closers: readonly string[];
  bodies: Record<number, readonly string[]>;
};
