import type { EvidenceRef } from '@keel/db/schema/kag-core';
import { KAG_CONFIG, type KagConfig, SIGNAL_CATEGORY, type SignalKey } from './config.ts';
import { clamp01, round } from './math.ts';
import type { DetectedSignal, ProjectFacts } from './types.ts';

/** What every detector receives: the project's facts, the config, and the clock. */
export type DetectorInput = { facts: ProjectFacts; now: Date; config?: KagConfig };
export type Detector = (input: DetectorInput) => DetectedSignal[];

/** Evidence lists stay short enough to show: the strongest items first, at most this many. */
const MAX_EVIDENCE = 10;

export function makeSignal(
  key: SignalKey,
  now: Date,
  fields: {
    subjectKey?: string;
    subjectLabel: string;
    severity: number;
    value: number;
    title: string;
    sentence: string;
    evidence: EvidenceRef[];
    details?: Record<string, string | number>;
  },
  config: KagConfig = KAG_CONFIG,
): DetectedSignal {
  return {
    key,
    category: SIGNAL_CATEGORY[key],
    subjectKey: fields.subjectKey ?? '',
    subjectLabel: fields.subjectLabel,
    severity: round(clamp01(fields.severity)),
    value: round(fields.value),
    title: fields.title,
    sentence: fields.sentence,
    evidence: fields.evidence.slice(0, MAX_EVIDENCE),
    configVersion: config.version,
    asOf: now,
    details: fields.details ?? {},
  };
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
