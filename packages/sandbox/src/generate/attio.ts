/** Generates a client's Attio deals, notes (activities) and tasks, shaped by its projects' trajectories. */
import { dateOnly } from '../format.ts';
import type { Dataset, DealStage } from '../model.ts';
import type { Rng } from '../random.ts';
import { DAY, engagementAt } from './trajectory.ts';

const NOTE_TITLES = {
  en: ['Weekly sync', 'Call with {person}', 'Quarterly review', 'Scope discussion', 'Invoice follow-up'],
  ru: [
    'Еженедельный созвон',
    'Звонок с {person}',
    'Квартальный обзор',
    'Обсуждение объёма',
    'Вопрос по счёту',
  ],
} as const;

const NOTE_BODIES = {
  en: [
    'Discussed the roadmap for {project}. Client is {mood}. Next step: send the updated estimate.',
    'Reviewed open issues on {project}. Client is {mood}. Agreed to meet again in two weeks.',
    'Talked budget for the next phase of {project}. Client is {mood}.',
  ],
  ru: [
    'Обсудили план по проекту {project}. Клиент {mood}. Следующий шаг: отправить новую оценку.',
    'Прошлись по открытым задачам {project}. Клиент {mood}. Договорились созвониться через две недели.',
    'Обсудили бюджет следующего этапа {project}. Клиент {mood}.',
  ],
} as const;

const MOODS = {
  en: { good: 'happy with progress', bad: 'worried about the delays' },
  ru: { good: 'доволен прогрессом', bad: 'обеспокоен задержками' },
} as const;

const TASKS = {
  en: [
    'Send the proposal for phase 2',
    'Follow up on the unpaid invoice',
    'Book the quarterly review',
    'Share the release notes',
  ],
  ru: [
    'Отправить предложение по второму этапу',
    'Напомнить про неоплаченный счёт',
    'Назначить квартальный обзор',
  ],
} as const;

function addDeal(
  ds: Dataset,
  rng: Rng,
  deal: {
    clientIndex: number;
    projectIndex: number | null;
    name: string;
    stage: DealStage;
    stageChangedAt: number;
    createdAt: number;
    closeDate: number;
    renewalDate: number | null;
  },
): void {
  const client = ds.clients[deal.clientIndex];
  if (!client) return;
  ds.deals.push({
    id: rng.uuid(),
    clientIndex: deal.clientIndex,
    projectIndex: deal.projectIndex,
    name: deal.name,
    stage: deal.stage,
    stageChangedAt: deal.stageChangedAt,
    value: rng.int(8, 150) * 1000,
    currency: client.lang === 'ru' ? 'EUR' : 'USD',
    ownerStaff: client.ownerStaff,
    people: client.people.slice(0, 2),
    closeDate: dateOnly(deal.closeDate),
    renewalDate: deal.renewalDate === null ? null : dateOnly(deal.renewalDate),
    createdAt: deal.createdAt,
  });
}

/** Deals for one client: one won deal per project, one open follow-on deal, and older history. */
export function generateDeals(ds: Dataset, clientIndex: number, extraDeals: number, rng: Rng): void {
  const client = ds.clients[clientIndex];
  if (!client) return;
  const now = ds.now;
  for (const p of client.projects) {
    const project = ds.projects[p];
    if (!project) continue;
    const wonAt = project.startDate - rng.int(3, 15) * DAY;
    addDeal(ds, rng, {
      clientIndex,
      projectIndex: p,
      name: `${project.name} — phase 1`,
      stage: 'Won 🎉',
      stageChangedAt: wonAt,
      createdAt: wonAt - rng.int(15, 45) * DAY,
      closeDate: wonAt,
      renewalDate: project.targetDate,
    });
    let stage: DealStage = 'In Progress';
    let changed = now - rng.int(1, 12) * DAY;
    let close = now + rng.int(15, 60) * DAY;
    if (project.trajectory === 'churning') {
      changed = Math.min(now - 25 * DAY, project.onset - rng.int(5, 15) * DAY);
      close = now - rng.int(3, 20) * DAY;
    } else if (project.trajectory === 'slipping' || project.trajectory === 'escalating') {
      stage = rng.chance(0.5) ? 'Lead' : 'In Progress';
      changed = now - rng.int(18, 40) * DAY;
    }
    addDeal(ds, rng, {
      clientIndex,
      projectIndex: p,
      name: `${project.name} — phase 2`,
      stage,
      stageChangedAt: changed,
      createdAt: Math.min(changed, now - 30 * DAY),
      closeDate: close,
      renewalDate: null,
    });
  }
  const start = now - ds.size.historyDays * DAY;
  for (let i = 0; i < extraDeals; i++) {
    const created = start - rng.int(0, 365) * DAY;
    const changed = created + rng.int(10, 60) * DAY;
    addDeal(ds, rng, {
      clientIndex,
      projectIndex: null,
      name: `${client.name} — ${rng.pick(['retainer', 'audit', 'support plan', 'workshop', 'change request'])} ${i + 1}`,
      stage: rng.chance(0.65) ? 'Won 🎉' : 'Lost',
      stageChangedAt: Math.min(changed, now - DAY),
      createdAt: created,
      closeDate: changed,
      renewalDate: null,
    });
  }
}

/** Meeting and call notes on the company record, thinning out as a churning client goes quiet. */
export function generateNotes(ds: Dataset, clientIndex: number, from: number, until: number, rng: Rng): void {
  const client = ds.clients[clientIndex];
  if (!client) return;
  const projects = client.projects.flatMap((p) => {
    const project = ds.projects[p];
    return project ? [project] : [];
  });
  for (let t = from + rng.exp(10 * DAY); t <= until; t += rng.exp(10 * DAY)) {
    const project = rng.pick(projects);
    if (!rng.chance(engagementAt(project.trajectory, project.onset, t))) continue;
    addNote(ds, clientIndex, t, rng);
  }
}

export function addNote(ds: Dataset, clientIndex: number, at: number, rng: Rng): void {
  const client = ds.clients[clientIndex];
  if (!client) return;
  const project = ds.projects[rng.pick(client.projects)];
  const person = ds.people[rng.pick(client.people)];
  if (!project || !person) return;
  const lang = client.lang;
  const mood = project.trajectory === 'healthy' || at < project.onset ? MOODS[lang].good : MOODS[lang].bad;
  ds.notes.push({
    id: rng.uuid(),
    parentObject: 'companies',
    parentRecordId: client.attioCompanyId,
    title: rng.pick(NOTE_TITLES[lang]).replace('{person}', person.firstName),
    content: rng.pick(NOTE_BODIES[lang]).replace('{project}', project.name).replace('{mood}', mood),
    createdByStaff: client.ownerStaff,
    createdAt: at,
  });
}

export function generateTasks(ds: Dataset, clientIndex: number, rng: Rng): void {
  const client = ds.clients[clientIndex];
  if (!client) return;
  const count = rng.int(1, 3);
  for (let i = 0; i < count; i++) {
    const created = ds.now - rng.int(1, 60) * DAY;
    const done = rng.chance(0.5);
    ds.tasks.push({
      id: rng.uuid(),
      content: rng.pick(TASKS[client.lang]),
      deadlineAt: created + rng.int(3, 20) * DAY,
      isCompleted: done,
      linked: [{ object: 'companies', recordId: client.attioCompanyId }],
      assignees: [client.ownerStaff],
      createdByStaff: client.ownerStaff,
      createdAt: created,
    });
  }
}
