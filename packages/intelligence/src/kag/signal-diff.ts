import type { SignalCategory } from '@keel/db/schema/kag-core';
import type { DetectedSignal } from './types.ts';

/**
 * Compares the stored signal set with a fresh detection. A signal "changed" when its severity
 * moved by at least `minDelta` or its evidence set changed; waiting hours creeping up every
 * refresh are not news, so they update the row without a history entry.
 */
export type StoredSignal = {
  id: string;
  key: string;
  category: SignalCategory;
  subjectKey: string;
  severity: number;
  evidence: Array<{ id: string }>;
};
export type SignalDiff = {
  appeared: DetectedSignal[];
  changed: DetectedSignal[];
  unchanged: DetectedSignal[];
  resolved: StoredSignal[];
};

const id = (s: { key: string; subjectKey: string }) => `${s.key}\u0000${s.subjectKey}`;
const evidenceKey = (e: Array<{ id: string }>) =>
  e
    .map((x) => x.id)
    .sort()
    .join(',');

export function diffSignals(
  stored: readonly StoredSignal[],
  detected: readonly DetectedSignal[],
  minDelta = 0.05,
): SignalDiff {
  const old = new Map(stored.map((s) => [id(s), s]));
  const fresh = new Set(detected.map(id));
  const diff: SignalDiff = { appeared: [], changed: [], unchanged: [], resolved: [] };
  for (const s of detected) {
    const prev = old.get(id(s));
    if (!prev) diff.appeared.push(s);
    else if (
      Math.abs(prev.severity - s.severity) >= minDelta ||
      evidenceKey(prev.evidence) !== evidenceKey(s.evidence)
    )
      diff.changed.push(s);
    else diff.unchanged.push(s);
  }
  diff.resolved = stored.filter((s) => !fresh.has(id(s)));
  return diff;
}
