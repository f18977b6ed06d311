import type { EvidenceRef } from '@keel/db/schema/kag-core';
import type { Locale } from '../kag/templates/types.ts';

/** Digests (seed: intelligence.js generateDailyDigest / generateWeeklyDigest): the shapes. */
export type { Locale };
export type DigestKind = 'daily' | 'weekly';

export const DIGEST_SECTION_KEYS = [
  'what_changed',
  'new_risks',
  'cleared_risks',
  'forecast_movers',
  'waiting_clients',
  'actions_done',
] as const;
export type DigestSectionKey = (typeof DIGEST_SECTION_KEYS)[number];

/** Where an item leads: the project page, a conversation in it, or a vendor page. */
export type DigestLink =
  | { kind: 'project'; projectId: string }
  | { kind: 'conversation'; projectId: string; conversationId: string }
  | { kind: 'external'; projectId: string; url: string };

/** The numbers an item states, so any language renders the same facts. */
export type DigestItemFacts =
  | { type: 'score_move'; score: 'health' | 'risk'; from: number; to: number; since: string }
  | { type: 'risk_new'; signalKey: string; title: string; sentence: string; severity: number }
  | { type: 'risk_cleared'; signalKey: string; title: string; sentence: string | null }
  | { type: 'forecast_move'; horizonDays: 14; from: number; to: number }
  | {
      type: 'waiting_client';
      contact: string | null;
      conversationId: string;
      displayId: number | null;
      waitingHours: number;
      messages: number;
      snippet: string | null;
    }
  | { type: 'action_done'; actionType: string; title: string; externalUrl: string | null }
  | { type: 'outbound_sent'; channel: string; recipient: string; subject: string | null };

export type DigestItem = {
  /**
   * Stable identity of the news this item carries: the same fact has the same key in the next
   * digest, a new fact a new key (a score move names both values; a waiting client names the
   * message it waits on). "Nothing new" compares these keys.
   */
  key: string;
  projectId: string;
  projectName: string;
  /** 0..1, for ordering within a section. */
  weight: number;
  facts: DigestItemFacts;
  link: DigestLink;
  evidence: EvidenceRef[];
  /** Config or model version the number was computed with, when it is a computed number. */
  configVersion: string | null;
  asOf: string;
  /** The item rendered in the digest's language. */
  text: string;
};

export type DigestSectionOut = {
  key: DigestSectionKey;
  title: string;
  items: DigestItem[];
  /** Items beyond the section's cap (the text says "and N more"). */
  more: number;
};

export type DigestWindow = { kind: DigestKind; periodKey: string; from: Date; to: Date };

/** A project's state at one moment, as far as a digest reads it. */
export type ProjectStateSignal = {
  key: string;
  subjectKey: string;
  title: string;
  sentence: string | null;
  severity: number;
  evidence: EvidenceRef[];
  configVersion: string;
};

export type ScorePoint = {
  value: number;
  asOf: string;
  configVersion: string;
  /** The row behind it (kag_scores, kag_score_history or project_snapshots). */
  evidence: EvidenceRef;
};

export type ForecastPoint = {
  probability: number;
  dataSufficient: boolean;
  modelVersion: string;
  asOf: string;
  evidence: EvidenceRef;
};

export type ProjectState = {
  health: ScorePoint | null;
  risk: ScorePoint | null;
  forecast14d: ForecastPoint | null;
  signals: ProjectStateSignal[];
};

export type WaitingConversation = {
  conversationId: string;
  displayId: number | null;
  contact: string | null;
  /** The first client message after our last human reply. */
  waitingSince: string;
  lastClientMessageId: string;
  messages: number;
  snippet: string | null;
};

export type DoneAction = {
  id: string;
  kind: 'action_run' | 'outbound';
  actionType: string;
  title: string;
  externalUrl: string | null;
  recipient: string | null;
  subject: string | null;
  at: string;
};

export type ProjectDigestInput = {
  project: { id: string; name: string };
  window: DigestWindow;
  current: ProjectState;
  /** The same project at the window's start (null fields where nothing was recorded then). */
  previous: ProjectState;
  waiting: WaitingConversation[];
  done: DoneAction[];
  now: Date;
};
