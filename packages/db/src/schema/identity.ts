import { index, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tz, updatedAt } from './columns.ts';
import { users } from './platform.ts';
import { accountScopeRef, projectFk, projectRef, scopedFk, scopedId, scopedPk } from './scope-columns.ts';

/**
 * Entity resolution between systems: a Chatwoot contact, an Attio person and a Linear user
 * that are the same human. Pairs are stored in a canonical order (left < right by kind, then
 * ref) by the service, so one pair has one row.
 */

export const IDENTITY_KINDS = ['cw_contact', 'attio_person', 'attio_company', 'linear_user'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export type IdentityMatch = { field: 'email' | 'phone' | 'name' | 'domain'; left: string; right: string };

export const identityLinkSuggestions = pgTable(
  'identity_link_suggestions',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    leftKind: text('left_kind', { enum: IDENTITY_KINDS }).notNull(),
    leftRef: text('left_ref').notNull(),
    rightKind: text('right_kind', { enum: IDENTITY_KINDS }).notNull(),
    rightRef: text('right_ref').notNull(),
    confidence: real('confidence').notNull(),
    matchedFields: jsonb('matched_fields').$type<IdentityMatch[]>().notNull().default([]),
    status: text('status', { enum: ['proposed', 'applied', 'dismissed'] })
      .notNull()
      .default('proposed'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: tz('decided_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    scopedPk('identity_link_suggestions', t),
    projectFk('identity_link_suggestions', t),
    uniqueIndex('identity_link_suggestions_pair_uq').on(
      t.projectId,
      t.leftKind,
      t.leftRef,
      t.rightKind,
      t.rightRef,
      t.accountScopeId,
    ),
    index('identity_link_suggestions_project_status_idx').on(t.projectId, t.status, t.confidence),
  ],
);

export const identityLinks = pgTable(
  'identity_links',
  {
    id: scopedId(),
    accountScopeId: accountScopeRef(),
    projectId: projectRef(),
    leftKind: text('left_kind', { enum: IDENTITY_KINDS }).notNull(),
    leftRef: text('left_ref').notNull(),
    rightKind: text('right_kind', { enum: IDENTITY_KINDS }).notNull(),
    rightRef: text('right_ref').notNull(),
    /** The person the pair resolves to in the graph (`kag_nodes.node_key` of type person). */
    personKey: text('person_key').notNull(),
    confidence: real('confidence').notNull(),
    suggestionId: uuid('suggestion_id'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    scopedPk('identity_links', t),
    scopedFk('identity_links', t, t.suggestionId, identityLinkSuggestions).onDelete('set null'),
    projectFk('identity_links', t),
    uniqueIndex('identity_links_pair_uq').on(
      t.projectId,
      t.leftKind,
      t.leftRef,
      t.rightKind,
      t.rightRef,
      t.accountScopeId,
    ),
    index('identity_links_project_person_idx').on(t.projectId, t.personKey),
    /** Lookups from the right-hand side ("which contact is this Attio person?"). */
    index('identity_links_project_right_idx').on(t.projectId, t.rightKind, t.rightRef),
  ],
);
