import { createHash } from 'node:crypto';
import { estimateTokens, truncateToTokens } from './tokens.ts';

/**
 * Conversation-aware chunking (pure). Messages stay in order with their speaker and time.
 * Boundaries are content-defined: a chunk may close after a message whose id hashes to an
 * "anchor" once it holds `minMessages` messages, and must close before `maxTokens`. Since
 * anchors depend on message ids, not text, editing a message changes only its own chunk
 * (unless the edit pushes a chunk over the token cap), and appending messages changes only the
 * last chunk: every other chunk keeps its text, hash and embedding.
 */

export type ChunkRole = 'client' | 'agent' | 'note';

export type ChunkMessage = {
  id: string;
  at: Date;
  speaker: string;
  role: ChunkRole;
  text: string;
};

export type ChunkOptions = {
  /** Hard cap: a chunk closes before the message that would take it past this many tokens. */
  maxTokens: number;
  /** Fewest new messages before a chunk may close at an anchor. */
  minMessages: number;
  /** About one message in this many is an anchor (a place where a chunk may close). */
  anchorEvery: number;
  /** Longer messages are cut, at sentence ends where possible, into parts of at most this size. */
  maxUnitTokens: number;
  /** The tail of the previous chunk (up to this many tokens) opens the next one, for context. */
  overlapTokens: number;
};

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = {
  maxTokens: 480,
  minMessages: 4,
  anchorEvery: 4,
  maxUnitTokens: 400,
  overlapTokens: 80,
};

export type ConversationChunk = {
  chunkIndex: number;
  text: string;
  /** Source message ids in order, without duplicates (a long message spans several units). */
  messageIds: string[];
  firstMessageAt: Date;
  lastMessageAt: Date;
  tokenEstimate: number;
  contentHash: string;
};

/** One line of chunk text: a whole message, or one part of a long one. */
type Unit = {
  messageId: string;
  at: Date;
  header: string;
  sentences: string[];
  text: string;
  tokens: number;
};

const SENTENCE_END = /(?<=[.!?…])\s+|\n+/u;

export function splitSentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function formatTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

function header(message: ChunkMessage, part: number): string {
  const cont = part > 0 ? ', cont.' : '';
  return `[${formatTime(message.at)}] ${message.speaker} (${message.role}${cont}):`;
}

function makeUnit(message: ChunkMessage, part: number, sentences: string[]): Unit {
  const head = header(message, part);
  const text = `${head} ${sentences.join(' ')}`;
  return {
    messageId: message.id,
    at: message.at,
    header: head,
    sentences,
    text,
    tokens: estimateTokens(text),
  };
}

/** A sentence longer than the budget is cut on word boundaries: nothing is ever dropped. */
function fitSentence(sentence: string, budget: number): string[] {
  const parts: string[] = [];
  let rest = sentence;
  while (estimateTokens(rest) > budget) {
    const head = truncateToTokens(rest, budget);
    if (head.length === 0) break;
    parts.push(head);
    rest = rest.slice(head.length).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

/** A message as one unit, or several when it is longer than `maxUnitTokens`. */
export function messageUnits(message: ChunkMessage, maxUnitTokens: number): Unit[] {
  const budget = Math.max(16, maxUnitTokens - estimateTokens(header(message, 1)) - 1);
  const sentences = splitSentences(message.text).flatMap((s) => fitSentence(s, budget));
  const units: Unit[] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const sentence of sentences) {
    const t = estimateTokens(sentence) + 1;
    if (current.length > 0 && tokens + t > budget) {
      units.push(makeUnit(message, units.length, current));
      current = [];
      tokens = 0;
    }
    current.push(sentence);
    tokens += t;
  }
  if (current.length > 0) units.push(makeUnit(message, units.length, current));
  return units;
}

/** The end of a unit that fits the overlap budget: whole sentences, latest first. */
function overlapTail(unit: Unit, overlapTokens: number): Unit | null {
  if (overlapTokens <= 0) return null;
  if (unit.tokens <= overlapTokens) return unit;
  const kept: string[] = [];
  let tokens = estimateTokens(unit.header) + 2;
  for (let i = unit.sentences.length - 1; i >= 0; i--) {
    const s = unit.sentences[i] ?? '';
    const t = estimateTokens(s) + 1;
    if (tokens + t > overlapTokens) break;
    kept.unshift(s);
    tokens += t;
  }
  if (kept.length === 0) return null;
  const text = `${unit.header} … ${kept.join(' ')}`;
  return { ...unit, sentences: kept, text, tokens: estimateTokens(text) };
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function toChunk(units: Unit[], chunkIndex: number): ConversationChunk {
  const text = units.map((u) => u.text).join('\n');
  const first = units[0];
  const last = units[units.length - 1];
  if (!first || !last) throw new Error('a chunk needs at least one unit');
  return {
    chunkIndex,
    text,
    messageIds: [...new Set(units.map((u) => u.messageId))],
    firstMessageAt: first.at,
    lastMessageAt: last.at,
    tokenEstimate: estimateTokens(text),
    contentHash: hashText(text),
  };
}

/** Whether a message id is an anchor: FNV-1a of the id, so it never changes with the text. */
export function isAnchor(messageId: string, every: number): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < messageId.length; i++) {
    h ^= messageId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % Math.max(1, every) === 0;
}

/** Chunks one conversation. Messages must be in conversation order; empty ones are skipped. */
export function chunkConversation(
  messages: readonly ChunkMessage[],
  options: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
): ConversationChunk[] {
  const units = messages
    .filter((m) => m.text.trim().length > 0)
    .flatMap((m) => {
      const parts = messageUnits(m, options.maxUnitTokens);
      // Only a message's last part can end a chunk at an anchor: a chunk never closes mid-message by choice.
      return parts.map((unit, i) => ({ unit, last: i === parts.length - 1 }));
    });
  const chunks: ConversationChunk[] = [];
  let current: Unit[] = [];
  let tokens = 0;
  let freshMessages = 0;
  let fresh = 0;
  const close = () => {
    chunks.push(toChunk(current, chunks.length));
    const lastUnit = current[current.length - 1];
    const tail = lastUnit ? overlapTail(lastUnit, options.overlapTokens) : null;
    current = tail ? [tail] : [];
    tokens = tail ? tail.tokens + 1 : 0;
    freshMessages = 0;
    fresh = 0;
  };
  units.forEach(({ unit, last }, i) => {
    if (fresh > 0 && tokens + unit.tokens + 1 > options.maxTokens) close();
    current.push(unit);
    tokens += unit.tokens + 1;
    fresh += 1;
    if (last) freshMessages += 1;
    const more = i < units.length - 1;
    if (more && last && freshMessages >= options.minMessages && isAnchor(unit.messageId, options.anchorEvery))
      close();
  });
  if (fresh > 0) chunks.push(toChunk(current, chunks.length));
  return chunks;
}
