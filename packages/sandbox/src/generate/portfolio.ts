/**
 * The portfolio generator: (seed, size, baseDate) -> one in-memory world. Each client and project
 * draws from its own seeded stream, so the output is byte-identical for the same inputs and one
 * project's data does not depend on how much randomness another consumed.
 */
import { isoMs } from '../format.ts';
import { MessageStore } from '../message-store.ts';
import type { Client, Dataset, GroundTruth, Person, Project } from '../model.ts';
import { createRng, mixSeed } from '../random.ts';
import { SIZES, type SizeName, type SizeSpec } from '../sizes.ts';
import { generateDeals, generateNotes, generateTasks } from './attio.ts';
import { generateConversations } from './chatwoot.ts';
import { generateIssues, generateLabels, generateTeam, teamKey } from './linear.ts';
import {
  CHANNEL_TYPES,
  CITIES_EN,
  CITIES_RU,
  COMPANY_KINDS_EN,
  COMPANY_KINDS_RU,
  COMPANY_STEMS_EN,
  COMPANY_STEMS_RU,
  FEATURES_EN,
  FEATURES_RU,
  FIRST_NAMES_EN,
  FIRST_NAMES_RU,
  JOB_TITLES_EN,
  JOB_TITLES_RU,
  LAST_NAMES_EN,
  LAST_NAMES_RU,
  PROJECT_KINDS_EN,
  PROJECT_KINDS_RU,
} from './names.ts';
import { DAY, pickOnset, pickTrajectory, riskEventsFor } from './trajectory.ts';

/** The default base date: fixed, so the default world is byte-identical everywhere. */
export const DEFAULT_BASE_DATE = '2025-07-01T09:00:00.000Z';

export type GenerateOptions = {
  seed?: number;
  size?: SizeName | SizeSpec;
  /** "Now" of the generated world; history lies before it. Default DEFAULT_BASE_DATE. */
  baseDate?: Date | string | number;
};

function emptyDataset(seed: number, size: SizeSpec, baseDate: number): Dataset {
  const rng = createRng(mixSeed(seed, 'workspace'));
  return {
    seed,
    size,
    baseDate,
    now: baseDate,
    workspaceId: rng.uuid(),
    attioObjectIds: { companies: rng.uuid(), people: rng.uuid(), deals: rng.uuid() },
    agencyName: 'Brightside Digital',
    staff: [],
    clients: [],
    people: [],
    projects: [],
    teams: [],
    states: [],
    cycles: [],
    labels: [],
    issues: [],
    inboxes: [],
    conversations: [],
    messages: new MessageStore(Math.max(1024, size.projects * size.messagesPerProject * 1.2)),
    deals: [],
    notes: [],
    tasks: [],
    loops: { contacts: [], events: [], idempotencyKeys: new Set() },
    groundTruth: { seed, size: size.name, baseDate: isoMs(baseDate), projects: [] },
    seq: { message: 1, conversation: 1, attachment: 1, advanceRound: 0, lastStamp: 0 },
  };
}

function generateStaff(ds: Dataset): void {
  const rng = createRng(mixSeed(ds.seed, 'staff'));
  const start = ds.now - (ds.size.historyDays + 200) * DAY;
  for (let i = 0; i < ds.size.staff; i++) {
    const firstName = FIRST_NAMES_EN[i % FIRST_NAMES_EN.length] ?? 'Alex';
    const lastName = rng.pick(LAST_NAMES_EN);
    const suffix = i >= FIRST_NAMES_EN.length ? String(Math.floor(i / FIRST_NAMES_EN.length)) : '';
    ds.staff.push({
      linearId: rng.uuid(),
      attioMemberId: rng.uuid(),
      chatwootId: i + 1,
      firstName,
      lastName,
      name: `${firstName} ${lastName}`,
      email: `${firstName.toLowerCase()}${suffix}@brightside.dev`,
      createdAt: start + i * DAY,
    });
  }
}

function generateClient(ds: Dataset, index: number, usedNames: Set<string>): void {
  const rng = createRng(mixSeed(ds.seed, 'client', index));
  const lang = rng.chance(0.4) ? 'ru' : 'en';
  let name: string;
  let slug: string;
  if (lang === 'ru') {
    const [stem, latin] = rng.pick(COMPANY_STEMS_RU);
    name = `${stem} ${rng.pick(COMPANY_KINDS_RU)}`;
    slug = latin;
  } else {
    const stem = rng.pick(COMPANY_STEMS_EN);
    name = `${stem} ${rng.pick(COMPANY_KINDS_EN)}`;
    slug = stem.toLowerCase();
  }
  for (let n = 2; usedNames.has(name); n++) {
    name = `${name.replace(/ \d+$/, '')} ${n}`;
    slug = `${slug.replace(/\d+$/, '')}${n}`;
  }
  usedNames.add(name);
  const domain = lang === 'ru' ? `${slug}.ru` : `${slug}.com`;
  const createdAt = ds.now - (ds.size.historyDays + rng.int(10, 200)) * DAY;
  const client: Client = {
    name,
    lang,
    domain,
    city: lang === 'ru' ? rng.pick(CITIES_RU) : rng.pick(CITIES_EN),
    description:
      lang === 'ru'
        ? `Клиент агентства с ${new Date(createdAt).getUTCFullYear()} года.`
        : `Agency client since ${new Date(createdAt).getUTCFullYear()}.`,
    attioCompanyId: rng.uuid(),
    ownerStaff: rng.int(0, ds.staff.length - 1),
    people: [],
    projects: [],
    createdAt,
  };
  const peopleCount = rng.int(2, 4);
  for (let i = 0; i < peopleCount; i++) {
    let firstName: string;
    let lastName: string;
    let local: string;
    if (lang === 'ru') {
      const [first, firstLatin] = rng.pick(FIRST_NAMES_RU);
      const [last, lastLatin] = rng.pick(LAST_NAMES_RU);
      const female = /[ая]$/.test(first);
      firstName = first;
      lastName = female ? `${last}а` : last;
      local = `${firstLatin}.${lastLatin}${female ? 'a' : ''}`;
    } else {
      firstName = rng.pick(FIRST_NAMES_EN);
      lastName = rng.pick(LAST_NAMES_EN);
      local = `${firstName}.${lastName}`.toLowerCase();
    }
    const person: Person = {
      clientIndex: index,
      firstName,
      lastName,
      email: `${local}${i > 0 && client.people.length > 0 ? i : ''}@${domain}`,
      phone: lang === 'ru' ? `+7916${rng.int(1000000, 9999999)}` : `+4420794${rng.int(10000, 99999)}`,
      jobTitle: lang === 'ru' ? rng.pick(JOB_TITLES_RU) : rng.pick(JOB_TITLES_EN),
      attioPersonId: rng.uuid(),
      chatwootContactId: ds.people.length + 1,
      sourceId: rng.uuid(),
      createdAt: createdAt + rng.int(1, 30) * DAY,
      lastActivityAt: 0,
    };
    client.people.push(ds.people.length);
    ds.people.push(person);
  }
  ds.clients.push(client);
}

function generateProject(ds: Dataset, index: number, clientIndex: number, usedKeys: Set<string>): void {
  const rng = createRng(mixSeed(ds.seed, 'project', index));
  const client = ds.clients[clientIndex];
  if (!client) return;
  const H = ds.size.historyDays;
  const startDate = ds.now - H * DAY + rng.int(0, Math.floor(H / 4)) * DAY;
  const trajectory = pickTrajectory(rng, index);
  const onset = Math.max(startDate + 20 * DAY, pickOnset(rng, trajectory, ds.now));
  const kinds = client.lang === 'ru' ? PROJECT_KINDS_RU : PROJECT_KINDS_EN;
  const featurePool = client.lang === 'ru' ? FEATURES_RU : FEATURES_EN;
  const features: string[] = [];
  while (features.length < 5) {
    const f = rng.pick(featurePool);
    if (!features.includes(f)) features.push(f);
  }
  const staff: number[] = [];
  const staffCount = Math.min(ds.staff.length, rng.int(2, 4));
  while (staff.length < staffCount) {
    const s = rng.int(0, ds.staff.length - 1);
    if (!staff.includes(s)) staff.push(s);
  }
  const shortName = client.name.split(' ')[0] ?? client.name;
  const project: Project = {
    clientIndex,
    name: `${shortName} ${rng.pick(kinds)}${client.projects.length > 0 ? ` ${client.projects.length + 1}` : ''}`,
    trajectory,
    onset,
    features,
    teamIndex: -1,
    linearProjectId: rng.uuid(),
    inboxIndex: ds.inboxes.length,
    leadStaff: staff[0] ?? 0,
    staff,
    startDate,
    targetDate: ds.now + rng.int(10, 120) * DAY,
    createdAt: startDate - rng.int(1, 10) * DAY,
    updatedAt: ds.now - rng.int(0, 5) * DAY,
  };
  client.projects.push(index);
  ds.projects.push(project);
  ds.inboxes.push({
    id: ds.inboxes.length + 1,
    projectIndex: index,
    name: project.name,
    channelType: rng.pick(CHANNEL_TYPES),
    channelId: ds.inboxes.length + 1,
    createdAt: project.createdAt,
  });
  generateTeam(ds, index, teamKey(client.domain.split('.')[0] ?? shortName, usedKeys), rng);
  const issueCount = Math.round(ds.size.issuesPerProject * (0.7 + 0.6 * rng.next()));
  generateIssues(ds, index, issueCount, ds.now, rng);
  const messageTarget = ds.size.messagesPerProject * (0.7 + 0.6 * rng.next());
  generateConversations(ds, index, startDate, ds.now, messageTarget, rng);
}

/** Gives conversations and messages ids in creation order, as Chatwoot's sequences would. */
function renumber(ds: Dataset): void {
  const convOrder = ds.conversations.map((_, i) => i);
  convOrder.sort(
    (a, b) => (ds.conversations[a]?.createdAt ?? 0) - (ds.conversations[b]?.createdAt ?? 0) || a - b,
  );
  convOrder.forEach((ci, rank) => {
    const conv = ds.conversations[ci];
    if (conv) conv.id = rank + 1;
  });
  ds.seq.conversation = convOrder.length + 1;
  const store = ds.messages;
  const order = new Uint32Array(store.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => (store.createdAt[a] ?? 0) - (store.createdAt[b] ?? 0) || a - b);
  let attachment = 1;
  for (let rank = 0; rank < order.length; rank++) {
    const i = order[rank] ?? 0;
    store.id[i] = rank + 1;
    if ((store.attachmentId[i] ?? 0) !== 0) store.attachmentId[i] = attachment++;
  }
  ds.seq.message = order.length + 1;
  ds.seq.attachment = attachment;
}

function buildGroundTruth(ds: Dataset): GroundTruth {
  return {
    ...ds.groundTruth,
    projects: ds.projects.map((p, projectIndex) => {
      const client = ds.clients[p.clientIndex];
      return {
        projectIndex,
        projectName: p.name,
        clientName: client?.name ?? '',
        linearProjectId: p.linearProjectId,
        chatwootInboxId: ds.inboxes[p.inboxIndex]?.id ?? 0,
        attioCompanyId: client?.attioCompanyId ?? '',
        trajectory: p.trajectory,
        onset: isoMs(p.onset),
        riskEvents: riskEventsFor(p.trajectory, p.onset).map((e) => ({ kind: e.kind, at: isoMs(e.at) })),
      };
    }),
  };
}

export function generatePortfolio(options: GenerateOptions = {}): Dataset {
  const seed = (options.seed ?? 1) >>> 0;
  const size = typeof options.size === 'object' ? options.size : SIZES[options.size ?? 'demo'];
  const base = new Date(options.baseDate ?? DEFAULT_BASE_DATE).getTime();
  if (Number.isNaN(base)) throw new Error(`invalid baseDate: ${String(options.baseDate)}`);
  const ds = emptyDataset(seed, size, base);
  generateStaff(ds);
  generateLabels(ds, createRng(mixSeed(seed, 'labels')), base - (size.historyDays + 100) * DAY);
  const usedNames = new Set<string>();
  for (let c = 0; c < size.clients; c++) generateClient(ds, c, usedNames);
  const assign = createRng(mixSeed(seed, 'assign'));
  const usedKeys = new Set<string>();
  for (let p = 0; p < size.projects; p++) {
    const clientIndex = p < size.clients ? p : assign.int(0, size.clients - 1);
    generateProject(ds, p, clientIndex, usedKeys);
  }
  const extraDeals = Math.max(0, size.deals - 2 * size.projects);
  ds.clients.forEach((_, c) => {
    const rng = createRng(mixSeed(seed, 'crm', c));
    const share = Math.floor(extraDeals / size.clients) + (c < extraDeals % size.clients ? 1 : 0);
    generateDeals(ds, c, share, rng);
    generateNotes(ds, c, base - size.historyDays * DAY, base, rng);
    generateTasks(ds, c, rng);
  });
  renumber(ds);
  ds.groundTruth = buildGroundTruth(ds);
  return ds;
}
