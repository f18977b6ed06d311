/** A piece of a search excerpt, marked when it matched the query. */
export type Segment = { text: string; marked: boolean };

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
  nbsp: ' ',
};

function decode(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    const known = ENTITIES[name.toLowerCase()];
    if (known) return known;
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return whole;
  });
}

/**
 * Splits the API's excerpt (HTML-escaped text with <mark> around matches) into segments,
 * so React renders it as text: no markup from the data ever reaches the DOM as HTML.
 */
export function parseHighlight(html: string): Segment[] {
  const segments: Segment[] = [];
  const parts = html.split(/(<mark>|<\/mark>)/i);
  let marked = false;
  for (const part of parts) {
    if (/^<mark>$/i.test(part)) marked = true;
    else if (/^<\/mark>$/i.test(part)) marked = false;
    else if (part) {
      const text = decode(part.replace(/<[^>]*>/g, ''));
      const last = segments.at(-1);
      if (last && last.marked === marked) last.text += text;
      else segments.push({ text, marked });
    }
  }
  return segments;
}

/** Marks every occurrence of the query's words in plain text (for messages shown in full). */
export function markTerms(text: string, query: string): Segment[] {
  const words = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])];
  if (words.length === 0) return [{ text, marked: false }];
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(${escaped.join('|')})`, 'giu');
  const segments: Segment[] = [];
  for (const part of text.split(pattern)) {
    if (!part) continue;
    segments.push({ text: part, marked: words.includes(part.toLowerCase()) });
  }
  return segments;
}

/** True when the text contains any of the query's words (case-insensitive). */
export function mentions(text: string, query: string): boolean {
  return markTerms(text, query).some((s) => s.marked);
}
