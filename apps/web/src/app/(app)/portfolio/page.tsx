import type { Metadata } from 'next';
import { PortfolioScreen } from '@/components/portfolio/portfolio-screen';

export const metadata: Metadata = { title: 'Portfolio' };

/** Workspace-wide: no active project needed. */
export default function PortfolioPage() {
  return <PortfolioScreen />;
}
