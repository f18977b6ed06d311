import { cn } from '@/lib/cn';

/** A 14-day risk probability as people read it: whole percent, red while the at-risk flag is up. */
export function formatRiskPercent(p: number): string {
  return `${Math.round(p * 100)} %`;
}

export function Risk14d({ value, atRisk }: { value: number | null; atRisk: boolean | null }) {
  if (value === null)
    return (
      <span className="text-[13px] text-ink-400" title="No forecast yet, or not enough history">
        —
      </span>
    );
  return (
    <span
      className={cn('text-[13px] font-medium whitespace-nowrap', atRisk ? 'text-rose-700' : 'text-ink-700')}
      title={
        atRisk ? 'Chance of a risk event within 14 days — at risk' : 'Chance of a risk event within 14 days'
      }
    >
      {formatRiskPercent(value)}
    </span>
  );
}

export type PortfolioSort = 'worst' | 'risk14d';

/** The two orders the list offers, as a small segmented control. */
export function SortToggle({
  sort,
  onChange,
}: {
  sort: PortfolioSort;
  onChange: (s: PortfolioSort) => void;
}) {
  const options: Array<[PortfolioSort, string]> = [
    ['worst', 'Worst first'],
    ['risk14d', '14-day risk'],
  ];
  return (
    <fieldset
      aria-label="Sort projects"
      className="m-0 flex min-w-0 rounded-lg border border-line p-0.5 text-[13px]"
    >
      {options.map(([value, label]) => (
        <button
          key={value}
          type="button"
          aria-pressed={sort === value}
          onClick={() => onChange(value)}
          className={cn(
            'rounded-md px-2.5 py-1 focus-visible:outline-2 focus-visible:outline-accent-500',
            sort === value ? 'bg-ink-900 text-white' : 'text-ink-600 hover:bg-ink-100',
          )}
        >
          {label}
        </button>
      ))}
    </fieldset>
  );
}
