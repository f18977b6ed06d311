import Link from 'next/link';
import type { ReactNode } from 'react';
import { dotsPath, labelIndices, linePath, niceScale, toPercent, xPercent } from './scale';

/**
 * Light charts: plain SVG and a few absolutely placed labels, no chart library. They render on
 * the server with the page's data, so a chart shows with the first paint, and weigh a few KB
 * where Recharts weighs ≈ 130 KB gzip; OnDemandChart swaps in the interactive Recharts version
 * (tooltips) when a pointer, a finger or focus comes to the chart.
 *
 * The plot is a 0–100 box stretched to its container (preserveAspectRatio="none", strokes that
 * do not scale), so one markup fits a phone and a desktop without measuring anything.
 */

export type LightSeries = {
  key: string;
  name: string;
  color: string;
  kind: 'line' | 'bar';
  values: readonly (number | null)[];
  dashed?: boolean;
  /** One colour per bar, when bars of a series differ (the current band, up or down). */
  colors?: readonly (string | undefined)[];
  strokeWidth?: number;
};

type Scale = { domain: [number, number]; ticks: number[] };

const GRID = '#e5e7eb';

/** The scale the values need: stacked bars add up per category. */
function scaleFor(series: readonly LightSeries[], stacked: boolean, integers: boolean): Scale {
  const values: number[] = [];
  if (stacked) {
    const n = Math.max(0, ...series.map((s) => s.values.length));
    for (let i = 0; i < n; i++) values.push(series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  } else {
    for (const s of series) for (const v of s.values) if (v !== null && Number.isFinite(v)) values.push(v);
  }
  return niceScale(values, { integers });
}

/** Bars and lines over categories (days, bands) with a y axis, its grid and an optional legend. */
export function LightChart({
  labels,
  series,
  stacked = false,
  integers = false,
  scale,
  formatTick = String,
  yWidth = 40,
  maxLabels = 5,
  dots = false,
  legend = false,
}: {
  /** The x axis's categories, already formatted. */
  labels: readonly string[];
  series: readonly LightSeries[];
  stacked?: boolean;
  integers?: boolean;
  /** A fixed domain and ticks (0–100 points, 0–1 shares); else round ones around the values. */
  scale?: Scale;
  formatTick?: (value: number) => string;
  yWidth?: number;
  maxLabels?: number;
  dots?: boolean;
  legend?: boolean;
}) {
  const { domain, ticks } = scale ?? scaleFor(series, stacked, integers);
  const n = labels.length;
  const bars = series.filter((s) => s.kind === 'bar');
  const lines = series.filter((s) => s.kind === 'line');
  const banded = bars.length > 0;
  const band = n > 0 ? 100 / n : 100;
  const y = (v: number) => 100 - toPercent(v, domain);
  const zero = y(Math.min(Math.max(0, domain[0]), domain[1]));
  const barWidth = stacked ? band * 0.8 : (band * 0.8) / Math.max(1, bars.length);

  const rects: ReactNode[] = [];
  for (let i = 0; i < n; i++) {
    let base = 0;
    bars.forEach((s, j) => {
      const v = s.values[i];
      if (v === null || v === undefined || !Number.isFinite(v) || v === 0) return;
      const from = stacked ? base : 0;
      const to = from + v;
      if (stacked) base = to;
      const top = Math.min(y(from), y(to));
      const x = i * band + band * 0.1 + (stacked ? 0 : j * barWidth);
      rects.push(
        <rect
          key={`${s.key}:${i}`}
          x={x}
          y={top}
          width={barWidth}
          height={Math.abs(y(to) - y(from))}
          fill={s.colors?.[i] ?? s.color}
        />,
      );
    });
  }

  // Ticks and labels piece by piece say nothing to a screen reader: the chart's place carries
  // its words (a labelled group on the control tower, a summarised image on the project page).
  return (
    <div aria-hidden className="flex h-full w-full flex-col text-[11px] text-ink-500">
      <div className="relative mt-2 mr-3 min-h-0 flex-1" style={{ marginLeft: yWidth }}>
        {ticks.map((t) => (
          <span
            key={t}
            className="absolute right-full -translate-y-1/2 pr-1.5 leading-none tabular-nums whitespace-nowrap"
            style={{ top: `${y(t)}%` }}
          >
            {formatTick(t)}
          </span>
        ))}
        <svg
          aria-hidden
          className="absolute inset-0 h-full w-full overflow-visible"
          viewBox="0 0 100 100"
          preserveAspectRatio="none"
        >
          {ticks.map((t) => (
            <line
              key={t}
              x1={0}
              x2={100}
              y1={y(t)}
              y2={y(t)}
              stroke={GRID}
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {rects}
          {banded && zero > 0 && zero < 100 && (
            <line x1={0} x2={100} y1={zero} y2={zero} stroke="#9ca3af" vectorEffect="non-scaling-stroke" />
          )}
          {lines.map((s) => (
            <LinePaths key={s.key} series={s} domain={domain} banded={banded} dots={dots} />
          ))}
        </svg>
      </div>
      <div className="relative mr-3 h-5 shrink-0" style={{ marginLeft: yWidth }}>
        {labelIndices(n, maxLabels).map((i) => (
          <span
            key={i}
            className="absolute top-1 -translate-x-1/2 leading-none whitespace-nowrap"
            style={{ left: `${xPercent(i, n, banded)}%` }}
          >
            {labels[i]}
          </span>
        ))}
      </div>
      {legend && (
        <ul className="flex shrink-0 flex-wrap justify-center gap-x-4 gap-y-1 pt-1 text-xs text-ink-600">
          {series.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <span
                aria-hidden
                className={s.kind === 'bar' ? 'inline-block h-2.5 w-2.5' : 'inline-block h-0.5 w-3.5'}
                style={{ background: s.color }}
              />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function LinePaths({
  series,
  domain,
  banded,
  dots,
}: {
  series: LightSeries;
  domain: [number, number];
  banded: boolean;
  dots: boolean;
}) {
  const width = series.strokeWidth ?? 2;
  return (
    <>
      <path
        d={linePath(series.values, domain, banded)}
        fill="none"
        stroke={series.color}
        strokeWidth={width}
        strokeLinejoin="round"
        strokeDasharray={series.dashed ? '4 3' : undefined}
        vectorEffect="non-scaling-stroke"
      />
      {dots && (
        <path
          d={dotsPath(series.values, domain, banded)}
          fill="none"
          stroke={series.color}
          strokeWidth={width + 4}
          strokeLinecap="round"
          vectorEffect="non-scaling-stroke"
        />
      )}
    </>
  );
}

/** Horizontal bars, one row per named item, from zero (negative to the left). */
export function LightBarsH({
  items,
  formatTick = String,
  labelWidth = 110,
}: {
  /** With an href, the row is a link (the bar opens what it stands for, by keyboard too). */
  items: readonly { key: string; label: string; value: number; color: string; href?: string }[];
  formatTick?: (value: number) => string;
  labelWidth?: number;
}) {
  const { domain, ticks } = niceScale(
    items.map((i) => i.value),
    { integers: true },
  );
  const x = (v: number) => toPercent(v, domain);
  return (
    <div className="flex h-full w-full flex-col text-[11px] text-ink-500">
      <div className="relative min-h-0 flex-1 pt-1">
        <div aria-hidden className="absolute top-0 right-4 bottom-0" style={{ left: labelWidth }}>
          {ticks.map((t) => (
            <span
              key={t}
              className="absolute top-0 bottom-0 w-px bg-[#e5e7eb]"
              style={{ left: `${x(t)}%` }}
            />
          ))}
        </div>
        <div className="relative flex h-full flex-col">
          {items.map((item) => {
            const from = Math.min(x(0), x(item.value));
            const row = (
              <>
                <span className="shrink-0 truncate pr-1.5 text-right" style={{ width: labelWidth }}>
                  {item.label}
                </span>
                <span className="relative mr-4 h-full flex-1">
                  <span
                    className="absolute top-[15%] bottom-[15%]"
                    style={{
                      left: `${from}%`,
                      width: `${Math.abs(x(item.value) - x(0))}%`,
                      background: item.color,
                    }}
                  />
                </span>
              </>
            );
            const className = 'flex min-h-0 flex-1 items-center';
            return item.href ? (
              <Link
                key={item.key}
                href={item.href}
                prefetch={false}
                className={`${className} hover:bg-ink-50`}
              >
                {row}
              </Link>
            ) : (
              <div key={item.key} className={className}>
                {row}
              </div>
            );
          })}
        </div>
      </div>
      <div className="relative mr-4 h-5 shrink-0" style={{ marginLeft: labelWidth }}>
        {ticks.map((t) => (
          <span
            key={t}
            className="absolute top-1 -translate-x-1/2 leading-none tabular-nums whitespace-nowrap"
            style={{ left: `${x(t)}%` }}
          >
            {formatTick(t)}
          </span>
        ))}
      </div>
    </div>
  );
}
