/**
 * The statuses of an upsell opportunity: proposed by the radar, qualified by a person who spoke
 * to the client, then converted (a deal exists) or dismissed. A dismissed one can be proposed
 * again by hand; converted is final.
 */
export const UPSELL_STATUSES = ['proposed', 'qualified', 'converted', 'dismissed'] as const;
export type UpsellStatus = (typeof UPSELL_STATUSES)[number];

export const UPSELL_MOVES: Record<UpsellStatus, readonly UpsellStatus[]> = {
  proposed: ['qualified', 'dismissed'],
  qualified: ['converted', 'dismissed'],
  converted: [],
  dismissed: ['proposed'],
};

export type MoveVerdict = { ok: true } | { ok: false; message: string };

export function canMoveUpsell(from: UpsellStatus, to: UpsellStatus): MoveVerdict {
  if (UPSELL_MOVES[from].includes(to)) return { ok: true };
  const allowed = UPSELL_MOVES[from];
  return {
    ok: false,
    message:
      allowed.length === 0
        ? `The opportunity is ${from}; it cannot move any more.`
        : `The opportunity is ${from}; it can move to ${allowed.join(' or ')}, not ${to}.`,
  };
}
