'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CheckCircle2, PlugZap } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Input, Label } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { InlineError } from '@/components/ui/states';
import { messageOf } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { type ConnectorName, META } from './model';

const TOKEN_HELP: Record<ConnectorName, string> = {
  chatwoot: 'An access token from Chatwoot → Profile settings.',
  linear: 'A personal API key from Linear → Settings → API.',
  attio: 'An access token from Attio → Workspace settings → Developers.',
  loops: 'An API key from Loops → Settings → API.',
};

/**
 * Stores a connector's token (encrypted by the API, never shown again) and checks it against
 * the vendor right away, so a typo is caught here rather than at the next sync.
 */
export function CredentialsDialog({
  connector,
  open,
  onOpenChange,
  configured,
}: {
  connector: ConnectorName;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  configured: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [accountId, setAccountId] = useState('');
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.connectors.pathKey() });
  const test = useMutation(trpc.connectors.test.mutationOptions({ onSettled: invalidate }));
  const save = useMutation(
    trpc.connectors.setCredentials.mutationOptions({
      onSuccess: () => {
        setToken('');
        void invalidate();
        test.mutate({ name: connector });
      },
    }),
  );
  const meta = META[connector];

  function submit(event: FormEvent) {
    event.preventDefault();
    test.reset();
    save.mutate({
      name: connector,
      token,
      ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
      ...(connector === 'chatwoot' && accountId.trim() ? { accountId: accountId.trim() } : {}),
    });
  }

  const busy = save.isPending || test.isPending;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          save.reset();
          test.reset();
        }
        onOpenChange(next);
      }}
      title={`${meta.name} connection`}
      description={
        configured
          ? 'A token is stored for this workspace. Enter a new one to replace it, or test the stored one.'
          : `Connect ${meta.name} to bring its data into Keel. The token is encrypted and never shown again.`
      }
    >
      <form onSubmit={submit} className="space-y-4">
        <div>
          <Label htmlFor="cred-token">API token</Label>
          <Input
            id="cred-token"
            type="password"
            autoComplete="off"
            required
            minLength={8}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby="cred-token-help"
          />
          <p id="cred-token-help" className="mt-1 text-xs text-ink-500">
            {TOKEN_HELP[connector]}
          </p>
        </div>
        <div>
          <Label htmlFor="cred-url">Server URL (optional)</Label>
          <Input
            id="cred-url"
            type="url"
            placeholder={
              connector === 'chatwoot' ? 'https://app.chatwoot.com' : 'Leave empty for the cloud service'
            }
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
        </div>
        {connector === 'chatwoot' && (
          <div>
            <Label htmlFor="cred-account">Account number</Label>
            <Input
              id="cred-account"
              inputMode="numeric"
              pattern="[0-9]*"
              placeholder="e.g. 1"
              value={accountId}
              onChange={(e) => setAccountId(e.target.value)}
            />
          </div>
        )}

        {save.isError && <InlineError>{messageOf(save.error)}</InlineError>}
        {test.isError && <InlineError>{messageOf(test.error)}</InlineError>}
        {test.data &&
          (test.data.ok ? (
            <p
              role="status"
              className="flex items-center gap-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
            >
              <CheckCircle2 aria-hidden className="size-4" />
              Connected{test.data.account ? ` to ${test.data.account}` : ''}.
            </p>
          ) : (
            <InlineError>{test.data.error ?? 'The connection test failed.'}</InlineError>
          ))}

        <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
          {configured && (
            <Button onClick={() => test.mutate({ name: connector })} disabled={busy}>
              {test.isPending ? <Spinner /> : <PlugZap aria-hidden className="size-4" />}
              Test stored token
            </Button>
          )}
          <Button type="submit" variant="primary" disabled={busy || token.trim().length < 8}>
            {save.isPending && <Spinner />}
            Save and test
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
