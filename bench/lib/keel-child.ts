import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Keel's own entry points as child processes of a bench (API servers, worker loops):
 * `node --import tsx`, so a SIGKILL hits the process itself, and every child is killed when the
 * bench exits however it exits (no orphans). `ready` settles when `marker` appears on stdout.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type KeelChild = {
  name: string;
  proc: ChildProcess;
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** The last 20,000 characters of stdout and stderr. */
  output(): string;
};

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

export function spawnKeel(
  name: string,
  entry: string,
  argv: string[],
  env: Record<string, string>,
  marker: string,
): KeelChild {
  const proc = spawn(process.execPath, ['--import', 'tsx', entry, ...argv], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  proc.on('exit', () => children.delete(proc));
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  const ready = new Promise<void>((resolveReady, reject) => {
    proc.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (out.includes(marker)) resolveReady();
    });
    proc.stderr?.on('data', keep);
    proc.on('exit', (code) =>
      reject(new Error(`${name} exited (${code}) before it was ready:\n${out.slice(-3000)}`)),
    );
  });
  ready.catch(() => undefined);
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return { name, proc, ready, exited, output: () => out };
}
