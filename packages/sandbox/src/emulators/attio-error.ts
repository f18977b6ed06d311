import type { Res } from '../http/server.ts';

/** Attio's error envelope: `{status_code, type, code, message}`. */
export function attioError(status: number, type: string, code: string, message: string): Res {
  return { status, body: { status_code: status, type, code, message } };
}
