'use client';

import { ExternalLink } from 'lucide-react';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { DeliveryStatus } from './delivery-status';
import type { Digest, DigestItem } from './types';

/**
 * One digest: its sections with one line per item, each opening the project page, the
 * conversation it is about, or the vendor page an action created; the delivery per channel.
 */
export function DigestCard({
  digest,
  title,
  onOpen,
}: {
  digest: Digest;
  title: string;
  onOpen: (item: DigestItem) => void;
}) {
  const filled = digest.sections.filter((s) => s.items.length > 0);
  return (
    <Card aria-label={title}>
      <CardHeader
        title={title}
        description={
          <>
            {digest.kind === 'daily' ? digest.periodKey : `Week of ${digest.periodKey}`} ·{' '}
            {digest.projectIds.length} {digest.projectIds.length === 1 ? 'project' : 'projects'} · as of{' '}
            <RelativeTime iso={digest.asOf} />
          </>
        }
      />
      <div className="space-y-4 px-4 pb-4 sm:px-5">
        {digest.nothingNew ? (
          <p className="text-sm text-ink-600" data-testid="nothing-new">
            {digest.renderedText}
          </p>
        ) : filled.length === 0 ? (
          <p className="text-sm text-ink-600">{digest.renderedText.split('\n').at(-1)}</p>
        ) : (
          filled.map((s) => (
            <section key={s.key} aria-label={s.title}>
              <h3 className="mb-1.5 text-[13px] font-semibold tracking-wide text-ink-500 uppercase">
                {s.title}
              </h3>
              <ul className="divide-y divide-line rounded-lg border border-line">
                {s.items.map((item) => (
                  <li key={item.key}>
                    <button
                      type="button"
                      onClick={() => onOpen(item)}
                      data-link={item.link.kind}
                      className="flex w-full flex-col gap-0.5 px-3 py-2 text-left hover:bg-ink-50 focus-visible:bg-ink-50 sm:flex-row sm:items-baseline sm:gap-3"
                    >
                      <span className="shrink-0 text-[13px] font-medium text-ink-900 sm:w-48 sm:truncate">
                        {item.projectName}
                      </span>
                      <span className="min-w-0 text-sm break-words text-ink-700">
                        {item.text}
                        {item.link.kind === 'external' && (
                          <ExternalLink className="ml-1 inline size-3" aria-label="opens the vendor page" />
                        )}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              {s.more > 0 && <p className="mt-1 text-[13px] text-ink-500">… and {s.more} more</p>}
            </section>
          ))
        )}
        <DeliveryStatus deliveries={digest.deliveries} />
      </div>
    </Card>
  );
}
