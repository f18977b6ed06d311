import { DIGEST_CONFIG } from './config.ts';
import type {
  DigestItem,
  DigestSectionKey,
  ProjectDigestInput,
  ProjectStateSignal,
  ScorePoint,
} from './types.ts';

/** An item before it is rendered in a language. */
export type DigestItemCore = Omit<DigestItem, 'text'>;
export type ProjectSections = Record<DigestSectionKey, DigestItemCore[]>;

const HOUR_MS = 3_600_000;
const round1 = (n: number) => Math.round(n * 10) / 10;
const signalId = (s: Pick<ProjectStateSignal, 'key' | 'subjectKey'>) => `${s.key}\u0000${s.subjectKey}`;

/**
 * One project's digest sections from its state now and at the window's start (pure: rows in,
 * items out). What changed: health and risk moves of at least `scoreMoveMin` points. New and
 * cleared risks: the signal set's difference. Forecast movers: the 14-day probability moved at
 * least `forecastMoveMin` (both forecasts with enough history). Waiting clients: conversations
 * whose last client message has no human reply yet. Actions done: recommendation action runs
 * that succeeded and outbound messages sent within the window.
 */
export function buildProjectSections(input: ProjectDigestInput): ProjectSections {
  const { project, current, previous, now } = input;
  const base = { projectId: project.id, projectName: project.name };
  const projectLink = { kind: 'project' as const, projectId: project.id };
  const asOf = now.toISOString();

  const whatChanged: DigestItemCore[] = [];
  for (const score of ['health', 'risk'] as const) {
    const to: ScorePoint | null = current[score];
    const from: ScorePoint | null = previous[score];
    if (!to || !from) continue;
    const a = Math.round(from.value);
    const b = Math.round(to.value);
    if (Math.abs(b - a) < DIGEST_CONFIG.scoreMoveMin) continue;
    // Worse is what a reader must see first: health falling, risk rising.
    const worse = score === 'health' ? b < a : b > a;
    whatChanged.push({
      ...base,
      key: `score:${project.id}:${score}:${a}->${b}`,
      weight: Math.min(1, Math.abs(b - a) / 50) * (worse ? 1 : 0.5),
      facts: { type: 'score_move', score, from: a, to: b, since: from.asOf },
      link: projectLink,
      evidence: [from.evidence, to.evidence],
      configVersion: to.configVersion,
      asOf: to.asOf,
    });
  }

  const before = new Set(previous.signals.map(signalId));
  const nowIds = new Set(current.signals.map(signalId));
  const newRisks: DigestItemCore[] = current.signals
    .filter((s) => !before.has(signalId(s)))
    .map((s) => ({
      ...base,
      key: `risk:new:${project.id}:${s.key}:${s.subjectKey}`,
      weight: s.severity,
      facts: {
        type: 'risk_new' as const,
        signalKey: s.key,
        title: s.title,
        sentence: s.sentence ?? s.title,
        severity: round1(s.severity * 100) / 100,
      },
      link: linkOf(project.id, s),
      evidence: s.evidence,
      configVersion: s.configVersion,
      asOf,
    }));
  const clearedRisks: DigestItemCore[] = previous.signals
    .filter((s) => !nowIds.has(signalId(s)))
    .map((s) => ({
      ...base,
      key: `risk:cleared:${project.id}:${s.key}:${s.subjectKey}`,
      weight: s.severity,
      facts: { type: 'risk_cleared' as const, signalKey: s.key, title: s.title, sentence: s.sentence },
      link: projectLink,
      evidence: s.evidence,
      configVersion: s.configVersion,
      asOf,
    }));

  const forecastMovers: DigestItemCore[] = [];
  const f1 = current.forecast14d;
  const f0 = previous.forecast14d;
  if (f1 && f0 && f1.dataSufficient && f0.dataSufficient) {
    const a = Math.round(f0.probability * 100) / 100;
    const b = Math.round(f1.probability * 100) / 100;
    if (Math.abs(b - a) >= DIGEST_CONFIG.forecastMoveMin)
      forecastMovers.push({
        ...base,
        key: `forecast:${project.id}:14:${a}->${b}`,
        weight: Math.min(1, Math.abs(b - a) * 2) * (b > a ? 1 : 0.5),
        facts: { type: 'forecast_move', horizonDays: 14, from: a, to: b },
        link: projectLink,
        evidence: [f0.evidence, f1.evidence],
        configVersion: f1.modelVersion,
        asOf: f1.asOf,
      });
  }

  const waitingClients: DigestItemCore[] = input.waiting.map((w) => {
    const hours = round1(Math.max(0, now.getTime() - Date.parse(w.waitingSince)) / HOUR_MS);
    return {
      ...base,
      // The message it waits on: still waiting on the same message is not news, a new one is.
      key: `waiting:${project.id}:${w.conversationId}:${w.lastClientMessageId}`,
      weight: Math.min(1, hours / 48),
      facts: {
        type: 'waiting_client' as const,
        contact: w.contact,
        conversationId: w.conversationId,
        displayId: w.displayId,
        waitingHours: hours,
        messages: w.messages,
        snippet: w.snippet,
      },
      link: { kind: 'conversation' as const, projectId: project.id, conversationId: w.conversationId },
      evidence: [
        {
          table: 'cw_messages',
          id: w.lastClientMessageId,
          label: w.snippet ?? undefined,
          occurredAt: w.waitingSince,
        },
      ].map(({ label, ...e }) => (label === undefined ? e : { ...e, label })),
      configVersion: null,
      asOf,
    };
  });

  const actionsDone: DigestItemCore[] = input.done.map((d) => ({
    ...base,
    key: `done:${d.kind}:${d.id}`,
    weight: 0.5,
    facts:
      d.kind === 'outbound'
        ? {
            type: 'outbound_sent' as const,
            channel: d.actionType,
            recipient: d.recipient ?? '',
            subject: d.subject,
          }
        : {
            type: 'action_done' as const,
            actionType: d.actionType,
            title: d.title,
            externalUrl: d.externalUrl,
          },
    link: d.externalUrl
      ? { kind: 'external' as const, projectId: project.id, url: d.externalUrl }
      : projectLink,
    evidence: [
      {
        table: d.kind === 'outbound' ? 'outbound_messages' : 'recommendation_action_runs',
        id: d.id,
        occurredAt: d.at,
      },
    ],
    configVersion: null,
    asOf: d.at,
  }));

  const byWeight = (a: DigestItemCore, b: DigestItemCore) =>
    b.weight - a.weight || a.key.localeCompare(b.key);
  return {
    what_changed: whatChanged.sort(byWeight),
    new_risks: newRisks.sort(byWeight),
    cleared_risks: clearedRisks.sort(byWeight),
    forecast_movers: forecastMovers.sort(byWeight),
    waiting_clients: waitingClients.sort(byWeight),
    actions_done: actionsDone.sort((a, b) => b.asOf.localeCompare(a.asOf) || a.key.localeCompare(b.key)),
  };
}

/** A signal about a conversation links to it; others to the project page. */
function linkOf(projectId: string, s: ProjectStateSignal): DigestItem['link'] {
  const conversation = /^(?:chatwoot:)?conversation:(\d+)$/.exec(s.subjectKey)?.[1];
  return conversation
    ? { kind: 'conversation', projectId, conversationId: conversation }
    : { kind: 'project', projectId };
}
