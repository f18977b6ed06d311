import type { Metadata } from 'next';
import { ContinuityScreen } from '@/components/continuity/continuity-screen';

export const metadata: Metadata = { title: 'Continuity' };

export default function ContinuityPage() {
  return <ContinuityScreen />;
}
