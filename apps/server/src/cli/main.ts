import { createAppDeps } from '@keel/app/deps';
import { getEnv } from '@keel/core/env';
import { createLogger } from '@keel/core/logger';
import { migrateDatabase } from '@keel/db/migrate';
import { parseCliArgs, runCliCommand, USAGE } from './commands.ts';

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** `pnpm keel <command>`: builds the deps from the environment, migrates, runs the command (commands.ts). */
async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const values = parseCliArgs(rest);
  if (!command || command === 'help' || command === '--help') {
    out(USAGE);
    return command ? 0 : 1;
  }
  const env = getEnv();
  const runtime = await createAppDeps(env, { logger: createLogger('warn') });
  try {
    const migration = await migrateDatabase(runtime.handle);
    return await runCliCommand(command, values, {
      deps: runtime.deps,
      out,
      migration: {
        applied: migration.applied,
        total: migration.total,
        location: runtime.handle.location,
        vector: migration.capabilities.vector,
        vectorDetail: migration.capabilities.vectorDetail,
      },
    });
  } finally {
    await runtime.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`keel: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
