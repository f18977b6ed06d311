import type { RouterOutputs } from '@/lib/trpc';

export type Digest = RouterOutputs['digests']['daily']['items'][number];
export type DigestItem = Digest['sections'][number]['items'][number];
