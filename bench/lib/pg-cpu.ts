import { readFileSync } from 'node:fs';
import postgres from 'postgres';

/**
 * CPU time of the PostgreSQL backends serving one database, read from /proc/<pid>/stat
 * (utime + stime, in clock ticks of 1/100 s on Linux) for every pid pg_stat_activity lists for
 * that database. The server must run on this machine. A sampler re-reads every `everyMs`, so a
 * backend that exits between the first and the last reading still counts up to its last sample.
 */
const TICK_MS = 10;

function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

export type BackendCpu = {
  /** CPU used so far by the database's backends (read now, no sampling wait). */
  sofar(): Promise<number>;
  stop(): Promise<number>;
  readonly backends: number;
};

export async function watchBackendCpu(server: string, database: string, everyMs = 500): Promise<BackendCpu> {
  const admin = postgres(server, { max: 1, onnotice: () => undefined });
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = async (initial: boolean) => {
    const rows = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database}`;
    for (const { pid } of rows) {
      const ms = cpuMsOf(pid);
      if (ms === null) continue;
      // A backend first seen after the start did all its work inside the window.
      if (!first.has(pid)) first.set(pid, initial ? ms : 0);
      last.set(pid, ms);
    }
  };
  await sample(true);
  let pending = Promise.resolve();
  const timer = setInterval(() => {
    pending = pending.then(() => sample(false)).catch(() => undefined);
  }, everyMs);
  const total = () => {
    let sum = 0;
    for (const [pid, ms] of last) sum += ms - (first.get(pid) ?? 0);
    return sum;
  };
  return {
    get backends() {
      return last.size;
    },
    async sofar() {
      pending = pending.then(() => sample(false)).catch(() => undefined);
      await pending;
      return total();
    },
    async stop() {
      clearInterval(timer);
      await pending;
      await sample(false);
      await admin.end();
      return total();
    },
  };
}
