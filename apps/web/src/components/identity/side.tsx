import { KIND_LABEL } from './labels';

type Side = { kind: string; ref: string; label: string | null; detail: string | null };

/** One record of a pair: its system, who it is, and the detail that tells namesakes apart. */
export function SideCell({ side }: { side: Side }) {
  return (
    <div className="min-w-0">
      <p className="text-[11px] font-medium tracking-wide text-ink-500 uppercase">
        {KIND_LABEL[side.kind] ?? side.kind}
      </p>
      <p className="truncate text-sm font-medium text-ink-900" title={side.label ?? side.ref}>
        {side.label ?? <span className="text-ink-500">#{side.ref}</span>}
      </p>
      {side.detail && (
        <p className="truncate text-xs text-ink-500" title={side.detail}>
          {side.detail}
        </p>
      )}
    </div>
  );
}
