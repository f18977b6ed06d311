/** Ports and accounts of the e2e stack; away from the dev defaults (3000 / 8080). */
export const E2E = {
  webPort: Number(process.env.E2E_WEB_PORT ?? 13_000),
  apiPort: Number(process.env.E2E_API_PORT ?? 18_080),
  sandboxPortBase: Number(process.env.E2E_SANDBOX_PORT_BASE ?? 14_100),
  demo: { email: 'demo@keel.local', password: 'keel-demo-2026' },
  viewer: { email: 'viewer@keel.local', password: 'viewer-pass-2026', name: 'Vera Viewer' },
  /** An executive: reads every project of the workspace without a membership; lands on the control tower. */
  exec: { email: 'exec@keel.local', password: 'exec-pass-2026', name: 'Eli Exec' },
  pm: { email: 'pm@keel.local', password: 'pm-pass-2026', name: 'Petra Manager' },
} as const;

export const WEB_URL = `http://127.0.0.1:${E2E.webPort}`;

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium in a container: no sandbox, no GPU, and no calls home this network refuses. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
