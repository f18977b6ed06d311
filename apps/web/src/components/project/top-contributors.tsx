import { FileSearch } from 'lucide-react';
import { formatPercent, humanize } from '@/lib/format';
import { type Contributor, OTHER_CONTRIBUTORS, type Signal } from './model';

const signalOf = (signals: Signal[], c: Contributor) =>
  signals.find((s) => s.key === c.signalKey && s.subjectKey === c.subjectKey);

/**
 * The signals behind the deduction, largest share first. A share is of the points health lost
 * (100 − health), so the list answers "why this number?" exactly; each signal opens its evidence.
 */
export function TopContributors({
  contributors,
  deduction,
  signals,
  onOpen,
}: {
  contributors: Contributor[];
  deduction: number;
  signals: Signal[];
  onOpen: (signal: Signal) => void;
}) {
  return (
    <ol aria-label="Top contributors" className="divide-y divide-line border-t border-line">
      {contributors.map((c) => {
        const signal = c.signalKey === OTHER_CONTRIBUTORS ? undefined : signalOf(signals, c);
        const title =
          signal?.title ?? (c.signalKey === OTHER_CONTRIBUTORS ? 'Smaller signals' : humanize(c.signalKey));
        return (
          <li key={`${c.signalKey}:${c.subjectKey}`} className="flex items-start gap-3 px-5 py-3">
            <div className="min-w-0 flex-1">
              <div className="flex items-baseline justify-between gap-3">
                <span className="truncate text-[13px] font-medium text-ink-900">{title}</span>
                <span className="shrink-0 text-[13px] tabular-nums text-ink-700">
                  {formatPercent(c.share)}{' '}
                  <span className="text-xs text-ink-500">(−{(c.share * deduction).toFixed(1)})</span>
                </span>
              </div>
              <div aria-hidden className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-ink-100">
                <div className="h-full rounded-full bg-rose-400" style={{ width: `${c.share * 100}%` }} />
              </div>
              {signal && <p className="mt-1.5 line-clamp-2 text-[13px] text-ink-500">{signal.sentence}</p>}
            </div>
            {signal && signal.evidence.length > 0 && (
              <button
                type="button"
                onClick={() => onOpen(signal)}
                aria-label={`Evidence for ${title}`}
                className="inline-flex shrink-0 items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-accent-700 hover:bg-accent-50 focus-visible:outline-2 focus-visible:outline-accent-500"
              >
                <FileSearch aria-hidden className="size-3.5" />
                Evidence
              </button>
            )}
          </li>
        );
      })}
    </ol>
  );
}
