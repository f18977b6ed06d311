/**
 * Top risks with their reasons: the open risk-radar items when the risk refresh has written them,
 * otherwise the strongest active signals (the same signals the radar is made from), so the tile
 * is never empty just because one job has not run yet.
 */

export type RadarItem = {
  projectId: string;
  title: string;
  description: string | null;
  severity: number;
  probability: number | null;
  signalKeys: string[];
  evidenceCount: number;
  asOf: string;
};
export type SignalItem = {
  projectId: string;
  key: string;
  title: string;
  sentence: string;
  severity: number;
  asOf: string;
};

export type TopRisk = {
  projectId: string;
  source: 'risk_radar' | 'signal';
  title: string;
  reason: string;
  severity: number;
  probability: number | null;
  signalKeys: string[];
  asOf: string;
};

export function topRisks(
  radar: readonly RadarItem[],
  signals: readonly SignalItem[],
  limit: number,
): TopRisk[] {
  const items: TopRisk[] =
    radar.length > 0
      ? radar.map((r) => ({
          projectId: r.projectId,
          source: 'risk_radar',
          title: r.title,
          reason:
            r.description ?? (r.signalKeys.length > 0 ? `From signals: ${r.signalKeys.join(', ')}` : r.title),
          severity: r.severity,
          probability: r.probability,
          signalKeys: r.signalKeys,
          asOf: r.asOf,
        }))
      : signals.map((s) => ({
          projectId: s.projectId,
          source: 'signal',
          title: s.title,
          reason: s.sentence,
          severity: s.severity,
          probability: null,
          signalKeys: [s.key],
          asOf: s.asOf,
        }));
  return items
    .sort(
      (a, b) =>
        b.severity - a.severity || (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0),
    )
    .slice(0, limit);
}
