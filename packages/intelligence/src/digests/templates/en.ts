import type { DigestTemplates } from './types.ts';

const pct = (p: number) => `${Math.round(p * 100)}%`;
const hours = (h: number) => (h >= 48 ? `${Math.round(h / 24)} days` : `${Math.round(h)} h`);
const ACTIONS: Record<string, string> = {
  create_or_update_task: 'Task created',
  send_message: 'Message sent',
  set_reminder: 'Reminder set',
};

export const EN: DigestTemplates = {
  sectionTitles: {
    what_changed: 'What changed',
    new_risks: 'New risks',
    cleared_risks: 'Cleared risks',
    forecast_movers: 'Forecast movers',
    waiting_clients: 'Clients waiting for a reply',
    actions_done: 'Actions done',
  },
  item: {
    score_move: (f) => `${f.score === 'health' ? 'Health' : 'Risk'} ${f.from} → ${f.to}`,
    risk_new: (f) => f.sentence,
    risk_cleared: (f) => `Cleared: ${f.title}`,
    forecast_move: (f) => `14-day risk ${pct(f.from)} → ${pct(f.to)}`,
    waiting_client: (f) =>
      `${f.contact ?? 'A client'} has waited ${hours(f.waitingHours)} for a reply${
        f.messages > 1 ? ` (${f.messages} messages)` : ''
      }${f.displayId !== null ? ` in #${f.displayId}` : ''}`,
    action_done: (f) => `${ACTIONS[f.actionType] ?? 'Action done'}: ${f.title}`,
    outbound_sent: (f) => `Sent (${f.channel}) to ${f.recipient}${f.subject ? `: ${f.subject}` : ''}`,
  },
  header: (kind, period, n) =>
    `${kind === 'daily' ? 'Daily digest' : 'Weekly digest'} — ${kind === 'daily' ? period : `week of ${period}`} (${n} ${
      n === 1 ? 'project' : 'projects'
    })`,
  nothingNew: (kind, prev) => `Nothing new since your previous ${kind} digest${prev ? ` (${prev})` : ''}.`,
  empty: 'Nothing to report: no score moves, risks, waiting clients or actions in this period.',
  more: (n) => `… and ${n} more`,
  noProjects: 'You have no projects to report on.',
};
