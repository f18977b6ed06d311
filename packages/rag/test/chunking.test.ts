import { describe, expect, it } from 'vitest';
import { type ChunkMessage, chunkConversation, splitSentences } from '../src/chunking.ts';
import { estimateTokens, truncateToTokens } from '../src/tokens.ts';

const small = { maxTokens: 200, minMessages: 2, anchorEvery: 3, maxUnitTokens: 60, overlapTokens: 30 };

function msg(
  i: number,
  text: string,
  role: ChunkMessage['role'] = i % 2 === 0 ? 'client' : 'agent',
): ChunkMessage {
  return {
    id: String(100 + i),
    at: new Date(Date.UTC(2025, 5, 1, 9, i)),
    speaker: role === 'client' ? 'Anna' : 'Max',
    role,
    text,
  };
}

function thread(n: number): ChunkMessage[] {
  return Array.from({ length: n }, (_, i) =>
    msg(i, `Message number ${i} about the checkout flow and the mobile app.`),
  );
}

describe('estimateTokens', () => {
  it.each([
    ['', 0],
    ['abcd', 1],
    ['abcdefgh', 2],
    ['привет', 3],
    ['hi привет', 4],
  ])('when the text is %j, then the estimate is %i', (text, expected) => {
    expect(estimateTokens(text)).toBe(expected);
  });

  it('when text is truncated to a budget, then the result fits and is a prefix', () => {
    const text = 'one two three four five six seven eight nine ten eleven twelve';
    const cut = truncateToTokens(text, 5);
    expect(estimateTokens(cut)).toBeLessThanOrEqual(5);
    expect(text.startsWith(cut)).toBe(true);
  });
});

describe('splitSentences', () => {
  it.each([
    ['One. Two! Three?', ['One.', 'Two!', 'Three?']],
    ['Line one\nLine two', ['Line one', 'Line two']],
    ['Привет. Когда релиз?', ['Привет.', 'Когда релиз?']],
    ['  ', []],
  ])('when splitting %j, then the sentences are %j', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });
});

describe('chunkConversation', () => {
  it('when a thread is short, then one chunk keeps every message in order with speaker and time', () => {
    const chunks = chunkConversation([msg(0, 'When is the release?'), msg(1, 'On Friday.')], small);
    expect(chunks).toHaveLength(1);
    const [c] = chunks;
    expect(c?.messageIds).toEqual(['100', '101']);
    expect(c?.text).toBe(
      '[2025-06-01 09:00Z] Anna (client): When is the release?\n[2025-06-01 09:01Z] Max (agent): On Friday.',
    );
    expect(c?.firstMessageAt.toISOString()).toBe('2025-06-01T09:00:00.000Z');
    expect(c?.lastMessageAt.toISOString()).toBe('2025-06-01T09:01:00.000Z');
    expect(c?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when a thread is long, then chunks stay near the budget and overlap by the previous tail', () => {
    const chunks = chunkConversation(thread(12), small);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) expect(c.tokenEstimate).toBeLessThanOrEqual(small.maxTokens);
    for (let i = 1; i < chunks.length; i++) {
      const prevLast = chunks[i - 1]?.messageIds.at(-1);
      expect(chunks[i]?.messageIds[0]).toBe(prevLast);
    }
    expect(chunks.map((c) => c.chunkIndex)).toEqual(chunks.map((_, i) => i));
  });

  it('when messages are appended, then every chunk but the last keeps its hash', () => {
    const before = chunkConversation(thread(9), small);
    const after = chunkConversation(thread(14), small);
    for (let i = 0; i < before.length - 1; i++) expect(after[i]?.contentHash).toBe(before[i]?.contentHash);
    expect(after.length).toBeGreaterThan(before.length);
  });

  it('when a message in the middle of a chunk is edited, then only that chunk changes', () => {
    const original = thread(12);
    const a = chunkConversation(original, small);
    // The middle of chunk 1: neither the overlap carried in nor the tail carried out.
    const target = a[1]?.messageIds[1] ?? '';
    const edited = original.map((m) =>
      m.id === target ? { ...m, text: m.text.replace('mobile app', 'mobile web') } : m,
    );
    const b = chunkConversation(edited, small);
    const changed = a
      .map((c, i) => (c.contentHash === b[i]?.contentHash ? null : i))
      .filter((i) => i !== null);
    expect(changed).toEqual([1]);
    expect(b).toHaveLength(a.length);
  });

  it.each([
    ['shorter', 'ok.'],
    ['longer', 'This message became much longer after the edit, with more detail about the invoice export.'],
  ])('when a message is edited to be %s, then only the chunk holding it changes', (_, text) => {
    const original = thread(20);
    const a = chunkConversation(original, small);
    const target = a[2]?.messageIds[1] ?? '';
    const b = chunkConversation(
      original.map((m) => (m.id === target ? { ...m, text } : m)),
      small,
    );
    const changed = a
      .map((c, i) => (c.contentHash === b[i]?.contentHash ? null : i))
      .filter((i) => i !== null);
    expect(changed).toEqual([2]);
  });

  it('when messages are long, then the token cap closes chunks even without an anchor', () => {
    const long = Array.from({ length: 10 }, (_, i) =>
      msg(i, 'A long sentence about the checkout flow. '.repeat(4)),
    );
    const chunks = chunkConversation(long, { ...small, anchorEvery: 1_000_000 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.tokenEstimate).toBeLessThanOrEqual(small.maxTokens);
  });

  it('when an edited message sits in an overlap, then the two chunks sharing it change and no other', () => {
    const original = thread(12);
    const a = chunkConversation(original, small);
    const shared = a[1]?.messageIds.at(-1) ?? '';
    const edited = original.map((m) => (m.id === shared ? { ...m, text: `${m.text} Edited.` } : m));
    const b = chunkConversation(edited, small);
    const changed = a
      .map((c, i) => (c.contentHash === b[i]?.contentHash ? null : i))
      .filter((i) => i !== null);
    expect(changed).toEqual([1, 2]);
  });

  it('when one message is longer than the budget, then it is split at sentence ends and nothing is lost', () => {
    const sentences = Array.from({ length: 20 }, (_, i) => `Sentence ${i} explains one more detail.`);
    const chunks = chunkConversation([msg(0, sentences.join(' '))], small);
    expect(chunks.length).toBeGreaterThan(1);
    const all = chunks.map((c) => c.text).join('\n');
    for (const s of sentences) expect(all).toContain(s);
    for (const c of chunks) expect(c.messageIds).toEqual(['100']);
    expect(chunks[1]?.text).toContain('(client, cont.)');
  });

  it('when a message is empty, then it is skipped; when all are, then there are no chunks', () => {
    expect(chunkConversation([msg(0, '   ')], small)).toEqual([]);
    expect(chunkConversation([msg(0, ''), msg(1, 'ok')], small)[0]?.messageIds).toEqual(['101']);
  });

  it('when the same thread is chunked twice, then the output is identical', () => {
    expect(chunkConversation(thread(10), small)).toEqual(chunkConversation(thread(10), small));
  });
});
