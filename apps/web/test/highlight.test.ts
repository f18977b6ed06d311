import { describe, expect, it } from 'vitest';
import { markTerms, mentions, parseHighlight } from '../src/lib/highlight.ts';

describe('parseHighlight', () => {
  it('when the excerpt has <mark> tags, then matches become marked segments', () => {
    expect(parseHighlight('the <mark>staging</mark> server')).toEqual([
      { text: 'the ', marked: false },
      { text: 'staging', marked: true },
      { text: ' server', marked: false },
    ]);
  });

  it('when the excerpt holds escaped markup, then it stays text and never becomes a tag', () => {
    const segments = parseHighlight('&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>');
    expect(segments[0]).toEqual({ text: '<script>alert(1)</script> ', marked: false });
    expect(segments[1]).toEqual({ text: 'x', marked: true });
  });
});

describe('markTerms and mentions', () => {
  it('when a message contains query words, then each occurrence is marked case-insensitively', () => {
    const segments = markTerms('Invoice sent; the invoice is due', 'invoice due');
    expect(segments.filter((s) => s.marked).map((s) => s.text)).toEqual(['Invoice', 'invoice', 'due']);
    expect(mentions('Nothing here', 'invoice')).toBe(false);
    expect(mentions('About the INVOICE', 'invoice')).toBe(true);
  });
});
