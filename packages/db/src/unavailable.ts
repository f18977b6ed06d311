/**
 * Whether an error means "the database cannot serve right now" (down, restarting, refusing
 * connections, or a statement cut off by its timeout) rather than a bug. Such requests are
 * answered 503 with the envelope, fast, instead of 500 after a long hang — callers retry.
 *
 * Drivers differ: postgres.js reports socket problems with Node's errno codes and its own
 * `CONNECTION_*` / `CONNECT_TIMEOUT` codes, server-side refusals with a SQLSTATE; Drizzle wraps
 * both in an error whose `cause` is the driver's. The whole cause chain is walked.
 */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/** SQLSTATEs: admin/crash shutdown, cannot connect now, too many connections, statement timeout. */
const SERVER_CODES: Record<string, string> = {
  '57P01': 'the database is shutting down',
  '57P02': 'the database is restarting after a crash',
  '57P03': 'the database is starting up',
  '53300': 'the database has no free connections',
  '57014': 'the query took longer than its statement timeout',
};

export function databaseUnavailableReason(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (SOCKET_CODES.has(code)) return 'the database is not reachable';
      const server = SERVER_CODES[code];
      if (server) return server;
      // Class 08: connection exceptions.
      if (/^08[0-9A-Z]{3}$/.test(code)) return 'the connection to the database failed';
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
