import { ServerCrash } from 'lucide-react';
import { Logo } from './logo';

/** Shown by the server when apps/server does not answer: what is wrong and what to do. */
export function ApiUnreachable() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
      <Logo />
      <div className="mt-10 flex size-12 items-center justify-center rounded-full bg-rose-50 text-rose-600">
        <ServerCrash aria-hidden className="size-6" />
      </div>
      <h1 className="mt-4 text-lg font-semibold text-ink-900">The Keel API is not answering</h1>
      <p className="mt-2 max-w-md text-sm text-ink-500">
        The web app could not reach the API server. Start the whole stack with{' '}
        <code className="font-mono">pnpm start</code>, or point{' '}
        <code className="font-mono">KEEL_API_URL</code> at a running server, then reload this page.
      </p>
    </main>
  );
}
