'use client';

import { useRouter } from 'next/navigation';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
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
import { drilldownHref } from './drilldown-href';

/**
 * The control tower's interactive charts, loaded on demand (OnDemandChart: when a pointer,
 * a finger or focus comes to a chart) so Recharts stays out of the page's first load; the page
 * draws light-charts.tsx until then. Every bar and point opens the drilldown behind it.
 */
function useOpen() {
  const router = useRouter();
  return (href: string) => router.push(href);
}

/** Stacked bands per day; a click on a day's bar lists that day's projects of that band. */
export function HealthBandsChart({ trend }: { trend: Tower['health']['trend'] }) {
  const open = useOpen();
  const data = trend.map((d) => ({ day: d.day, ...d.byBand }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 11 }} minTickGap={24} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
        <Tooltip labelFormatter={(d) => shortDay(String(d))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {BANDS.map((band) => (
          <Bar
            key={band}
            dataKey={band}
            name={BAND_NAMES[band]}
            stackId="bands"
            fill={BAND_COLORS[band]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(entry) => {
              const day = (entry as { payload?: { day?: string } }).payload?.day;
              if (day) open(drilldownHref({ metric: 'health_band', band, day }));
            }}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** One line per currency (never one line over currencies). */
export function RevenueTrendChart({ trend }: { trend: Tower['revenueAtRisk']['trend'] }) {
  const open = useOpen();
  const { currencies, rows: data } = revenueByDay(trend);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 11 }} minTickGap={24} />
        <YAxis
          tick={{ fontSize: 11 }}
          width={64}
          tickFormatter={(v: number) =>
            currencies.length === 1 ? formatMoney(v, currencies[0] as string) : String(Math.round(v / 100))
          }
        />
        <Tooltip
          labelFormatter={(d) => shortDay(String(d))}
          formatter={(value, name) => (typeof value === 'number' ? formatMoney(value, String(name)) : value)}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {currencies.map((c, i) => (
          <Line
            key={c}
            type="monotone"
            dataKey={c}
            name={c}
            stroke={CURRENCY_COLORS[i % CURRENCY_COLORS.length]}
            strokeWidth={2}
            dot={data.length <= 20}
            isAnimationActive={false}
            activeDot={{
              cursor: 'pointer',
              onClick: () => open(drilldownHref({ metric: 'revenue_at_risk', currency: c })),
            }}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

export function SlaTrendChart({ trend }: { trend: Tower['sla']['trend'] }) {
  const open = useOpen();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart
        data={trend}
        margin={{ top: 8, right: 12, bottom: 0, left: -8 }}
        onClick={(state) => {
          const day = (state as { activeLabel?: string } | null)?.activeLabel;
          if (day) open(drilldownHref({ metric: 'sla_compliance', day: String(day) }));
        }}
      >
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 11 }} minTickGap={24} />
        <YAxis
          domain={[0, 1]}
          tickFormatter={(v: number) => formatPercent(v)}
          tick={{ fontSize: 11 }}
          width={44}
        />
        <Tooltip
          labelFormatter={(d) => shortDay(String(d))}
          formatter={(v) => (typeof v === 'number' ? formatPercent(v) : v)}
        />
        <Line
          type="monotone"
          dataKey="compliance"
          name="Answered in time"
          stroke="#0891b2"
          strokeWidth={2}
          dot={trend.length <= 20}
          connectNulls={false}
          isAnimationActive={false}
          cursor="pointer"
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Change in 14-day risk, in points; up (worse) red, down green; a bar opens the project. */
export function MoversChart({ items }: { items: Tower['forecastMovers']['items'] }) {
  const open = useOpen();
  const data = moverPoints(items);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e5e7eb" horizontal={false} />
        <XAxis
          type="number"
          tick={{ fontSize: 11 }}
          tickFormatter={(v: number) => `${v > 0 ? '+' : ''}${v}`}
        />
        <YAxis type="category" dataKey="projectName" tick={{ fontSize: 11 }} width={110} />
        <Tooltip formatter={(v) => [`${Number(v) > 0 ? '+' : ''}${v} points`, '14-day risk change']} />
        <Bar
          dataKey="points"
          isAnimationActive={false}
          cursor="pointer"
          onClick={(entry) => {
            const id = (entry as { payload?: { projectId?: string } }).payload?.projectId;
            if (id) open(`/projects/${id}`);
          }}
        >
          {data.map((m) => (
            <Cell key={m.projectId} fill={m.points > 0 ? '#f43f5e' : '#10b981'} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
