import type { Metadata } from 'next';
import { PORTFOLIO_FIRST, PORTFOLIO_WAITING } from '@/components/first-data/inputs';
import { PortfolioScreen } from '@/components/portfolio/portfolio-screen';
import { Prefetched } from '@/server/prefetch';

export const metadata: Metadata = { title: 'Portfolio' };

/** Workspace-wide: no active project needed. The first page of rows arrives with the HTML. */
export default function PortfolioPage() {
  return (
    <Prefetched
      queries={({ trpc, queryClient }) => [
        queryClient.prefetchQuery(trpc.portfolio.overview.queryOptions(PORTFOLIO_FIRST)),
        queryClient.prefetchQuery(trpc.portfolio.messages.queryOptions(PORTFOLIO_WAITING)),
      ]}
    >
      <PortfolioScreen />
    </Prefetched>
  );
}
