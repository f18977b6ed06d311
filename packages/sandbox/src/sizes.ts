/** Named portfolio sizes. Counts are targets; the generator lands within a few percent of them. */
export type SizeName = 'tiny' | 'demo' | 'bench-100' | 'bench-1000' | 'eval-100';

export type SizeSpec = {
  name: SizeName;
  clients: number;
  projects: number;
  /** Days of history before the base date. */
  historyDays: number;
  /** Mean number of messages per project over the history. */
  messagesPerProject: number;
  /** Mean number of Linear issues per project. */
  issuesPerProject: number;
  /** Total Attio deals across the portfolio. */
  deals: number;
  /** Agency staff (Linear users, Chatwoot agents, Attio workspace members). */
  staff: number;
};

export const SIZES: Record<SizeName, SizeSpec> = {
  tiny: {
    name: 'tiny',
    clients: 3,
    projects: 5,
    historyDays: 60,
    messagesPerProject: 60,
    issuesPerProject: 20,
    deals: 8,
    staff: 4,
  },
  demo: {
    name: 'demo',
    clients: 8,
    projects: 12,
    historyDays: 120,
    messagesPerProject: 300,
    issuesPerProject: 60,
    deals: 24,
    staff: 8,
  },
  'bench-100': {
    name: 'bench-100',
    clients: 70,
    projects: 100,
    historyDays: 365,
    messagesPerProject: 2000,
    issuesPerProject: 200,
    deals: 2000,
    staff: 40,
  },
  'bench-1000': {
    name: 'bench-1000',
    clients: 700,
    projects: 1000,
    historyDays: 365,
    messagesPerProject: 2000,
    issuesPerProject: 200,
    deals: 20000,
    staff: 300,
  },
  /**
   * The forecast benchmark's portfolio: 100 projects with enough history to replay (every
   * trajectory's onset lies within its last 40 days, so 150 days leave 60+ calm days of
   * baseline) and fewer messages per project, so a seed syncs and replays in well under a minute.
   */
  'eval-100': {
    name: 'eval-100',
    clients: 70,
    projects: 100,
    historyDays: 150,
    messagesPerProject: 400,
    issuesPerProject: 60,
    deals: 300,
    staff: 40,
  },
};

export function isSizeName(value: string): value is SizeName {
  return value in SIZES;
}
