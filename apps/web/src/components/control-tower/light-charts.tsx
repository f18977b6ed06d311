import { LightBarsH, LightChart } from '@/components/charts/light-chart';
import { formatMoney, formatPercent } from '@/lib/format';
import {
  BAND_COLORS,
  BAND_NAMES,
  BANDS,
  CURRENCY_COLORS,
  moverPoints,
  revenueByDay,
  shortDay,
  type Tower,
} from './chart-model';

/**
 * The control tower's charts as drawn with the page (plain SVG, no Recharts): the same data,
 * axes, colours and legends as charts.tsx, which replaces each one when a pointer, a finger or
 * focus comes to it (tooltips, drilldown clicks). The movers' bars are links already.
 */

export function HealthBandsLight({ trend }: { trend: Tower['health']['trend'] }) {
  return (
    <LightChart
      labels={trend.map((d) => shortDay(d.day))}
      stacked
      integers
      legend
      series={BANDS.map((band) => ({
        key: band,
        name: BAND_NAMES[band],
        color: BAND_COLORS[band],
        kind: 'bar' as const,
        values: trend.map((d) => d.byBand[band]),
      }))}
    />
  );
}

export function RevenueTrendLight({ trend }: { trend: Tower['revenueAtRisk']['trend'] }) {
  const { currencies, rows } = revenueByDay(trend);
  const only = currencies.length === 1 ? currencies[0] : undefined;
  return (
    <LightChart
      labels={rows.map((r) => shortDay(String(r.day)))}
      yWidth={64}
      legend
      dots={rows.length <= 20}
      formatTick={(v) => (only ? formatMoney(v, only) : String(Math.round(v / 100)))}
      series={currencies.map((c, i) => ({
        key: c,
        name: c,
        color: CURRENCY_COLORS[i % CURRENCY_COLORS.length] as string,
        kind: 'line' as const,
        values: rows.map((r) => (typeof r[c] === 'number' ? (r[c] as number) : null)),
      }))}
    />
  );
}

export function SlaTrendLight({ trend }: { trend: Tower['sla']['trend'] }) {
  return (
    <LightChart
      labels={trend.map((d) => shortDay(d.day))}
      yWidth={44}
      scale={{ domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1] }}
      formatTick={(v) => formatPercent(v)}
      dots={trend.length <= 20}
      series={[
        {
          key: 'compliance',
          name: 'Answered in time',
          color: '#0891b2',
          kind: 'line',
          values: trend.map((d) => d.compliance),
        },
      ]}
    />
  );
}

export function MoversLight({ items }: { items: Tower['forecastMovers']['items'] }) {
  return (
    <LightBarsH
      formatTick={(v) => `${v > 0 ? '+' : ''}${v}`}
      items={moverPoints(items).map((m) => ({
        key: m.projectId,
        label: m.projectName,
        value: m.points,
        color: m.points > 0 ? '#f43f5e' : '#10b981',
        href: `/projects/${m.projectId}`,
      }))}
    />
  );
}
