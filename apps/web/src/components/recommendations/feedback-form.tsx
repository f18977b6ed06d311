'use client';

import { ThumbsDown, ThumbsUp } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { Recommendation } from './labels';

/** Helpful or not, with an optional comment; it feeds the learned type weights. */
export function FeedbackForm({
  rec,
  onSubmit,
  busy,
}: {
  rec: Recommendation;
  onSubmit: (helpful: boolean, comment: string) => void;
  busy: boolean;
}) {
  const [comment, setComment] = useState(rec.feedbackComment ?? '');
  const given = rec.feedback;
  return (
    <div className="flex flex-wrap items-center gap-2 text-[13px] text-ink-600">
      <span>Was this useful?</span>
      <Button
        size="sm"
        variant={given === 'helpful' ? 'primary' : 'ghost'}
        aria-pressed={given === 'helpful'}
        disabled={busy}
        onClick={() => onSubmit(true, comment)}
      >
        <ThumbsUp className="size-3.5" aria-hidden /> Helpful
      </Button>
      <Button
        size="sm"
        variant={given === 'not_helpful' ? 'primary' : 'ghost'}
        aria-pressed={given === 'not_helpful'}
        disabled={busy}
        onClick={() => onSubmit(false, comment)}
      >
        <ThumbsDown className="size-3.5" aria-hidden /> Not helpful
      </Button>
      <Input
        aria-label="Feedback comment"
        placeholder="Comment (optional)"
        className="h-8 min-w-0 flex-1 basis-40"
        value={comment}
        maxLength={1000}
        onChange={(e) => setComment(e.target.value)}
      />
    </div>
  );
}
