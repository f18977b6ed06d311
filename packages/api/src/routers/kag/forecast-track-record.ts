import { z } from 'zod';
import { readTrackRecord } from '@keel/app/services/forecasts';
import { projectProcedure } from '../../trpc.ts';
import { forecastTags, trackRecord } from './forecast-schemas.ts';

export const forecastTrackRecordProcedure = projectProcedure
  .meta({
    rest: {
      method: 'GET',
      path: '/kag/v2/forecast/track-record',
      summary:
        "Keel's track record on this install: per horizon, a 10-bin reliability table and the Brier score of the forecast replayed over stored snapshots against their outcome labels",
      tags: forecastTags,
    },
  })
  .input(z.object({}).default({}))
  .output(trackRecord)
  .query(({ ctx }) => readTrackRecord(ctx.deps, ctx.project));
