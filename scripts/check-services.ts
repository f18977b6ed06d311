import { Redis } from 'ioredis';
import postgres from 'postgres';

/** Exits 0 when both the PostgreSQL and Redis URLs answer, 1 otherwise (used by scripts/test.sh). */
const [pgUrl, redisUrl] = process.argv.slice(2);
async function main(): Promise<void> {
  if (!pgUrl || !redisUrl) throw new Error('usage: check-services <pg url> <redis url>');
  const sql = postgres(pgUrl, { max: 1, connect_timeout: 5, onnotice: () => undefined });
  await sql`select 1`;
  await sql.end();
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 5000 });
  await redis.connect();
  await redis.ping();
  redis.disconnect();
}
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
