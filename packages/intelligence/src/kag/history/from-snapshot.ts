import type { ScoreComponent } from '@keel/db/schema/kag-core';
import type { SignalKey } from '../config.ts';
import type { DayMetrics, DaySignal } from './day.ts';
import type { HistoryDay } from './history-day.ts';

/**
 * A stored project_snapshots row back as the HistoryDay it was written from, so signatures,
 * forecasts and the track-record replay read stored days exactly as the benchmark reads
 * evaluated ones. Missing scores read as a calm day (health 100, risk 0).
 */
export type SnapshotLike = {
  id: string;
  projectId: string;
  date: string;
  health: number | null;
  risk: number | null;
  scores: Record<string, unknown>;
  signals: Record<string, unknown>;
  metrics: Record<string, number | null>;
};

export type StoredHistoryDay = HistoryDay & { snapshotId: string; projectId: string };

export function historyDayFromSnapshot(row: SnapshotLike): StoredHistoryDay {
  const health = row.health ?? 100;
  const components = (row.scores as { components?: ScoreComponent[] }).components ?? [];
  return {
    snapshotId: row.id,
    projectId: row.projectId,
    date: row.date,
    health,
    risk: row.risk ?? 100 - health,
    components,
    signals: row.signals as Partial<Record<SignalKey, DaySignal>>,
    metrics: row.metrics as unknown as DayMetrics,
  };
}
