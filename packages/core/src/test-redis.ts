import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';

/**
 * A throwaway `redis-server` that a test (or the fault run) may stop and start at will — never
 * the machine's own Redis, which other tests share. No persistence; same port across restarts.
 *
 *   const redis = await startTestRedis();   // redis.url = redis://127.0.0.1:PORT
 *   await redis.stop(); await redis.start(); await redis.close();
 */
export type TestRedis = {
  port: number;
  url: string;
  running(): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
};

/** A port nothing listens on right now (bound, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => done(true));
  });
}

export async function startTestRedis(
  options: { port?: number; binary?: string; dir?: string } = {},
): Promise<TestRedis> {
  const port = options.port ?? (await freePort());
  const binary = options.binary ?? 'redis-server';
  let child: ChildProcess | null = null;

  const start = async () => {
    if (child) return;
    const proc = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore', ...(options.dir ? { cwd: options.dir } : {}) },
    );
    child = proc;
    proc.once('exit', () => {
      if (child === proc) child = null;
    });
    const until = Date.now() + 10_000;
    while (!(await canConnect(port))) {
      if (!child) throw new Error(`redis-server on port ${port} exited at start`);
      if (Date.now() > until) throw new Error(`redis-server on port ${port} did not start within 10 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  const stop = async () => {
    const proc = child;
    if (!proc) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGKILL');
    await exited;
    child = null;
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    running: () => child !== null,
    start,
    stop,
    close: stop,
  };
}
