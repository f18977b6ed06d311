import type { DigestSourceRows } from '@keel/db/queries/digest-sources';
import type {
  DigestWindow,
  ForecastPoint,
  ProjectDigestInput,
  ProjectState,
  ScorePoint,
} from '@keel/intelligence/digests/types';

/** The digest's source rows (grouped per table) as one pure input per project. */

const iso = (t: Date | string) => (t instanceof Date ? t.toISOString() : new Date(t).toISOString());
const humanize = (key: string) => key.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

function groupBy<T extends { project_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.project_id);
    if (list) list.push(r);
    else out.set(r.project_id, [r]);
  }
  return out;
}

const forecastPoint = (f: DigestSourceRows['forecastNow'][number] | undefined): ForecastPoint | null =>
  f
    ? {
        probability: f.probability,
        dataSufficient: f.data_sufficient,
        modelVersion: f.model_version,
        asOf: iso(f.as_of),
        evidence: { table: 'kag_risk_forecasts', id: f.id, occurredAt: iso(f.as_of) },
      }
    : null;

export function digestInputsOf(src: DigestSourceRows, window: DigestWindow, now: Date): ProjectDigestInput[] {
  const scoresNow = groupBy(src.scoresNow);
  const scoresThen = groupBy(src.scoresThen);
  const snapshots = new Map(src.snapshotsThen.map((s) => [s.project_id, s]));
  const signalsNow = groupBy(src.signalsNow);
  const signalsThen = groupBy(src.signalsThen);
  const forecastNow = new Map(src.forecastNow.map((f) => [f.project_id, f]));
  const forecastThen = new Map(src.forecastThen.map((f) => [f.project_id, f]));
  const waiting = groupBy(src.waiting);
  const runs = groupBy(src.actionRuns);
  const outbound = groupBy(src.outbound);

  return src.projects.map((p) => {
    const score = (
      rows: DigestSourceRows['scoresNow'] | undefined,
      type: 'health' | 'risk',
      table: string,
    ) => {
      const r = rows?.find((s) => s.score_type === type);
      return r
        ? ({
            value: r.value,
            asOf: iso(r.as_of),
            configVersion: r.config_version,
            evidence: { table, id: r.id, occurredAt: iso(r.as_of) },
          } satisfies ScorePoint)
        : null;
    };
    // The score at the window's start: its history row, else that day's snapshot (backfilled
    // from synced history, so a new install still shows how a project moved).
    const snap = snapshots.get(p.id);
    const thenScore = (type: 'health' | 'risk'): ScorePoint | null => {
      const fromHistory = score(scoresThen.get(p.id), type, 'kag_score_history');
      if (fromHistory) return fromHistory;
      const value = snap?.[type];
      return snap && value !== null && value !== undefined
        ? {
            value,
            asOf: iso(snap.as_of),
            configVersion: snap.config_version,
            evidence: { table: 'project_snapshots', id: snap.id, occurredAt: iso(snap.as_of) },
          }
        : null;
    };
    const current: ProjectState = {
      health: score(scoresNow.get(p.id), 'health', 'kag_scores'),
      risk: score(scoresNow.get(p.id), 'risk', 'kag_scores'),
      forecast14d: forecastPoint(forecastNow.get(p.id)),
      signals: (signalsNow.get(p.id) ?? []).map((s) => ({
        key: s.key,
        subjectKey: s.subject_key,
        title: s.title,
        sentence: s.sentence,
        severity: s.severity,
        evidence: s.evidence,
        configVersion: s.config_version,
      })),
    };
    const previous: ProjectState = {
      health: thenScore('health'),
      risk: thenScore('risk'),
      forecast14d: forecastPoint(forecastThen.get(p.id)),
      signals: (signalsThen.get(p.id) ?? [])
        .filter((s) => s.change !== 'resolved')
        .map((s) => ({
          key: s.key,
          subjectKey: s.subject_key,
          title: humanize(s.key),
          sentence: s.sentence,
          severity: s.severity,
          evidence: s.evidence,
          configVersion: s.config_version,
        })),
    };
    return {
      project: { id: p.id, name: p.name },
      window,
      current,
      previous,
      waiting: (waiting.get(p.id) ?? []).map((w) => ({
        conversationId: String(w.cw_conversation_id),
        displayId: w.display_id,
        contact: w.contact,
        waitingSince: iso(w.waiting_since),
        lastClientMessageId: String(w.last_message_id),
        messages: w.messages,
        snippet: w.snippet,
      })),
      done: [
        ...(runs.get(p.id) ?? []).map((r) => ({
          id: r.id,
          kind: 'action_run' as const,
          actionType: r.action_type,
          title: r.title,
          externalUrl: r.external_url,
          recipient: null,
          subject: null,
          at: iso(r.finished_at),
        })),
        ...(outbound.get(p.id) ?? []).map((o) => ({
          id: o.id,
          kind: 'outbound' as const,
          actionType: o.channel,
          title: o.subject ?? '',
          externalUrl: null,
          recipient: o.recipient,
          subject: o.subject,
          at: iso(o.sent_at),
        })),
      ],
      now,
    };
  });
}
