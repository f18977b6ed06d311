import type { Metadata } from 'next';
import { RecommendationsScreen } from '@/components/recommendations/recommendations-screen';

export const metadata: Metadata = { title: 'Recommendations' };

/** Across the caller's projects: no active project needed. */
export default function RecommendationsPage() {
  return <RecommendationsScreen />;
}
