import type { Metadata } from 'next';
import { DrilldownScreen } from '@/components/control-tower/drilldown-screen';
import type { DrilldownKey } from '@/components/control-tower/drilldown-href';

export const metadata: Metadata = { title: 'Control tower · drilldown' };

const METRICS = new Set<string>([
  'health_band',
  'revenue_at_risk',
  'forecast_movers',
  'top_risks',
  'sla_compliance',
  'recommendations_acted',
  'connector_freshness',
]);
const BANDS = new Set<string>(['at_risk', 'watch', 'healthy', 'unscored']);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/** `/control-tower/drilldown?metric=…&currency=…&band=…&day=…`: the URL is the drilldown key. */
export default async function DrilldownPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const metric = one(params.metric);
  const band = one(params.band);
  const key = {
    metric: metric && METRICS.has(metric) ? metric : 'revenue_at_risk',
    currency: one(params.currency),
    band: band && BANDS.has(band) ? band : undefined,
    day: one(params.day),
    connector: one(params.connector),
  } as DrilldownKey;
  for (const k of Object.keys(key) as (keyof DrilldownKey)[]) if (key[k] === undefined) delete key[k];
  return <DrilldownScreen drilldownKey={key} />;
}
