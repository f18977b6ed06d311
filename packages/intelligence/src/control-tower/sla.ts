/**
 * SLA compliance across projects: the share of client messages answered within the target. Each
 * project's comms snapshot gives its share; the whole is weighted by the messages measured (so a
 * project with two messages does not count as much as one with two hundred).
 */

export type CommsRow = {
  projectId: string;
  snapshotDate: string;
  asOf: string;
  slaCompliance: number | null;
  inboundMessages: number;
  firstResponseP50Minutes: number | null;
  firstResponseP90Minutes: number | null;
  details: Record<string, unknown>;
};

const count = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;

/**
 * How many client messages a row's share is over: the analytics writer's `details.sla.counted`
 * (messages met or missed; pending ones are not judged yet), else inbound messages.
 */
export function measuredOf(row: Pick<CommsRow, 'details' | 'inboundMessages'>): number {
  const sla = row.details.sla;
  const counted = sla && typeof sla === 'object' ? count((sla as Record<string, unknown>).counted) : null;
  return counted ?? count(row.details.measuredMessages) ?? Math.max(0, row.inboundMessages);
}

/** Messages answered within the target, from the writer's `details.sla.met` (with its `counted`). */
export function metOf(row: Pick<CommsRow, 'details'>): number | null {
  const sla = row.details.sla;
  if (!sla || typeof sla !== 'object') return null;
  const o = sla as Record<string, unknown>;
  return count(o.counted) === null ? null : count(o.met);
}

export type SlaFigure = { compliance: number | null; measured: number; projects: number };

/** Weighted compliance over rows with a share; rows without one (nothing to answer) are left out. */
export function slaCompliance(rows: readonly CommsRow[]): SlaFigure {
  let weighted = 0;
  let measured = 0;
  let projects = 0;
  for (const r of rows) {
    if (r.slaCompliance === null) continue;
    const w = measuredOf(r);
    projects += 1;
    if (w === 0) continue;
    // The writer's own count of messages answered in time when it gives one (Σ met / Σ counted,
    // the figure GET /analytics/overview shows), else the share × its weight.
    weighted += metOf(r) ?? r.slaCompliance * w;
    measured += w;
  }
  return {
    compliance: measured > 0 ? Math.round((weighted / measured) * 1000) / 1000 : null,
    measured,
    projects,
  };
}

/** The response-time definition the writer stored with the number (the first one found). */
export function definitionOf(rows: readonly CommsRow[]): Record<string, unknown> | null {
  for (const r of rows) {
    const d = r.details.definition;
    if (d && typeof d === 'object' && !Array.isArray(d)) return d as Record<string, unknown>;
  }
  return null;
}

export type SlaTrendPoint = { day: string; compliance: number | null; measured: number };

export function slaTrend(rows: readonly CommsRow[]): SlaTrendPoint[] {
  const byDay = new Map<string, CommsRow[]>();
  for (const r of rows) byDay.set(r.snapshotDate, [...(byDay.get(r.snapshotDate) ?? []), r]);
  return [...byDay.keys()].sort().map((day) => {
    const f = slaCompliance(byDay.get(day) ?? []);
    return { day, compliance: f.compliance, measured: f.measured };
  });
}
