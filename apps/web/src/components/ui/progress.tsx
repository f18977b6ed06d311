import { cn } from '@/lib/cn';

/** A determinate bar when `value` (0..1) is known, an indeterminate sweep otherwise. */
export function ProgressBar({
  value,
  label,
  className,
}: {
  value: number | null;
  label: string;
  className?: string;
}) {
  const pct = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      className={cn('relative h-1.5 w-full overflow-hidden rounded-full bg-ink-100', className)}
    >
      {pct === null ? (
        <div className="absolute inset-y-0 w-1/3 animate-sweep rounded-full bg-accent-500" />
      ) : (
        <div
          className="h-full rounded-full bg-accent-500 transition-[width] duration-300"
          style={{ width: `${pct}%` }}
        />
      )}
    </div>
  );
}
