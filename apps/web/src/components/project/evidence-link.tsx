import { ExternalLink, MessageSquare } from 'lucide-react';
import Link from 'next/link';
import type { EvidenceItem } from './model';

const linkClass =
  'inline-flex items-center gap-1 text-[13px] font-medium text-accent-700 hover:underline focus-visible:outline-2 focus-visible:outline-accent-500';

/** The message's place in Keel's conversation screen, which scrolls to and marks `m`. */
export function conversationHref(conversationId: number, messageId: number | null): string {
  const base = `/conversations/${conversationId}`;
  return messageId === null ? base : `${base}?m=${messageId}`;
}

/**
 * Where one piece of evidence lives: a client message opens in Keel; an issue or a deal opens
 * at the vendor when the sync stored its page, otherwise its identifier is shown to look up.
 */
export function EvidenceLink({ target }: { target: EvidenceItem['target'] }) {
  if (!target) return <span className="text-xs text-ink-400">No link: the row is gone or has no page</span>;
  if (target.kind === 'conversation')
    return (
      <Link href={conversationHref(target.conversationId, target.messageId)} className={linkClass}>
        <MessageSquare aria-hidden className="size-3.5" />
        {target.messageId === null ? 'Open the conversation' : 'Open the message'}
      </Link>
    );
  if (target.url)
    return (
      <a href={target.url} target="_blank" rel="noopener noreferrer" className={linkClass}>
        <ExternalLink aria-hidden className="size-3.5" />
        Open {target.identifier}
      </a>
    );
  return <span className="font-mono text-xs text-ink-700">{target.identifier}</span>;
}
