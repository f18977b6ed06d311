import { cn } from '@/lib/cn';

export type Band = 'at_risk' | 'watch' | 'healthy' | 'unscored';

export const BAND_LABEL: Record<Band, string> = {
  at_risk: 'At risk',
  watch: 'Watch',
  healthy: 'Healthy',
  unscored: 'Not scored yet',
};

const BAND_COLOR: Record<Band, string> = {
  at_risk: 'bg-rose-500',
  watch: 'bg-amber-400',
  healthy: 'bg-emerald-500',
  unscored: 'bg-ink-200',
};

const ORDER: Band[] = ['at_risk', 'watch', 'healthy', 'unscored'];

/** The portfolio's health at a glance: one bar split by band, with a legend that carries the numbers. */
export function BandBar({ counts }: { counts: Record<Band, number> }) {
  const total = ORDER.reduce((n, b) => n + counts[b], 0);
  const summary = ORDER.filter((b) => counts[b] > 0)
    .map((b) => `${counts[b]} ${BAND_LABEL[b].toLowerCase()}`)
    .join(', ');
  return (
    <figure className="space-y-2">
      <div
        role="img"
        aria-label={`Health of ${total} projects: ${summary || 'none yet'}`}
        className="flex h-3 w-full overflow-hidden rounded-full bg-ink-100"
      >
        {total > 0 &&
          ORDER.map((b) =>
            counts[b] > 0 ? (
              <div
                key={b}
                className={cn('h-full', BAND_COLOR[b])}
                style={{ width: `${(counts[b] / total) * 100}%` }}
              />
            ) : null,
          )}
      </div>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-ink-600">
        {ORDER.map((b) => (
          <span key={b} className="inline-flex items-center gap-1.5">
            <span aria-hidden className={cn('size-2 rounded-full', BAND_COLOR[b])} />
            {BAND_LABEL[b]} <span className="font-semibold text-ink-900">{counts[b]}</span>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
