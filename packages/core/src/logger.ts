import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Paths whose values never reach a log line, whatever logs them. */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'credentials',
  '*.credentials',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers.api_access_token',
  'headers.authorization',
  'headers.api_access_token',
];

export function loggerOptions(level: string, pretty = false): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss' } } }
      : {}),
  };
}

export function createLogger(level = 'info', pretty = false): Logger {
  return pino(loggerOptions(level, pretty));
}

/** A logger that drops everything, for tests and pure helpers that accept an optional logger. */
export const silentLogger: Logger = pino({ level: 'silent' });
