import type { DigestItemFacts, DigestKind, DigestSectionKey } from '../types.ts';

/** One language's digest wording: section titles, one line per item, the header and the "nothing new" line. */
export type DigestTemplates = {
  sectionTitles: Record<DigestSectionKey, string>;
  item: { [T in DigestItemFacts['type']]: (f: Extract<DigestItemFacts, { type: T }>) => string };
  header: (kind: DigestKind, periodKey: string, projects: number) => string;
  /** The one line a digest with nothing new since the previous one says instead of repeating it. */
  nothingNew: (kind: DigestKind, previousPeriodKey: string | null) => string;
  /** A digest over projects with nothing to report at all (first digest, quiet projects). */
  empty: string;
  more: (n: number) => string;
  noProjects: string;
};
