import { cn } from '@/lib/cn';

/** The Keel mark: a hull line over a keel, drawn inline so it costs no request. */
export function Logo({ className, withWordmark = true }: { className?: string; withWordmark?: boolean }) {
  return (
    <span className={cn('inline-flex items-center gap-2', className)}>
      <svg viewBox="0 0 32 32" aria-hidden className="size-7 shrink-0">
        <rect width="32" height="32" rx="8" className="fill-accent-600" />
        <path d="M7 12h18l-3.5 6.5H10.5z" className="fill-white" />
        <path d="M15 18.5h2V25l-1 1.5-1-1.5z" className="fill-accent-200" />
      </svg>
      {withWordmark && <span className="text-[17px] font-semibold tracking-tight text-ink-900">Keel</span>}
    </span>
  );
}
