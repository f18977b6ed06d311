import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import type { ScoreComponent, ScoreContributor } from '../schema/kag-core.ts';
import { healthScores } from '../schema/legacy.ts';

/**
 * `health_scores` (the seed's intelligence.js view of health) is written from the very score the
 * kag pipeline stores in `kag_scores`, in the same transaction: one computation, two views, never
 * two numbers for the same project at the same instant.
 */
export type HealthScoreWrite = {
  score: number;
  band: 'healthy' | 'watch' | 'at_risk' | 'critical';
  components: ScoreComponent[];
  topContributors: ScoreContributor[];
  configVersion: string;
  asOf: Date;
};

export async function writeHealthScore(
  db: Database,
  scope: { accountScopeId: string; projectId: string },
  row: HealthScoreWrite,
): Promise<void> {
  await db
    .insert(healthScores)
    .values({ ...scope, ...row })
    .onConflictDoUpdate({
      target: [healthScores.projectId, healthScores.asOf, healthScores.accountScopeId],
      set: {
        score: sql`excluded.score`,
        band: sql`excluded.band`,
        components: sql`excluded.components`,
        topContributors: sql`excluded.top_contributors`,
        configVersion: sql`excluded.config_version`,
      },
    });
}
