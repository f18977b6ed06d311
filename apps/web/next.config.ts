import type { NextConfig } from 'next';

/** API paths are forwarded to apps/server by src/proxy.ts at request time (KEEL_API_URL). */
const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  transpilePackages: ['@keel/core'],
};

export default nextConfig;
