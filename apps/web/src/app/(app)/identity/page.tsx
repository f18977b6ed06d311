import type { Metadata } from 'next';
import { IdentityScreen } from '@/components/identity/identity-screen';

export const metadata: Metadata = { title: 'Identity review' };

export default function IdentityPage() {
  return <IdentityScreen />;
}
