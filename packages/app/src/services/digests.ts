import { ApiError } from '@keel/core/errors';
import { makeEvent } from '@keel/core/events';
import { canWriteProject, effectiveProjectRole, PROJECT_WRITERS, roleRefusal } from '@keel/core/policy';
import { readDigestSources, readProjectLanguageInputs } from '@keel/db/queries/digest-sources';
import {
  type DeliveryRow,
  findPreviousDelivery,
  listDigestReaders,
  listProjectDigests,
  upsertDelivery,
  upsertProjectDigests,
} from '@keel/db/queries/digests';
import { listPortfolioProjects } from '@keel/db/queries/portfolio';
import { listWorkspaceProjects } from '@keel/db/queries/projects';
import type { DigestSection } from '@keel/db/schema/analytics';
import { composeReaderDigest } from '@keel/intelligence/digests/compose';
import { DIGEST_CONFIG } from '@keel/intelligence/digests/config';
import { readerLocale } from '@keel/intelligence/digests/locale';
import { digestWindow } from '@keel/intelligence/digests/period';
import { buildProjectSections } from '@keel/intelligence/digests/project-sections';
import { localizeSections, renderDigestText } from '@keel/intelligence/digests/render';
import type { DigestKind, Locale } from '@keel/intelligence/digests/types';
import { projectLocale } from '@keel/intelligence/kag/templates/render';
import { type AuditActor, audit } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import type { AuthIdentity } from '../identity.ts';
import { deliverDigestEmail, type EmailOutcome } from './digest-email.ts';
import { digestInputsOf } from './digest-inputs.ts';

/**
 * intelligence.js generateDailyDigest / generateWeeklyDigest: loads the projects' state now and
 * at the window's start → builds each project's sections → upserts one row per (project,
 * period, locale) → composes every reader's digest from the projects that reader can see →
 * records the in-app delivery and the e-mail one → audits and publishes `digest.generated`.
 * Idempotent per period: a rerun rewrites the same rows, and an e-mail already sent is not sent again.
 */

export type DigestDeps = Pick<AppDeps, 'db' | 'clock' | 'bus' | 'mailer' | 'env' | 'logger'>;

export type GenerateDigestResult = {
  kind: DigestKind;
  periodKey: string;
  asOf: string;
  configVersion: string;
  projects: number;
  readers: number;
  email: Record<EmailOutcome, number>;
};

type Reader = { userId: string; email: string; name: string; visible: string[]; locale: Locale };

export async function generateDigest(
  deps: DigestDeps,
  kind: DigestKind,
  target: { accountScopeId: string; projectIds?: readonly string[] },
  who: AuditActor,
): Promise<GenerateDigestResult> {
  const { db, clock, bus } = deps;
  const { accountScopeId } = target;
  const now = clock.now();
  const window = digestWindow(kind, now);
  const workspaceProjects = (await listWorkspaceProjects(db, accountScopeId)).map((p) => p.id);
  const known = new Set(workspaceProjects);
  const targetIds = (target.projectIds ?? workspaceProjects).filter((id) => known.has(id));

  // Every project's language decides its readers' (users have no language setting yet).
  const language = await readProjectLanguageInputs(db, accountScopeId, workspaceProjects);
  const texts = new Map<string, string[]>();
  for (const t of language.clientTexts)
    texts.set(t.project_id, [...(texts.get(t.project_id) ?? []), t.content]);
  const localeOf = new Map<string, Locale>(
    language.projects.map((p) => [p.id, projectLocale(p.locale, [...(texts.get(p.id) ?? [])].reverse())]),
  );

  // The readers and what each can see: the portfolio's visibility rule (membership, or a
  // workspace-wide role), so a pm never reads about a project they cannot open.
  const readers: Reader[] = [];
  for (const r of await listDigestReaders(db, accountScopeId)) {
    const visible = (await listPortfolioProjects(db, accountScopeId, r.userId, r.role)).map((p) => p.id);
    readers.push({ ...r, visible, locale: readerLocale(visible.map((id) => localeOf.get(id) ?? 'en')) });
  }

  // Per-project rows, in each language a reader of that project reads.
  const targetSet = new Set(targetIds);
  const sources = await readDigestSources(db, accountScopeId, targetIds, window);
  const inputs = digestInputsOf(sources, window, now);
  const rows = inputs.flatMap((input) => {
    const sections = buildProjectSections(input);
    const locales = new Set<Locale>(
      readers.filter((r) => r.visible.includes(input.project.id)).map((r) => r.locale),
    );
    if (locales.size === 0) locales.add(localeOf.get(input.project.id) ?? 'en');
    return [...locales].map((locale) => {
      const localized = localizeSections(sections, locale);
      return {
        projectId: input.project.id,
        locale,
        sections: localized as DigestSection[],
        renderedText: renderDigestText({
          kind,
          periodKey: window.periodKey,
          locale,
          projects: 1,
          sections: localized,
          nothingNew: null,
        }),
        asOf: now,
      };
    });
  });
  await upsertProjectDigests(db, accountScopeId, kind, window.periodKey, rows);

  // Readers of the projects just written get their digest recomposed.
  const email: Record<EmailOutcome, number> = { sent: 0, failed: 0, skipped: 0, pending: 0, unchanged: 0 };
  const affected = readers.filter((r) => r.visible.some((id) => targetSet.has(id)));
  for (const reader of affected) {
    const stored = await listProjectDigests(
      db,
      accountScopeId,
      kind,
      window.periodKey,
      reader.locale,
      reader.visible,
    );
    const previous = await findPreviousDelivery(db, accountScopeId, reader.userId, kind, window.periodKey);
    const digest = composeReaderDigest({
      kind,
      periodKey: window.periodKey,
      locale: reader.locale,
      visibleProjectIds: reader.visible,
      projectDigests: stored.map((s) => ({ projectId: s.projectId, sections: sectionsOf(s.sections) })),
      previous: previous ? { periodKey: previous.periodKey, sections: previous.sections } : null,
    });
    const content = {
      accountScopeId,
      userId: reader.userId,
      kind,
      periodKey: window.periodKey,
      locale: reader.locale,
      projectIds: digest.projectIds,
      sections: digest.sections as DigestSection[],
      renderedText: digest.renderedText,
      nothingNew: digest.nothingNew,
      asOf: now,
    };
    // In the app, recording it is delivering it.
    await upsertDelivery(db, { ...content, channel: 'in_app', status: 'sent', error: null, sentAt: now });
    const outcome = await deliverDigestEmail(deps, {
      content,
      reader,
      missingProjects: reader.visible.length - stored.length,
    });
    email[outcome] += 1;
  }

  const result: GenerateDigestResult = {
    kind,
    periodKey: window.periodKey,
    asOf: now.toISOString(),
    configVersion: DIGEST_CONFIG.version,
    projects: targetIds.length,
    readers: affected.length,
    email,
  };
  await audit(db, who, {
    projectId: targetIds.length === 1 ? (targetIds[0] ?? null) : null,
    action: `digests.${kind}.generate`,
    payload: { ...result, projectIds: targetIds.slice(0, 50) },
  });
  await bus.publish(
    makeEvent(
      'digest.generated',
      { accountScopeId, projectId: null },
      { kind, periodKey: window.periodKey, projects: targetIds.length, readers: affected.length },
      now,
    ),
  );
  return result;
}

/** Stored sections are the rule's own output; the cast names that, once. */
function sectionsOf(s: DigestSection[]) {
  return s as unknown as Parameters<typeof composeReaderDigest>[0]['projectDigests'][number]['sections'];
}

/**
 * Which projects a caller may generate digests for: a workspace owner every project; otherwise
 * the projects the caller manages (pm). Executives and viewers read their digests but do not
 * generate them.
 */
export async function generatableProjects(deps: Pick<AppDeps, 'db'>, auth: AuthIdentity): Promise<string[]> {
  const rows = await listPortfolioProjects(deps.db, auth.accountScopeId, auth.userId, auth.workspaceRole);
  const ids = rows
    .filter((r) => !auth.keyProjectIds || auth.keyProjectIds.includes(r.id))
    .filter((r) => canWriteProject(effectiveProjectRole(auth.workspaceRole, r.member_role)))
    .map((r) => r.id);
  if (ids.length === 0)
    throw new ApiError('forbidden', roleRefusal('Generating digests', PROJECT_WRITERS, auth.workspaceRole));
  return ids;
}

/** The endpoint's use case: generate for the projects the caller may, as the caller. */
export async function generateDigestAs(
  deps: DigestDeps,
  kind: DigestKind,
  actor: { auth: AuthIdentity; requestId: string | null; ip?: string | null },
): Promise<GenerateDigestResult> {
  const projectIds = await generatableProjects(deps, actor.auth);
  const whole = actor.auth.workspaceRole === 'owner' && !actor.auth.keyProjectIds;
  return generateDigest(
    deps,
    kind,
    { accountScopeId: actor.auth.accountScopeId, ...(whole ? {} : { projectIds }) },
    { kind: 'caller', auth: actor.auth, requestId: actor.requestId, ip: actor.ip ?? null },
  );
}

export const generateDailyDigest = (deps: DigestDeps, actor: Parameters<typeof generateDigestAs>[2]) =>
  generateDigestAs(deps, 'daily', actor);
export const generateWeeklyDigest = (deps: DigestDeps, actor: Parameters<typeof generateDigestAs>[2]) =>
  generateDigestAs(deps, 'weekly', actor);

export type { DeliveryRow };
