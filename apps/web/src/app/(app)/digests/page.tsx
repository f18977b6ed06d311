import type { Metadata } from 'next';
import { DigestsScreen } from '@/components/digests/digests-screen';

export const metadata: Metadata = { title: 'Digests' };

/** The caller's own daily and weekly digests, across their projects: no active project needed. */
export default function DigestsPage() {
  return <DigestsScreen />;
}
