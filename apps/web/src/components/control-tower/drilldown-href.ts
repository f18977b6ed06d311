import type { RouterOutputs } from '@/lib/trpc';

export type DrilldownKey = RouterOutputs['controlTower']['get']['health']['drilldown'];

/** The drilldown page's URL for a figure's key (the same key GET /analytics/drilldown takes). */
export function drilldownHref(key: DrilldownKey): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(key)) if (typeof v === 'string' && v !== '') params.set(k, v);
  return `/control-tower/drilldown?${params.toString()}`;
}

export const METRIC_LABEL: Record<DrilldownKey['metric'], string> = {
  health_band: 'Health',
  revenue_at_risk: 'Revenue at risk',
  forecast_movers: 'Forecast movers',
  top_risks: 'Top risks',
  sla_compliance: 'SLA compliance',
  recommendations_acted: 'Recommendations acted on',
  connector_freshness: 'Data freshness',
};
