import Link from 'next/link';
import { Logo } from '@/components/logo';

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
      <Logo />
      <p className="mt-10 text-sm font-semibold text-accent-600">404</p>
      <h1 className="mt-2 text-xl font-semibold text-ink-900">This page does not exist</h1>
      <p className="mt-2 text-sm text-ink-500">The link may be old, or the page moved.</p>
      <Link href="/connectors" className="mt-6 text-sm font-medium text-accent-700 hover:underline">
        Back to Keel
      </Link>
    </main>
  );
}
