import type { EvidenceRef } from '@keel/db/schema/kag-core';
import type { SuggestedAction } from '@keel/db/schema/kag-v2';
import { round } from '../math.ts';
import { conversationLocale, renderRecommendation } from '../templates/render.ts';
import { type Locale, RECOMMENDATION_TYPES } from '../templates/types.ts';
import type { DetectedSignal } from '../types.ts';
import { RECOMMENDATIONS_V2_CONFIG as CFG } from './config.ts';
import { confidenceOf, gate, independentEvidence } from './gating.ts';
import { type TypeWeights, weightOf } from './weights.ts';

/** Forecasts are optional input (issue 14 builds them): P(risk event) per horizon. */
export type ForecastInput = { horizonDays: number; probability: number; dataSufficient: boolean };
/** The project's current scores, 0..100 (null before the first refresh). */
export type ScoresInput = { health: number | null; risk: number | null };

export type GenerateRecommendationsV2Input = {
  signals: readonly DetectedSignal[];
  scores: ScoresInput;
  forecasts?: readonly ForecastInput[] | undefined;
  typeWeights: TypeWeights;
  now: Date;
  /** The project's language, used when no conversation text says otherwise. */
  locale: Locale;
};

export type RecommendationCandidate = {
  type: string;
  subjectKey: string;
  title: string;
  body: string;
  status: 'new' | 'suppressed';
  suppressionReason: string | null;
  severity: number;
  confidence: number;
  typeWeight: number;
  /** severity × confidence × type weight. */
  priority: number;
  signalKeys: string[];
  evidence: EvidenceRef[];
  suggestedAction: SuggestedAction;
  locale: Locale;
  configVersion: string;
  asOf: Date;
};

/** The probability of the shortest horizon that has enough data, or null. */
function nearestForecast(forecasts: readonly ForecastInput[] | undefined): number | null {
  const usable = (forecasts ?? [])
    .filter((f) => f.dataSufficient)
    .sort((a, b) => a.horizonDays - b.horizonDays);
  return usable[0]?.probability ?? null;
}

/**
 * Signals on one subject (a conversation, an issue, a deal) become one recommendation: the
 * strongest signal (severity × its type's weight) decides the type and the text, the others
 * corroborate it and lend their evidence. Project-wide signals (no subject) stand alone.
 */
function groupBySubject(signals: readonly DetectedSignal[], weights: TypeWeights): DetectedSignal[][] {
  const groups = new Map<string, DetectedSignal[]>();
  for (const s of signals) {
    const key = s.subjectKey === '' ? `\u0000${s.key}` : s.subjectKey;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const strength = (s: DetectedSignal) => s.severity * weightOf(weights, RECOMMENDATION_TYPES[s.key].type);
  return [...groups.values()].map((g) =>
    [...g].sort((a, b) => strength(b) - strength(a) || a.key.localeCompare(b.key)),
  );
}

export function generateRecommendationsV2FromInputs(
  input: GenerateRecommendationsV2Input,
): RecommendationCandidate[] {
  const forecast = nearestForecast(input.forecasts);
  const out = groupBySubject(input.signals, input.typeWeights).flatMap((group): RecommendationCandidate[] => {
    const [primary, ...others] = group;
    if (!primary) return [];
    const { type, action } = RECOMMENDATION_TYPES[primary.key];
    const evidence = independentEvidence(group.flatMap((s) => s.evidence));
    const confidence = confidenceOf({
      independent: evidence.length,
      corroboratingSignals: others.length,
      risk: input.scores.risk,
      forecastProbability: forecast,
    });
    const severity = primary.severity;
    const verdict = gate({ independent: evidence.length, severity, confidence });
    const locale = conversationLocale(primary, input.locale);
    const rendered = renderRecommendation(primary, locale);
    const typeWeight = weightOf(input.typeWeights, type);
    return [
      {
        type,
        subjectKey: primary.subjectKey === '' ? primary.key : primary.subjectKey,
        title: rendered.title,
        body: rendered.body,
        status: verdict.published ? 'new' : 'suppressed',
        suppressionReason: verdict.published ? null : verdict.reason,
        severity,
        confidence,
        typeWeight,
        priority: round(severity * confidence * typeWeight, 4),
        signalKeys: group.map((s) => s.key),
        evidence,
        suggestedAction: { type: action, draft: rendered.draft, locale },
        locale,
        configVersion: CFG.version,
        asOf: input.now,
      },
    ];
  });
  return out.sort(
    (a, b) =>
      b.priority - a.priority || a.type.localeCompare(b.type) || a.subjectKey.localeCompare(b.subjectKey),
  );
}
