import { DIGEST_CONFIG } from './config.ts';
import { renderDigestText, relocalize } from './render.ts';
import {
  DIGEST_SECTION_KEYS,
  type DigestItem,
  type DigestKind,
  type DigestSectionOut,
  type Locale,
} from './types.ts';

/** A reader's stored section: the shown items plus the keys of all of them (for "nothing new"). */
export type ReaderSection = DigestSectionOut & { keys: string[] };

/** A section as stored in an earlier digest row. */
export type StoredSection = { keys?: unknown; items?: readonly Record<string, unknown>[] };

export type ProjectDigestRow = { projectId: string; sections: readonly DigestSectionOut[] };

export type ComposeInput = {
  kind: DigestKind;
  periodKey: string;
  locale: Locale;
  /** Every project the reader can see, in any order (others must not be passed in). */
  visibleProjectIds: readonly string[];
  /** Today's (this week's) per-project digests; rows of projects the reader cannot see are ignored. */
  projectDigests: readonly ProjectDigestRow[];
  /** The reader's previous digest of the same kind (an earlier period), if any. */
  previous: { periodKey: string; sections: readonly StoredSection[] } | null;
};

export type ReaderDigest = {
  projectIds: string[];
  sections: ReaderSection[];
  nothingNew: boolean;
  renderedText: string;
  itemCount: number;
};

/** Every item key a stored digest carried (older rows without `keys` fall back to their items). */
export function keysOf(sections: readonly StoredSection[]): Set<string> {
  const keys = new Set<string>();
  for (const s of sections) {
    const list: unknown[] = Array.isArray(s.keys) ? s.keys : (s.items ?? []).map((i) => i.key);
    for (const k of list) if (typeof k === 'string') keys.add(k);
  }
  return keys;
}

/**
 * Nothing new: there was a previous digest and every item of this one was already in it. (An
 * empty digest after a previous one is "nothing new" too; a first digest never is.)
 */
export function isNothingNew(current: Iterable<string>, previous: ReadonlySet<string> | null): boolean {
  if (!previous) return false;
  for (const k of current) if (!previous.has(k)) return false;
  return true;
}

/**
 * A reader's digest: the sections of the projects they can see, merged and ranked per section,
 * capped at `maxItemsPerSection` (the rest counted), rendered in their language; one line when
 * nothing is new since their previous digest.
 */
export function composeReaderDigest(input: ComposeInput): ReaderDigest {
  const visible = new Set(input.visibleProjectIds);
  const rows = input.projectDigests.filter((r) => visible.has(r.projectId));
  const merged = new Map<string, DigestItem[]>(DIGEST_SECTION_KEYS.map((k) => [k, []]));
  // Defence in depth: an item that names another project than its row is dropped.
  for (const row of rows)
    for (const s of relocalize(row.sections, input.locale))
      for (const item of s.items)
        if (item.projectId === row.projectId && visible.has(item.projectId)) merged.get(s.key)?.push(item);

  const cap = DIGEST_CONFIG.maxItemsPerSection;
  const titles = new Map(
    relocalize(
      DIGEST_SECTION_KEYS.map((key) => ({ key, title: '', items: [], more: 0 })),
      input.locale,
    ).map((s) => [s.key, s.title]),
  );
  const sections: ReaderSection[] = DIGEST_SECTION_KEYS.map((key) => {
    const all = (merged.get(key) ?? []).sort((a, b) =>
      key === 'actions_done'
        ? b.asOf.localeCompare(a.asOf) || a.key.localeCompare(b.key)
        : b.weight - a.weight || a.key.localeCompare(b.key),
    );
    return {
      key,
      title: titles.get(key) ?? key,
      items: all.slice(0, cap),
      more: Math.max(0, all.length - cap),
      keys: all.map((i) => i.key),
    };
  });
  const currentKeys = sections.flatMap((s) => s.keys);
  const nothingNew = isNothingNew(currentKeys, input.previous ? keysOf(input.previous.sections) : null);
  const projectIds = [...visible].sort();
  return {
    projectIds,
    sections,
    nothingNew,
    itemCount: currentKeys.length,
    renderedText: renderDigestText({
      kind: input.kind,
      periodKey: input.periodKey,
      locale: input.locale,
      projects: projectIds.length,
      sections,
      nothingNew: nothingNew ? { previousPeriodKey: input.previous?.periodKey ?? null } : null,
    }),
  };
}
