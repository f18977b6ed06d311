/**
 * The session's CSRF token, read by the tRPC link on every request. It arrives with the
 * login response and with `auth.me`; the cookie itself is httpOnly and never readable here.
 */
let token: string | null = null;

export function setCsrfToken(value: string | null | undefined): void {
  token = value ?? null;
}

export function csrfHeaders(): Record<string, string> {
  return token ? { 'x-csrf-token': token } : {};
}
