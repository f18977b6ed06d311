import { redirect } from 'next/navigation';
import { serverLanding } from '@/server/landing';
import { loadSession } from '@/server/session';

/** Home: an executive's is the control tower; everyone else's the portfolio. */
export default async function Home() {
  const session = await loadSession();
  const landing = session.kind === 'signed-in' ? await serverLanding('/portfolio') : '/portfolio';
  redirect(landing === '/control-tower' ? landing : '/portfolio');
}
