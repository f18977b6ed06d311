import type { DatabaseHandle } from '@keel/db/client';
import type { Sql } from 'postgres';

/** COPY … FROM as the baseline write path, on whichever driver the handle uses. */
export const COPY_COLUMNS = [
  'account_scope_id',
  'project_id',
  'cw_message_id',
  'cw_conversation_id',
  'cw_inbox_id',
  'cw_contact_id',
  'message_type',
  'private',
  'sender_type',
  'sender_id',
  'sender_name',
  'content_type',
  'status',
  'content',
  'has_attachments',
  'created_at_source',
  'raw',
] as const;

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(rows: Array<Record<string, unknown>>): string {
  return `${rows.map((r) => COPY_COLUMNS.map((c) => csvField(r[c])).join(',')).join('\n')}\n`;
}

export async function copyRows(handle: DatabaseHandle, csv: string): Promise<void> {
  const statement = `copy cw_messages (${COPY_COLUMNS.join(', ')}) from stdin with (format csv)`;
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.kind === 'pglite') {
    const pg = client as { query(q: string, params: unknown[], options: { blob: Blob }): Promise<unknown> };
    await pg.query(statement.replace('from stdin', "from '/dev/blob'"), [], { blob: new Blob([csv]) });
    return;
  }
  const sql = client as Sql;
  const writable = await sql.unsafe(statement).writable();
  await new Promise<void>((resolve, reject) => {
    writable.on('error', reject);
    writable.on('finish', () => resolve());
    writable.end(csv);
  });
}
