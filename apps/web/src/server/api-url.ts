import { readRawEnv } from '@keel/core/env';

/** Where the Next server reaches apps/server directly; read at request time, not baked into the build. */
export function apiBaseUrl(): string {
  return (readRawEnv('KEEL_API_URL') ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
}
