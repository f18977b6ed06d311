'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Input, Label, Select } from '@/components/ui/input';
import { InlineError } from '@/components/ui/states';
import { messageOf } from '@/lib/errors';
import { type RouterOutputs, useTRPC } from '@/lib/trpc';

type Account = RouterOutputs['crm']['accounts']['items'][number];

/** A fresh key per opened form: a double submit or a retry after a timeout is one deal in Attio. */
const newKey = () => `web-${crypto.randomUUID()}`;

export function NewOpportunity({ stages, accounts }: { stages: string[]; accounts: Account[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [key, setKey] = useState(newKey);
  const [title, setTitle] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [stage, setStage] = useState('');
  const [account, setAccount] = useState('');
  const create = useMutation(
    trpc.crm.createOpportunity.mutationOptions({
      onSuccess: () => {
        setTitle('');
        setAmount('');
        setKey(newKey());
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.crm.pathKey() }),
    }),
  );
  return (
    <Card className="mb-6">
      <CardHeader
        title="New opportunity"
        description="Created in Attio when it is connected, then shown here."
      />
      <form
        className="grid grid-cols-1 gap-3 px-5 pb-5 sm:grid-cols-2 lg:grid-cols-6"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({
            title,
            amountMinor: Math.round(Number(amount || '0') * 100),
            currency,
            ...(stage ? { stage } : {}),
            ...(account ? { crmAccountId: account } : {}),
            idempotencyKey: key,
          });
        }}
      >
        <div className="lg:col-span-2">
          <Label htmlFor="opp-title">Title</Label>
          <Input
            id="opp-title"
            required
            maxLength={300}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div>
          <Label htmlFor="opp-amount">Amount</Label>
          <Input
            id="opp-amount"
            inputMode="decimal"
            pattern="[0-9]+([.][0-9]{1,2})?"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        </div>
        <div>
          <Label htmlFor="opp-currency">Currency</Label>
          <Select id="opp-currency" value={currency} onChange={(e) => setCurrency(e.target.value)}>
            {['USD', 'EUR', 'GBP', 'RUB'].map((c) => (
              <option key={c}>{c}</option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="opp-stage">Stage</Label>
          <Select id="opp-stage" value={stage} onChange={(e) => setStage(e.target.value)}>
            <option value="">{stages[0] ?? 'First stage'}</option>
            {stages.slice(1).map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="opp-account">Account</Label>
          <Select id="opp-account" value={account} onChange={(e) => setAccount(e.target.value)}>
            <option value="">None</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-6">
          <Button type="submit" variant="primary" disabled={create.isPending || title.trim() === ''}>
            {create.isPending ? 'Creating…' : 'Create opportunity'}
          </Button>
          {create.error && <InlineError>{messageOf(create.error)}</InlineError>}
        </div>
      </form>
    </Card>
  );
}
