import { humanize } from '@/lib/format';

/** Sentences for the actions we know; anything newer falls back to a readable form of its key. */
const ACTIONS: Record<string, string> = {
  'auth.login': 'Signed in',
  'auth.logout': 'Signed out',
  'project.create': 'Created a project',
  'project.select': 'Switched the active project',
  'connector.sync': 'Started a connector sync',
  'connectors.sync': 'Started a connector sync',
  'connector.credentials.save': 'Saved connector credentials',
  'connector.credentials.test': 'Tested a connector connection',
  'connector.errors.retry': 'Retried connector errors',
  'connectors.errors.retry': 'Retried connector errors',
  'job.run': 'Ran a job',
  'jobs.run': 'Ran a job',
  'jobs.scheduler.tick': 'Ran a scheduler tick',
  'search.query': 'Searched conversations',
};

export function describeAction(action: string): string {
  const known = ACTIONS[action];
  if (known) return known;
  const [area] = action.split('.');
  const rest = humanize(action);
  return area && area !== action ? `${humanize(area)}: ${rest.toLowerCase()}` : rest;
}

/** Payload values as short readable strings: nested objects are summarised, never dumped. */
export function payloadEntries(payload: Record<string, unknown>): [string, string][] {
  return Object.entries(payload)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => [humanize(k), formatValue(v)]);
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return value.toLocaleString('en');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value))
    return value.length <= 5 ? value.map(formatValue).join(', ') : `${value.length} items`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries
      .slice(0, 4)
      .map(([k, v]) => `${humanize(k).toLowerCase()} ${typeof v === 'object' ? '…' : formatValue(v)}`)
      .join(' · ');
  }
  return String(value);
}
