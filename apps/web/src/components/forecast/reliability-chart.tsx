'use client';

import {
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type HorizonRecord, reliabilityRows } from './model';

type Bin = HorizonRecord['bins'][number];

/**
 * Observed event rate per forecast band (bars) against the band's own promise (the line): a
 * well-calibrated forecast has bars reaching the line. The current forecast's band is darker.
 * Loaded on demand (OnDemandChart) so Recharts stays out of the first load; the panel draws the
 * light version (track-record-panel.tsx) until then.
 */
export default function ReliabilityChart({ bins, current }: { bins: Bin[]; current: number | null }) {
  const data = reliabilityRows(bins, current);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        <XAxis dataKey="band" tick={{ fontSize: 11 }} tickFormatter={(v) => `${v}%`} interval={1} />
        <YAxis domain={[0, 100]} ticks={[0, 50, 100]} tick={{ fontSize: 11 }} width={44} unit="%" />
        <Tooltip
          formatter={(value, name) => [`${value} %`, name === 'observed' ? 'Had an event' : 'Forecast said']}
          labelFormatter={(band, payload) =>
            `Called ${band}–${Number(band) + 10} % · ${payload?.[0]?.payload?.count ?? 0} forecasts`
          }
        />
        <Bar dataKey="observed" name="observed" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.band} fill={d.current ? '#be123c' : '#fda4af'} />
          ))}
        </Bar>
        <Line
          dataKey="promised"
          name="promised"
          stroke="#475569"
          strokeDasharray="4 3"
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
