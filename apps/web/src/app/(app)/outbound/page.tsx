import type { Metadata } from 'next';
import { OutboundScreen } from '@/components/outbound/outbound-screen';

export const metadata: Metadata = { title: 'Outbound' };

export default function OutboundPage() {
  return <OutboundScreen />;
}
