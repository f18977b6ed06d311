'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Input, Label } from '@/components/ui/input';

const DISMISS_REASONS = ['Already handled', 'Not relevant for this client', 'Wrong signal', 'Not now'];

/** Dismissing asks why: the reason is audited and teaches the ranking. */
export function DismissDialog({
  open,
  onOpenChange,
  onConfirm,
  busy,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: (reason: string) => void;
  busy: boolean;
}) {
  const [reason, setReason] = useState('');
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Dismiss this recommendation"
      description="Why? Your team sees the reason, and Keel ranks this type lower."
    >
      <div className="mt-4 flex flex-wrap gap-2">
        {DISMISS_REASONS.map((r) => (
          <Button
            key={r}
            size="sm"
            variant={reason === r ? 'primary' : 'secondary'}
            onClick={() => setReason(r)}
          >
            {r}
          </Button>
        ))}
      </div>
      <div className="mt-4">
        <Label htmlFor="dismiss-reason">Reason</Label>
        <Input
          id="dismiss-reason"
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="ghost" onClick={() => onOpenChange(false)}>
          Cancel
        </Button>
        <Button variant="danger" disabled={!reason.trim() || busy} onClick={() => onConfirm(reason.trim())}>
          Dismiss
        </Button>
      </div>
    </Dialog>
  );
}

const tomorrowNine = () => {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d;
};
const toLocalInput = (d: Date) => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Snoozing asks until when; the card comes back (as seen) at that time. */
export function SnoozeDialog({
  open,
  onOpenChange,
  onConfirm,
  busy,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: (until: Date) => void;
  busy: boolean;
}) {
  const [value, setValue] = useState(() => toLocalInput(tomorrowNine()));
  const until = new Date(value);
  const valid = !Number.isNaN(until.getTime()) && until.getTime() > Date.now();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Snooze until"
      description="The recommendation leaves the queue and returns at this time."
    >
      <div className="mt-4">
        <Label htmlFor="snooze-until">Until</Label>
        <Input
          id="snooze-until"
          type="datetime-local"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={!valid}
        />
      </div>
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="ghost" onClick={() => onOpenChange(false)}>
          Cancel
        </Button>
        <Button variant="primary" disabled={!valid || busy} onClick={() => onConfirm(until)}>
          Snooze
        </Button>
      </div>
    </Dialog>
  );
}
