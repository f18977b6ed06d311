'use client';

import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { RouterOutputs } from '@/lib/trpc';

type Account = RouterOutputs['crm']['accounts']['items'][number];

export function AccountsTable({ accounts }: { accounts: Account[] }) {
  return (
    <Card>
      <CardHeader
        title={`Accounts (${accounts.length})`}
        description="Attio companies bound to this project and accounts created in Keel."
      />
      {accounts.length === 0 ? (
        <p className="px-5 pb-5 text-sm text-ink-500">No accounts yet.</p>
      ) : (
        <Table>
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>Domain</Th>
              <Th>Source</Th>
              <Th>Added</Th>
            </tr>
          </THead>
          <TBody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <Td className="font-medium text-ink-900">{a.name}</Td>
                <Td>{a.domain ?? '—'}</Td>
                <Td>
                  <Badge tone={a.source === 'attio' ? 'accent' : 'neutral'}>
                    {a.source === 'attio' ? 'Attio' : 'Keel'}
                  </Badge>
                </Td>
                <Td>
                  <RelativeTime iso={a.createdAt} />
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
