import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Logo } from '@/components/logo';
import { DEFAULT_LANDING } from '@/lib/landing';
import { serverLanding } from '@/server/landing';
import { loadSession } from '@/server/session';

export const metadata: Metadata = { title: 'Sign in' };

/** The page that sent the user here; null when none did (the landing then depends on the role). */
function safeNext(value: string | string[] | undefined): string | null {
  const next = Array.isArray(value) ? value[0] : value;
  // Only same-site paths: never bounce a signed-in user to another origin.
  return next?.startsWith('/') && !next.startsWith('//') ? next : null;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNext(params.next);
  const session = await loadSession();
  if (session.kind === 'signed-in') redirect(next ?? (await serverLanding(DEFAULT_LANDING)));

  return (
    <main className="grid min-h-dvh lg:grid-cols-[1fr_minmax(480px,40%)]">
      <section
        aria-hidden
        className="relative hidden overflow-hidden bg-ink-950 px-14 py-12 text-white lg:flex lg:flex-col lg:justify-between"
      >
        <div className="absolute inset-0 bg-[radial-gradient(ellipse_at_20%_10%,rgba(59,110,245,0.35),transparent_55%),radial-gradient(ellipse_at_90%_90%,rgba(16,185,129,0.18),transparent_50%)]" />
        <div className="relative flex items-center gap-2">
          <Logo withWordmark={false} />
          <span className="text-[17px] font-semibold tracking-tight">Keel</span>
        </div>
        <div className="relative max-w-lg">
          <p className="text-3xl leading-tight font-semibold tracking-tight">
            Every client project, its conversations, delivery and risk — in one calm place.
          </p>
          <p className="mt-4 text-[15px] text-ink-300">
            Keel keeps Chatwoot, Linear and Attio in sync, and tells your team which projects need attention
            before the client has to ask.
          </p>
        </div>
        <dl className="relative grid max-w-lg grid-cols-3 gap-6 text-sm">
          <div>
            <dt className="text-ink-400">Sources</dt>
            <dd className="mt-1 font-medium">Chatwoot · Linear · Attio</dd>
          </div>
          <div>
            <dt className="text-ink-400">Updates</dt>
            <dd className="mt-1 font-medium">Live, every sync</dd>
          </div>
          <div>
            <dt className="text-ink-400">Trail</dt>
            <dd className="mt-1 font-medium">Every action audited</dd>
          </div>
        </dl>
      </section>
      <section className="flex items-center justify-center px-6 py-12 sm:px-12">
        <div className="w-full max-w-sm">
          <Logo className="lg:hidden" />
          <h1 className="mt-8 text-2xl font-semibold tracking-tight text-ink-900 lg:mt-0">Sign in to Keel</h1>
          <p className="mt-1.5 text-sm text-ink-500">
            Use the e-mail and password of your workspace account.
          </p>
          {session.kind === 'unreachable' && (
            <p role="alert" className="mt-6 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
              The Keel API is not answering right now. Start it with{' '}
              <code className="font-mono">pnpm start</code> and try again.
            </p>
          )}
          <SignInForm next={next} />
        </div>
      </section>
    </main>
  );
}
