import { LEGACY_SIGNAL_SOURCES, LEGACY_STATUSES } from '@keel/db/schema/legacy';
import { SIGNAL_CATEGORIES } from '@keel/db/schema/kag-core';
import { z } from 'zod';
import { evidence, iso } from '../kag/schemas.ts';

/** The seed's legacy signals and next best actions (`/signals`, `/nba`): shared shapes. */
export const tags = ['Signals (legacy)'];
export const limit = z.coerce.number().int().min(1).max(200).default(50);
export const cursor = z.string().max(300).optional();
export const status = z.enum(LEGACY_STATUSES);
export const statusInput = z.object({
  id: z.uuid({ message: 'id must be a uuid from GET /signals or GET /nba' }),
  status,
});

export const legacySignal = z.object({
  id: z.string(),
  key: z.string(),
  category: z.enum(SIGNAL_CATEGORIES),
  source: z.enum(LEGACY_SIGNAL_SOURCES),
  sourceRef: z.string(),
  severity: z.number(),
  confidence: z.number(),
  title: z.string(),
  sentence: z.string(),
  evidence,
  status,
  /** When its kag signal cleared; null while it fires. */
  resolvedAt: iso.nullable(),
  dedupeKey: z.string(),
  configVersion: z.string(),
  asOf: iso,
  createdAt: iso,
  updatedAt: iso,
});

export const nextBestAction = z.object({
  id: z.string(),
  signalId: z.string().nullable(),
  actionType: z.string(),
  title: z.string(),
  rationale: z.string(),
  priority: z.number(),
  status,
  dueAt: iso.nullable(),
  evidence,
  dedupeKey: z.string(),
  /** When the signal it answers cleared; null while it fires. */
  signalResolvedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});
