/**
 * Deal stages. Stage titles are workspace-defined in Attio; won and lost are recognised the way
 * the sync's mapper does it ("Won 🎉", "Closed lost"), so a stage moved in Keel and the same
 * stage read back by the sync give the same status.
 */
export type DealStatus = 'open' | 'won' | 'lost';

export function statusOfStage(stage: string): DealStatus {
  if (/\bwon\b/i.test(stage)) return 'won';
  if (/\blost\b/i.test(stage)) return 'lost';
  return 'open';
}

export type StageCheck = { ok: true; stage: string } | { ok: false; message: string };

/**
 * The stage as Attio knows it. Matching ignores case and surrounding space ("won 🎉" is
 * "Won 🎉"), and a title given without its emoji matches when it is the only such stage
 * ("Won" → "Won 🎉"); anything else is refused with the stages there are.
 */
export function checkStage(input: string, known: readonly string[]): StageCheck {
  const wanted = input.trim().toLowerCase();
  if (wanted.length === 0) return { ok: false, message: `stage is empty; use one of: ${known.join(', ')}.` };
  const exact = known.find((k) => k.trim().toLowerCase() === wanted);
  if (exact) return { ok: true, stage: exact };
  const plain = (s: string) =>
    s
      .replace(/[^\p{L}\p{N} ]/gu, '')
      .trim()
      .toLowerCase();
  const loose = known.filter((k) => plain(k) === plain(input) && plain(k).length > 0);
  if (loose.length === 1 && loose[0] !== undefined) return { ok: true, stage: loose[0] };
  return {
    ok: false,
    message: `"${input}" is not a deal stage in this CRM; use one of: ${known.join(', ')}.`,
  };
}

/** What a stage change writes besides the stage: status, and when the deal closed (kept when it stays closed). */
export function stageTransition(
  current: { status: DealStatus; closedAt: Date | null },
  stage: string,
  now: Date,
): { status: DealStatus; closedAt: Date | null; probability: number | null } {
  const status = statusOfStage(stage);
  if (status === 'open') return { status, closedAt: null, probability: null };
  const closedAt = current.status === status && current.closedAt ? current.closedAt : now;
  return { status, closedAt, probability: status === 'won' ? 1 : 0 };
}
