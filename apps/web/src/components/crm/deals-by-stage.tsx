'use client';

import { ExternalLink } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { formatMoney } from '@/lib/format';
import type { RouterOutputs } from '@/lib/trpc';
import { MoveStage } from './move-stage';

type Deal = RouterOutputs['crm']['opportunities']['items'][number];
type StageLine = RouterOutputs['crm']['overview']['pipeline'][number];

const STATUS_TONE = { open: 'info', won: 'success', lost: 'neutral' } as const;

function DealCard({
  deal,
  stages,
  writer,
  stalled,
}: {
  deal: Deal;
  stages: string[];
  writer: boolean;
  stalled: boolean;
}) {
  return (
    <li
      className="rounded-lg border border-line bg-white p-3 shadow-xs"
      data-testid="crm-deal"
      data-deal={deal.title}
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium text-ink-900" title={deal.title}>
            {deal.title}
          </p>
          <p className="truncate text-xs text-ink-500">{deal.accountName ?? 'No account'}</p>
        </div>
        {deal.webUrl && (
          <a
            href={deal.webUrl}
            target="_blank"
            rel="noreferrer"
            className="text-ink-400 hover:text-ink-700"
            aria-label={`Open ${deal.title} in Attio`}
          >
            <ExternalLink aria-hidden className="size-4" />
          </a>
        )}
      </div>
      <p className="mt-2 text-sm font-semibold text-ink-900">
        {formatMoney(deal.amountMinor, deal.currency)}
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-ink-500">
        <Badge tone={STATUS_TONE[deal.status]}>{deal.status}</Badge>
        {stalled && <Badge tone="warning">stalled</Badge>}
        {deal.source === 'manual' && <Badge tone="neutral">Keel only</Badge>}
        {deal.stageChangedAt && (
          <span>
            in stage since <RelativeTime iso={deal.stageChangedAt} />
          </span>
        )}
      </div>
      {writer && (
        <div className="mt-3">
          <MoveStage id={deal.id} title={deal.title} stage={deal.stage} stages={stages} />
        </div>
      )}
    </li>
  );
}

/** The deals in stage columns (stacked on a phone), pipeline order first, then any other stage in use. */
export function DealsByStage({
  deals,
  stages,
  writer,
  stalledIds,
  pipeline,
}: {
  deals: Deal[];
  stages: string[];
  writer: boolean;
  stalledIds: Set<string>;
  /** The overview's open amounts by stage and currency (closed stages have none). */
  pipeline: StageLine[];
}) {
  const columns = [...new Set([...stages, ...deals.map((d) => d.stage)])];
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-4">
      {columns.map((stage) => {
        const inStage = deals.filter((d) => d.stage === stage);
        return (
          <section
            key={stage}
            aria-label={`Stage ${stage}`}
            data-testid="crm-stage"
            data-stage={stage}
            className="rounded-xl bg-ink-50 p-3"
          >
            <h3 className="mb-2 flex items-center justify-between text-[13px] font-semibold text-ink-800">
              {stage}
              <span className="text-xs font-normal text-ink-500">{inStage.length}</span>
            </h3>
            {pipeline.some((l) => l.stage === stage) && (
              <p className="mb-2 text-xs text-ink-600">
                {pipeline
                  .filter((l) => l.stage === stage)
                  .map((l) => formatMoney(l.amountMinor, l.currency))
                  .join(' · ')}{' '}
                open
              </p>
            )}
            {inStage.length === 0 ? (
              <p className="text-xs text-ink-500">No deals.</p>
            ) : (
              <ul className="space-y-2">
                {inStage.map((d) => (
                  <DealCard
                    key={d.id}
                    deal={d}
                    stages={stages}
                    writer={writer}
                    stalled={stalledIds.has(d.id)}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
