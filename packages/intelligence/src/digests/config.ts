/**
 * What counts as news in a digest. Versioned like every other rule set: a digest row names the
 * version it was built with.
 */
export const DIGEST_CONFIG = {
  version: 'digest-v1',
  /** A health or risk score that moved at least this many points (0..100) is news. */
  scoreMoveMin: 5,
  /** A 14-day risk forecast that moved at least this much probability (0..1) is a mover. */
  forecastMoveMin: 0.05,
  /** Items shown per section of a reader's digest; the rest are counted ("and N more"). */
  maxItemsPerSection: 8,
} as const;
