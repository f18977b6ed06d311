import type { ProjectScope } from '@keel/core/scope';
import { type SearchModeRequest, searchChunks } from '@keel/rag/search';
import type { AppDeps } from '../deps.ts';

type ProjectSearch = {
  query: string;
  limit: number;
  mode: SearchModeRequest;
  conversationId?: string | undefined;
  contactId?: string | undefined;
  source?: 'chatwoot' | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/** Hybrid (full-text + vector) search over the project's conversation chunks. */
export function searchProject(
  deps: Pick<AppDeps, 'db' | 'embeddings' | 'logger'>,
  scope: ProjectScope,
  search: ProjectSearch,
) {
  return searchChunks(
    deps.db,
    scope,
    search.query,
    search.limit,
    {
      conversationId: search.conversationId,
      contactId: search.contactId,
      source: search.source,
      from: search.from ? new Date(search.from) : undefined,
      to: search.to ? new Date(search.to) : undefined,
    },
    { provider: deps.embeddings, mode: search.mode, logger: deps.logger },
  );
}
