import type { RecommendationStatus } from '@keel/db/schema/kag-v2';

/**
 * The lifecycle as a table: `new → shown → accepted | dismissed | snoozed(until) → done`.
 * A person may act on a card before it was marked shown (acting implies seeing it); a snooze
 * ends by itself (`snoozed → shown` when `until` passes, done by the refresh); `suppressed` is
 * the gate's, never a person's: the refresh publishes it (`→ new`) once the evidence is there.
 * `dismissed` and `done` are closed: a later recommendation on the subject is a new row.
 */
export type Transition = { from: RecommendationStatus; to: RecommendationStatus; by: 'user' | 'system' };

export const TRANSITIONS: readonly Transition[] = [
  { from: 'new', to: 'shown', by: 'user' },
  { from: 'new', to: 'accepted', by: 'user' },
  { from: 'new', to: 'dismissed', by: 'user' },
  { from: 'new', to: 'snoozed', by: 'user' },
  { from: 'shown', to: 'accepted', by: 'user' },
  { from: 'shown', to: 'dismissed', by: 'user' },
  { from: 'shown', to: 'snoozed', by: 'user' },
  { from: 'snoozed', to: 'accepted', by: 'user' },
  { from: 'snoozed', to: 'dismissed', by: 'user' },
  { from: 'snoozed', to: 'shown', by: 'system' },
  { from: 'accepted', to: 'done', by: 'user' },
  { from: 'accepted', to: 'done', by: 'system' },
  { from: 'suppressed', to: 'new', by: 'system' },
  { from: 'new', to: 'suppressed', by: 'system' },
  // The subject no longer appears in the signals: the refresh closes whatever was open.
  { from: 'new', to: 'done', by: 'system' },
  { from: 'shown', to: 'done', by: 'system' },
  { from: 'snoozed', to: 'done', by: 'system' },
  { from: 'suppressed', to: 'done', by: 'system' },
];

/** Statuses a person can set through the API. */
export const USER_TARGET_STATUSES = ['accepted', 'dismissed', 'snoozed', 'done'] as const;
export type UserTargetStatus = (typeof USER_TARGET_STATUSES)[number];

export function canTransition(
  from: RecommendationStatus,
  to: RecommendationStatus,
  by: 'user' | 'system',
): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.by === by);
}

/** What a person may move a card to from `from` — the error message lists them. */
export function allowedUserTargets(from: RecommendationStatus): RecommendationStatus[] {
  return TRANSITIONS.filter((t) => t.from === from && t.by === 'user').map((t) => t.to);
}

/** Whether a snooze has run out at `now` (the refresh then moves it back to shown). */
export const snoozeExpired = (snoozedUntil: Date | null, now: Date): boolean =>
  snoozedUntil !== null && snoozedUntil.getTime() <= now.getTime();
