import type { RouterOutputs } from '@/lib/trpc';

/**
 * What the control tower's two kinds of chart share: the light ones drawn with the page
 * (light-charts.tsx) and the interactive Recharts ones loaded on demand (charts.tsx). Plain
 * module: importing it never brings Recharts along.
 */
export type Tower = RouterOutputs['controlTower']['get'];

export const shortDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  return d.toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
};

export const BANDS = ['at_risk', 'watch', 'healthy', 'unscored'] as const;
export const BAND_COLORS = {
  at_risk: '#f43f5e',
  watch: '#fbbf24',
  healthy: '#10b981',
  unscored: '#d1d5db',
} as const;
export const BAND_NAMES = {
  at_risk: 'At risk',
  watch: 'Watch',
  healthy: 'Healthy',
  unscored: 'Not scored',
} as const;
export const CURRENCY_COLORS = ['#2563eb', '#7c3aed', '#0891b2', '#ea580c', '#65a30d'];

/** Revenue points as one row per day with one column per currency, days in order. */
export function revenueByDay(trend: Tower['revenueAtRisk']['trend']): {
  currencies: string[];
  rows: Record<string, number | string>[];
} {
  const currencies = [...new Set(trend.map((p) => p.currency))];
  const byDay = new Map<string, Record<string, number | string>>();
  for (const p of trend) {
    const row = byDay.get(p.day) ?? { day: p.day };
    row[p.currency] = p.amountMinor;
    byDay.set(p.day, row);
  }
  const rows = [...byDay.values()].sort((a, b) => (String(a.day) < String(b.day) ? -1 : 1));
  return { currencies, rows };
}

/** Movers in whole points of 14-day risk. */
export const moverPoints = (items: Tower['forecastMovers']['items']) =>
  items.map((m) => ({ ...m, points: Math.round(m.change * 100) }));
