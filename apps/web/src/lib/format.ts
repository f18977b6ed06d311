/** Display formatting shared by every screen; pure, `now` passed in where time matters. */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'long' });

const FUTURE_SLACK_SECONDS = 20;

/** "3 minutes ago", "in 2 hours", "just now". */
export function formatRelative(iso: string | null | undefined, now: Date): string {
  if (!iso) return '—';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '—';
  const seconds = Math.round((then - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  // The page's shared clock ticks every 15 s and the server's clock may run a little ahead, so a
  // time a few seconds "in the future" was, for the reader, just now.
  if (abs < 45) return seconds <= FUTURE_SLACK_SECONDS ? 'just now' : 'in a few seconds';
  for (const [unit, size] of UNITS) {
    if (abs >= size * 0.9 || unit === 'minute') return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(seconds, 'second');
}

const dateTime = new Intl.DateTimeFormat('en', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});

/** "Mar 4, 14:05 UTC": absolute, stable between server and browser. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${dateTime.format(d)} UTC`;
}

const integer = new Intl.NumberFormat('en');

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : integer.format(n);
}

/** "1.2 s", "340 ms", "2 min 5 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** "every 15 min", "hourly", "every 6 h", "daily". */
export function formatCadence(seconds: number): string {
  if (seconds === 3600) return 'hourly';
  if (seconds === 86_400) return 'daily';
  if (seconds % 86_400 === 0) return `every ${seconds / 86_400} days`;
  if (seconds % 3600 === 0) return `every ${seconds / 3600} h`;
  if (seconds % 60 === 0) return `every ${seconds / 60} min`;
  return `every ${seconds} s`;
}

/** `job.chatwoot_sync` → "Chatwoot sync"; `auth.login` → "Login". */
export function humanize(key: string): string {
  const last = key.includes('.') ? (key.split('.').at(-1) ?? key) : key;
  const words = last.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined) return '—';
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

/** Per currency: a whole-units formatter and the currency's minor digits (null: not an ISO code). */
const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number } | null>();

function moneyFormat(currency: string) {
  if (!moneyFormats.has(currency)) {
    try {
      const digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
      const format = new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 });
      moneyFormats.set(currency, { format, digits });
    } catch {
      moneyFormats.set(currency, null);
    }
  }
  return moneyFormats.get(currency) ?? null;
}

/** 1250000, "USD" → "$12,500": minor units by the currency's own digits, whole units shown. */
export function formatMoney(amountMinor: number, currency: string): string {
  const f = moneyFormat(currency);
  if (!f) return `${integer.format(Math.round(amountMinor / 100))} ${currency}`;
  return f.format.format(amountMinor / 10 ** f.digits);
}

/** A wait in hours, as people say it: "45 min", "6 h", "3 d". */
export function formatWait(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '—';
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} d`;
}

/** +3.5 → "▲ 3.5", −2 → "▼ 2", 0 → "±0"; null → "—". */
export function formatTrend(points: number | null | undefined): string {
  if (points === null || points === undefined) return '—';
  if (points === 0) return '±0';
  return `${points > 0 ? '▲' : '▼'} ${Math.abs(points)}`;
}
