import type { Metadata } from 'next';
import { RequireProject } from '@/components/require-project';
import { SearchScreen } from '@/components/search/search-screen';

export const metadata: Metadata = { title: 'Search' };

export default function SearchPage() {
  return (
    <RequireProject title="Search">
      <SearchScreen />
    </RequireProject>
  );
}
