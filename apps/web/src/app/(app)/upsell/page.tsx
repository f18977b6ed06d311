import type { Metadata } from 'next';
import { UpsellScreen } from '@/components/upsell/upsell-screen';

export const metadata: Metadata = { title: 'Upsell radar' };

export default function UpsellPage() {
  return <UpsellScreen />;
}
