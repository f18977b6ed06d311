/**
 * `pnpm sandbox [--size demo] [--seed N] [--faults 0.1] [--port-base N] [--base-date ISO|now] [--ground-truth FILE]`
 * Starts every emulator over one generated portfolio and prints URLs and tokens.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startSandbox } from './emulators/start.ts';
import { isSizeName } from './sizes.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: process.env.SANDBOX_SIZE ?? 'demo' },
    seed: { type: 'string', default: process.env.SANDBOX_SEED ?? '1' },
    faults: { type: 'string', default: '0' },
    'port-base': { type: 'string', default: process.env.SANDBOX_PORT_BASE ?? '4100' },
    'base-date': { type: 'string' },
    'ground-truth': { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

if (!isSizeName(values.size)) {
  console.error(`unknown size "${values.size}" (tiny, demo, bench-100, bench-1000)`);
  process.exit(2);
}

const started = Date.now();
const sandbox = await startSandbox({
  size: values.size,
  seed: Number(values.seed),
  faults: Number(values.faults),
  portBase: Number(values['port-base']),
  host: values.host,
  baseDate: values['base-date'] === 'now' ? new Date() : values['base-date'],
});
const ds = sandbox.dataset;
if (values['ground-truth'])
  writeFileSync(values['ground-truth'], `${JSON.stringify(sandbox.groundTruth, null, 2)}\n`);

const t = sandbox.tokens;
console.log(`Keel sandbox: ${values.size}, seed ${values.seed}, faults ${values.faults}, world time ${new Date(ds.now).toISOString()} (${Date.now() - started} ms)
  ${ds.projects.length} projects, ${ds.conversations.length} conversations, ${ds.messages.length} messages, ${ds.issues.length} issues, ${ds.deals.length} deals

  Chatwoot  ${sandbox.urls.chatwoot}   account 1, api_access_token: ${t.chatwoot}
  Linear    ${sandbox.urls.linear}   Authorization: ${t.linear}
  Attio     ${sandbox.urls.attio}   Authorization: Bearer ${t.attio}
  Loops     ${sandbox.urls.loops}   Authorization: Bearer ${t.loops}
  OpenAI    ${sandbox.urls.openai}   Authorization: Bearer ${t.openai}

Ctrl-C to stop.`);

const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
