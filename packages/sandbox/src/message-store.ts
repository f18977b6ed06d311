/**
 * Columnar storage for Chatwoot messages. A bench-1000 portfolio has millions of messages, so each
 * one is a row across typed arrays (about 30 bytes) and its text is rendered on demand from its
 * intent and seed; only texts posted through the API are stored as strings.
 */

export const SENDER_CONTACT = 0;
export const SENDER_USER = 1;

export const ATTACHMENT_NONE = 0;
export const ATTACHMENT_IMAGE = 1;
export const ATTACHMENT_FILE = 2;

export type MessageRow = {
  index: number;
  id: number;
  conversationIndex: number;
  /** Epoch seconds. */
  createdAt: number;
  /** Chatwoot's integer message_type: 0 incoming, 1 outgoing, 2 activity, 3 template. */
  messageType: number;
  private: boolean;
  senderKind: number;
  /** Person index (contact) or staff index (user), per senderKind. */
  senderIndex: number;
  intent: number;
  textSeed: number;
  attachmentKind: number;
  attachmentId: number;
};

export class MessageStore {
  length = 0;
  private capacity: number;
  id: Int32Array;
  conversation: Int32Array;
  createdAt: Uint32Array;
  type: Uint8Array;
  flags: Uint8Array;
  sender: Int32Array;
  intent: Uint8Array;
  seed: Uint32Array;
  attachmentId: Int32Array;
  /** Texts of messages created through the API, by row index. */
  readonly customText = new Map<number, string>();
  /** `content_attributes` a created message was sent with (echoed back as Chatwoot does). */
  readonly contentAttributes = new Map<number, Record<string, unknown>>();

  constructor(capacity = 1024) {
    this.capacity = capacity;
    this.id = new Int32Array(capacity);
    this.conversation = new Int32Array(capacity);
    this.createdAt = new Uint32Array(capacity);
    this.type = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.sender = new Int32Array(capacity);
    this.intent = new Uint8Array(capacity);
    this.seed = new Uint32Array(capacity);
    this.attachmentId = new Int32Array(capacity);
  }

  private grow(): void {
    const next = this.capacity * 2;
    const copy = <T extends Int32Array | Uint32Array | Uint8Array>(src: T, make: (n: number) => T): T => {
      const dst = make(next);
      dst.set(src);
      return dst;
    };
    this.id = copy(this.id, (n) => new Int32Array(n));
    this.conversation = copy(this.conversation, (n) => new Int32Array(n));
    this.createdAt = copy(this.createdAt, (n) => new Uint32Array(n));
    this.type = copy(this.type, (n) => new Uint8Array(n));
    this.flags = copy(this.flags, (n) => new Uint8Array(n));
    this.sender = copy(this.sender, (n) => new Int32Array(n));
    this.intent = copy(this.intent, (n) => new Uint8Array(n));
    this.seed = copy(this.seed, (n) => new Uint32Array(n));
    this.attachmentId = copy(this.attachmentId, (n) => new Int32Array(n));
    this.capacity = next;
  }

  /** Appends a row and returns its index. */
  push(row: Omit<MessageRow, 'index'>): number {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.id[i] = row.id;
    this.conversation[i] = row.conversationIndex;
    this.createdAt[i] = row.createdAt;
    this.type[i] = row.messageType;
    this.flags[i] = (row.private ? 1 : 0) | (row.senderKind << 1) | (row.attachmentKind << 2);
    this.sender[i] = row.senderIndex;
    this.intent[i] = row.intent;
    this.seed[i] = row.textSeed;
    this.attachmentId[i] = row.attachmentId;
    return i;
  }

  get(i: number): MessageRow {
    const flags = this.flags[i] ?? 0;
    return {
      index: i,
      id: this.id[i] ?? 0,
      conversationIndex: this.conversation[i] ?? 0,
      createdAt: this.createdAt[i] ?? 0,
      messageType: this.type[i] ?? 0,
      private: (flags & 1) === 1,
      senderKind: (flags >> 1) & 1,
      senderIndex: this.sender[i] ?? 0,
      intent: this.intent[i] ?? 0,
      textSeed: this.seed[i] ?? 0,
      attachmentKind: (flags >> 2) & 3,
      attachmentId: this.attachmentId[i] ?? 0,
    };
  }
}
