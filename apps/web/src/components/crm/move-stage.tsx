'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/input';
import { InlineError } from '@/components/ui/states';
import { messageOf } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';

/** Moves one deal: Attio first when it is an Attio deal, then Keel's mirror (the server does both). */
export function MoveStage({
  id,
  title,
  stage,
  stages,
}: {
  id: string;
  title: string;
  stage: string;
  stages: string[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState(stage);
  const move = useMutation(
    trpc.crm.moveStage.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() }),
    }),
  );
  const selectId = `stage-${id}`;
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (target !== stage) move.mutate({ id, stage: target });
      }}
    >
      <label htmlFor={selectId} className="sr-only">
        Stage of {title}
      </label>
      <Select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)} className="h-8 w-auto">
        {stages.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </Select>
      <Button
        size="sm"
        type="submit"
        disabled={target === stage || move.isPending}
        aria-label={`Move ${title}`}
      >
        {move.isPending ? 'Moving…' : 'Move'}
      </Button>
      {move.error && <InlineError>{messageOf(move.error)}</InlineError>}
    </form>
  );
}
