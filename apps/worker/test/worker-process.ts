import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readRawEnv } from '@keel/core/env';

/** Spawning real worker processes (tsx) for the crash and multi-process tests. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SLOW_JOBS = fileURLToPath(new URL('./fixtures/slow-jobs.ts', import.meta.url));

export type WorkerChild = {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<number | null>;
  output: () => string;
};

export function spawnWorker(
  entry: 'worker' | 'worker-loop',
  args: string[],
  env: Record<string, string>,
): WorkerChild {
  const child = spawn(process.execPath, ['--import', 'tsx', `apps/worker/src/${entry}.ts`, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: readRawEnv('PATH') ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('worker loop started') || out.includes('worker tick finished')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('exit', () => reject(new Error(`worker exited before it was ready:\n${out}`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => out };
}
