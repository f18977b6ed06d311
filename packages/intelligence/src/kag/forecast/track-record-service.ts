import type { Database } from '@keel/db/client';
import {
  listWorkspaceOutcomes,
  listWorkspaceSignatures,
  workspaceHistoryStamp,
} from '@keel/db/queries/case-signatures';
import { listWorkspaceSnapshotHistory } from '@keel/db/queries/snapshot-history';
import { type StoredHistoryDay, historyDayFromSnapshot } from '../history/from-snapshot.ts';
import { isoDate } from '../history/day.ts';
import { DAY_MS } from '../math.ts';
import { SNAPSHOT_RULES } from '../snapshots/rows.ts';
import { SIGNATURE_VERSION } from '../similarity/signature.ts';
import { type ForecastModel, defaultForecastModel } from './model.ts';
import { TRACK_RECORD_RULES, type TrackRecord, replayTrackRecord } from './track-record.ts';

/**
 * The track record as the API serves it, cached per workspace. The replay reads every snapshot,
 * signature and label of the workspace (a few MB at most) and runs up to 4,000 forecasts with
 * their nearest-case searches — seconds on a large install, far too slow per page view, and its
 * inputs change only when snapshots or labels are written (the daily pipeline). So the result
 * is kept in memory keyed by a stamp of those tables (counts and newest label/day, one cheap
 * statement) and the model version: the first reader after the daily pass pays, everyone else
 * reads the cache; concurrent readers share one computation. Nothing is stored, so a refit model
 * or a restart simply recomputes.
 */
type Entry = { key: string; at: Date; value: Promise<TrackRecord> };
const cache = new Map<string, Entry>();

export type TrackRecordResult = TrackRecord & { computedAt: string; cached: boolean };

export async function getTrackRecord(
  db: Database,
  accountScopeId: string,
  now: Date,
  model: ForecastModel = defaultForecastModel(),
): Promise<TrackRecordResult> {
  const key = `${model.version}:${await workspaceHistoryStamp(db, accountScopeId)}`;
  const hit = cache.get(accountScopeId);
  if (hit && hit.key === key) return { ...(await hit.value), computedAt: hit.at.toISOString(), cached: true };
  const value = computeTrackRecord(db, accountScopeId, now, model);
  cache.set(accountScopeId, { key, at: now, value });
  try {
    return { ...(await value), computedAt: now.toISOString(), cached: false };
  } catch (error) {
    cache.delete(accountScopeId);
    throw error;
  }
}

export function clearTrackRecordCache(): void {
  cache.clear();
}

export async function computeTrackRecord(
  db: Database,
  accountScopeId: string,
  now: Date,
  model: ForecastModel,
): Promise<TrackRecord> {
  const from = isoDate(
    new Date(now.getTime() - (SNAPSHOT_RULES.backfillDays + TRACK_RECORD_RULES.lookbackDays) * DAY_MS),
  );
  const [rows, signatures, outcomes] = await Promise.all([
    listWorkspaceSnapshotHistory(db, accountScopeId, from),
    listWorkspaceSignatures(db, accountScopeId, SIGNATURE_VERSION),
    listWorkspaceOutcomes(db, accountScopeId),
  ]);
  const projects = new Map<string, StoredHistoryDay[]>();
  for (const r of rows) {
    const list = projects.get(r.projectId) ?? [];
    list.push(historyDayFromSnapshot(r));
    projects.set(r.projectId, list);
  }
  return replayTrackRecord({ projects: [...projects.values()], signatures, outcomes }, model);
}
