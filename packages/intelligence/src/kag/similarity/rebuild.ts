import type { Database } from '@keel/db/client';
import {
  deleteOtherSignatureVersions,
  listSignedSnapshotIds,
  upsertCaseSignatures,
} from '@keel/db/queries/case-signatures';
import type { KagScope } from '@keel/db/queries/kag-ingest';
import { listSnapshotHistory } from '@keel/db/queries/snapshot-history';
import { historyDayFromSnapshot } from '../history/from-snapshot.ts';
import { SIGNATURE_VERSION, caseSignature } from './signature.ts';

/**
 * The seed's similarity.js `rebuildCaseSignatures`: one case_signatures row per project snapshot
 * and SIGNATURE_VERSION. Incremental by default — snapshots without a signature of the current
 * version, plus the newest days (today's snapshot is rewritten by every refresh, and a day's
 * signature reads the 14 before it). `rebuild` rewrites every one and drops older versions.
 * Idempotent: an upsert on (snapshot, version).
 */
export const SIGNATURE_WINDOW_DAYS = 15;
const ALWAYS_REWRITE_NEWEST = 2;

export type SignatureRebuildResult = {
  signatureVersion: string;
  snapshots: number;
  written: number;
  removedOldVersions: number;
};

export async function rebuildCaseSignatures(
  db: Database,
  scope: KagScope,
  options: { rebuild?: boolean } = {},
): Promise<SignatureRebuildResult> {
  const rows = await listSnapshotHistory(db, scope);
  const days = rows.map(historyDayFromSnapshot);
  const signed = options.rebuild
    ? new Set<string>()
    : await listSignedSnapshotIds(db, scope, SIGNATURE_VERSION);
  const writes = days.flatMap((day, i) => {
    const newest = i >= days.length - ALWAYS_REWRITE_NEWEST;
    if (!newest && signed.has(day.snapshotId)) return [];
    const window = days.slice(Math.max(0, i - SIGNATURE_WINDOW_DAYS + 1), i + 1);
    return [{ snapshotId: day.snapshotId, snapshotDate: day.date, vector: caseSignature(window) }];
  });
  const written = await upsertCaseSignatures(db, scope, SIGNATURE_VERSION, writes);
  const removedOldVersions = options.rebuild
    ? await deleteOtherSignatureVersions(db, scope, SIGNATURE_VERSION)
    : 0;
  return { signatureVersion: SIGNATURE_VERSION, snapshots: days.length, written, removedOldVersions };
}
