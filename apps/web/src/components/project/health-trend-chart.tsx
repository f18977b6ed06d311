'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type DailyScore, formatDay } from './model';

/** Past this many points, dots clutter the line more than they help. */
const DOTS_UP_TO = 20;

/**
 * Health and risk, one point per day with a refresh, with tooltips. Loaded on demand
 * (OnDemandChart) so the chart library stays out of the page's first load; the page draws the
 * light version (health-trend.tsx) until then. Days without a refresh are gaps.
 */
export default function HealthTrendChart({ items }: { items: DailyScore[] }) {
  const dot = items.length <= DOTS_UP_TO;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={items} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        <XAxis dataKey="day" tickFormatter={formatDay} tick={{ fontSize: 11 }} minTickGap={24} />
        <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={{ fontSize: 11 }} width={40} />
        <Tooltip
          labelFormatter={(day) => formatDay(String(day))}
          formatter={(value) => (typeof value === 'number' ? Math.round(value) : value)}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line
          type="monotone"
          dataKey="health"
          name="Health"
          stroke="#059669"
          strokeWidth={2}
          dot={dot}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="risk"
          name="Risk"
          stroke="#e11d48"
          strokeWidth={1.5}
          strokeDasharray="4 3"
          dot={dot}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
