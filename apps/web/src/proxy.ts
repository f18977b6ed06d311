import { type NextRequest, NextResponse } from 'next/server';
import { apiBaseUrl } from '@/server/api-url';

/**
 * Forwards the API's paths to apps/server at request time, so the browser sees one origin
 * (session cookie, CSRF header and the SSE stream need no CORS) and one production build
 * works against any KEEL_API_URL.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  return NextResponse.rewrite(new URL(`${pathname}${search}`, apiBaseUrl()));
}

export const config = {
  matcher: ['/trpc/:path*', '/events/:path*', '/auth/:path*', '/openapi.json', '/health'],
};
