import type { ProjectSections, DigestItemCore } from './project-sections.ts';
import { EN } from './templates/en.ts';
import { RU } from './templates/ru.ts';
import type { DigestTemplates } from './templates/types.ts';
import {
  DIGEST_SECTION_KEYS,
  type DigestItem,
  type DigestItemFacts,
  type DigestKind,
  type DigestSectionOut,
  type Locale,
} from './types.ts';

const TEMPLATES: Record<Locale, DigestTemplates> = { en: EN, ru: RU };

export function templatesFor(locale: Locale): DigestTemplates {
  return TEMPLATES[locale];
}

/** One item's line in a language (the facts stay as they are: any language renders the same numbers). */
export function renderItem(item: DigestItemCore, locale: Locale): DigestItem {
  const f = item.facts;
  const line = (TEMPLATES[locale].item[f.type] as (x: DigestItemFacts) => string)(f);
  return { ...item, text: line };
}

/** A project's sections in a language: every section, titled, items rendered (empty ones kept). */
export function localizeSections(sections: ProjectSections, locale: Locale): DigestSectionOut[] {
  const t = TEMPLATES[locale];
  return DIGEST_SECTION_KEYS.map((key) => ({
    key,
    title: t.sectionTitles[key],
    items: sections[key].map((i) => renderItem(i, locale)),
    more: 0,
  }));
}

/** Re-renders stored sections in another language (titles and item lines; the facts are kept). */
export function relocalize(sections: readonly DigestSectionOut[], locale: Locale): DigestSectionOut[] {
  const t = TEMPLATES[locale];
  return sections.map((s) => ({
    ...s,
    title: t.sectionTitles[s.key],
    items: s.items.map((i) => renderItem(i, locale)),
  }));
}

export type RenderInput = {
  kind: DigestKind;
  periodKey: string;
  locale: Locale;
  projects: number;
  sections: readonly DigestSectionOut[];
  /** Set when nothing is new since the previous digest: the text is that one line. */
  nothingNew: { previousPeriodKey: string | null } | null;
};

/**
 * The digest as plain text (the in-app fallback and the e-mail body): a header, then each
 * non-empty section with one line per item, prefixed by its project. A digest with nothing new
 * is one line and nothing else.
 */
export function renderDigestText(input: RenderInput): string {
  const t = TEMPLATES[input.locale];
  if (input.nothingNew) return t.nothingNew(input.kind, input.nothingNew.previousPeriodKey);
  const lines = [t.header(input.kind, input.periodKey, input.projects)];
  if (input.projects === 0) return [...lines, '', t.noProjects].join('\n');
  const filled = input.sections.filter((s) => s.items.length > 0);
  if (filled.length === 0) return [...lines, '', t.empty].join('\n');
  for (const s of filled) {
    lines.push('', s.title);
    for (const i of s.items) lines.push(`- ${i.projectName}: ${i.text}`);
    if (s.more > 0) lines.push(t.more(s.more));
  }
  return lines.join('\n');
}
