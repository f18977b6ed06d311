'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { InlineError } from '@/components/ui/states';
import { Spinner } from '@/components/ui/spinner';
import { setCsrfToken } from '@/lib/csrf';
import { errorCode, messageOf } from '@/lib/errors';
import { landingFor } from '@/lib/landing';
import { useTRPC } from '@/lib/trpc';

function signInMessage(error: unknown): string {
  const code = errorCode(error);
  if (code === 'unauthorized')
    return 'That e-mail and password do not match an account. Check both and try again.';
  if (code === 'validation_error') return 'Enter a valid e-mail address and your password.';
  return messageOf(error);
}

/** `next`: the page that sent the user here; without one, the landing of the user's role. */
export function SignInForm({ next }: { next: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async (result) => {
        setCsrfToken(result.csrfToken);
        queryClient.clear();
        const target =
          next ??
          landingFor(
            (await queryClient.fetchQuery(trpc.auth.me.queryOptions()).catch(() => null))?.workspaceRole,
          );
        router.replace(target);
        router.refresh();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ email, password });
  }

  const failed = login.isError;
  return (
    <form
      onSubmit={submit}
      className="mt-8 space-y-5"
      noValidate
      aria-describedby={failed ? 'sign-in-error' : undefined}
    >
      {failed && <InlineError id="sign-in-error">{signInMessage(login.error)}</InlineError>}
      <div>
        <Label htmlFor="email">E-mail</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={failed}
        />
      </div>
      <div>
        <Label htmlFor="password">Password</Label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={failed}
        />
      </div>
      <Button
        type="submit"
        variant="primary"
        className="w-full"
        disabled={login.isPending || login.isSuccess}
      >
        {(login.isPending || login.isSuccess) && <Spinner />}
        {login.isPending || login.isSuccess ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
