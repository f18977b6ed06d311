/**
 * The arithmetic of the light charts (plain SVG, drawn with the page): positions in a 0–100 box
 * that the SVG stretches to its container, so the same markup fits a phone and a desktop
 * without measuring anything, on the server or in the browser.
 */

/** Where `value` sits along `[lo, hi]`, as a percentage (0 at `lo`); the middle of an empty domain. */
export function toPercent(value: number, [lo, hi]: readonly [number, number]): number {
  if (hi === lo) return 50;
  return ((value - lo) / (hi - lo)) * 100;
}

/** A round step near `span / count`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || count < 1) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * A domain covering every value (and zero, so bars and amounts start from it) with round ends,
 * and the ticks on it, about `count` intervals. Whole numbers only when `integers`.
 */
export function niceScale(
  values: readonly number[],
  { count = 4, integers = false }: { count?: number; integers?: boolean } = {},
): { domain: [number, number]; ticks: number[] } {
  const lo0 = Math.min(0, ...values);
  const hi0 = Math.max(0, ...values);
  if (lo0 === hi0) return { domain: [0, 1], ticks: [0, 1] };
  let step = niceStep(hi0 - lo0, count);
  if (integers) step = Math.max(1, Math.ceil(step));
  const lo = Math.floor(lo0 / step) * step;
  const hi = Math.ceil(hi0 / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's own precision, so 0.1 + 0.2 never shows as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toFixed(digits)));
  return { domain: [lo, hi], ticks };
}

/**
 * Where the i-th of `n` categories sits along the x axis, in percent: the middle of its band when
 * the chart has bars, else from edge to edge (a lone point in the middle).
 */
export function xPercent(i: number, n: number, banded: boolean): number {
  if (banded) return ((i + 0.5) / n) * 100;
  return n <= 1 ? 50 : (i / (n - 1)) * 100;
}

/**
 * The SVG path of one series in the 0–100 box (y grows downwards, so high values are near 0);
 * a null value breaks the line, as a day without data is a gap and not a drop to zero.
 */
export function linePath(
  values: readonly (number | null)[],
  domain: readonly [number, number],
  banded = false,
): string {
  const parts: string[] = [];
  let open = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      open = false;
      return;
    }
    const x = round(xPercent(i, values.length, banded));
    const y = round(100 - toPercent(v, domain));
    parts.push(`${open ? 'L' : 'M'}${x} ${y}`);
    open = true;
  });
  return parts.join(' ');
}

/** The same points as zero-length segments: with round caps they draw as dots of the stroke's width. */
export function dotsPath(
  values: readonly (number | null)[],
  domain: readonly [number, number],
  banded = false,
): string {
  const parts: string[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    parts.push(`M${round(xPercent(i, values.length, banded))} ${round(100 - toPercent(v, domain))}h0`);
  });
  return parts.join(' ');
}

/**
 * Which of `n` axis labels to print so that at most `max` show, evenly spaced, always the first;
 * the last too when it lands on the spacing.
 */
export function labelIndices(n: number, max: number): number[] {
  if (n <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const every = Math.ceil(n / Math.max(1, max));
  const out: number[] = [];
  for (let i = 0; i < n; i += every) out.push(i);
  return out;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
