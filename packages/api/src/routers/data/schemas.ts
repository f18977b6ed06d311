import { z } from 'zod';

/** The seed's raw data endpoints over the Chatwoot mirror, newest first with a cursor. */
export const tags = ['Data'];
export const limit = z.coerce.number().int().min(1).max(200).default(50);
export const cursor = z.string().max(200).optional();
export const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const time = z.iso.datetime({ offset: true });
/** A time in a response. */
export const at = z.iso.datetime();

export const pageOut = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
