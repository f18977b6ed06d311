import type { NextConfig } from 'next';

const production = process.env.NODE_ENV === 'production';

/**
 * Browser-facing headers on every page. The CSP forbids framing (clickjacking) and other
 * origins' scripts; Next's inline bootstrap scripts and Tailwind's inline styles still need
 * 'unsafe-inline' (no nonces without dynamic rendering everywhere). Development adds
 * 'unsafe-eval' for React's refresh runtime. HSTS only in production (plain http in dev).
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${production ? '' : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: csp },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  ...(production ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] : []),
];

/** API paths are forwarded to apps/server by src/proxy.ts at request time (KEEL_API_URL). */
const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  transpilePackages: ['@keel/core'],
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
