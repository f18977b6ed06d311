/**
 * Hidden trajectories: how a project's stress and engagement move over time. Generation and
 * advance() read the same curves, so the world keeps bending the same way as it moves forward.
 */
import type { RiskEventKind, Trajectory } from '../model.ts';
import type { Rng } from '../random.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));

/** 0 = calm, 1 = on fire: drives negative language, reply delays, overdue and stalled issues. */
export function stressAt(trajectory: Trajectory, onset: number, t: number): number {
  switch (trajectory) {
    case 'healthy':
      return 0.05;
    case 'slipping':
      return 0.05 + 0.6 * clamp01((t - onset) / (21 * DAY));
    case 'escalating':
      return 0.05 + 0.95 * clamp01((t - onset) / (14 * DAY));
    case 'recovering': {
      if (t < onset) return 0.05 + 0.85 * clamp01((t - (onset - 21 * DAY)) / (21 * DAY));
      return 0.1 + 0.8 * (1 - clamp01((t - onset) / (30 * DAY)));
    }
    case 'churning':
      return 0.05 + 0.3 * clamp01((t - onset) / (14 * DAY));
  }
}

/** 1 = normal contact volume; churning projects fade towards silence. */
export function engagementAt(trajectory: Trajectory, onset: number, t: number): number {
  if (trajectory !== 'churning') return 1;
  return 1 - 0.92 * clamp01((t - onset) / (21 * DAY));
}

const WEIGHTS: Array<[Trajectory, number]> = [
  ['healthy', 0.4],
  ['slipping', 0.2],
  ['escalating', 0.15],
  ['recovering', 0.125],
  ['churning', 0.125],
];

const ALL: Trajectory[] = ['healthy', 'slipping', 'escalating', 'recovering', 'churning'];

/** The first five projects get one trajectory each, so even a small portfolio shows every kind. */
export function pickTrajectory(rng: Rng, projectIndex: number): Trajectory {
  const fixed = ALL[projectIndex];
  if (fixed) return fixed;
  let r = rng.next();
  for (const [kind, weight] of WEIGHTS) {
    r -= weight;
    if (r < 0) return kind;
  }
  return 'healthy';
}

/** When the trajectory starts to bend, relative to the base date (some lie in the near future). */
export function pickOnset(rng: Rng, trajectory: Trajectory, baseDate: number): number {
  switch (trajectory) {
    case 'healthy':
      return baseDate;
    case 'recovering':
      return baseDate - rng.int(35, 60) * DAY;
    default:
      return baseDate + rng.int(-40, 12) * DAY;
  }
}

export function riskEventsFor(
  trajectory: Trajectory,
  onset: number,
): Array<{ kind: RiskEventKind; at: number }> {
  switch (trajectory) {
    case 'healthy':
      return [];
    case 'slipping':
      return [{ kind: 'delivery_slip', at: onset + 14 * DAY }];
    case 'escalating':
      return [
        { kind: 'delivery_slip', at: onset + 5 * DAY },
        { kind: 'escalation', at: onset + 10 * DAY },
      ];
    case 'recovering':
      return [
        { kind: 'escalation', at: onset },
        { kind: 'recovered', at: onset + 30 * DAY },
      ];
    case 'churning':
      return [{ kind: 'churn', at: onset + 21 * DAY }];
  }
}
