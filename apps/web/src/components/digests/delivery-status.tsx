import { Badge, type Tone } from '@/components/ui/badge';
import type { Digest } from './types';

const TONES: Record<Digest['deliveries'][number]['status'], Tone> = {
  sent: 'success',
  failed: 'danger',
  skipped: 'neutral',
  pending: 'warning',
};
const CHANNELS = { in_app: 'In app', email: 'E-mail' } as const;

/** Per channel: sent, failed with the error, skipped or pending with why — a digest that did not go out is visible. */
export function DeliveryStatus({ deliveries }: { deliveries: Digest['deliveries'] }) {
  return (
    <ul aria-label="Delivery" className="flex flex-col gap-1.5 text-[13px]">
      {deliveries.map((d) => (
        <li key={d.channel} className="flex flex-wrap items-center gap-2">
          <span className="w-14 shrink-0 text-ink-500">{CHANNELS[d.channel]}</span>
          <Badge tone={TONES[d.status]} dot>
            {d.status}
          </Badge>
          {d.error && <span className="min-w-0 break-words text-ink-600">{d.error}</span>}
          {d.attempts > 1 && <span className="text-ink-400">{d.attempts} attempts</span>}
        </li>
      ))}
    </ul>
  );
}
