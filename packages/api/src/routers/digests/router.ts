import { router } from '../../trpc.ts';
import { generateDailyProcedure, generateWeeklyProcedure } from './generate.ts';
import { dailyProcedure, weeklyProcedure } from './list.ts';

export const digestsRouter = router({
  daily: dailyProcedure,
  weekly: weeklyProcedure,
  generateDaily: generateDailyProcedure,
  generateWeekly: generateWeeklyProcedure,
});
