/**
 * CRM overview settings. `stalledDays` is the kag `deal_stalled` signal's threshold, so the
 * overview and the risk signals call the same deals stalled.
 */
import { KAG_CONFIG } from '../kag/config.ts';

export type CrmConfig = {
  /** An open deal with no stage change for this many days is stalled. */
  stalledDays: number;
  /** Renewal windows the overview counts, in days from now, shortest first. */
  renewalWindows: readonly number[];
  /** Stages offered when Attio is not connected (Attio's default deal stages). */
  manualStages: readonly string[];
};

export const CRM_CONFIG: CrmConfig = {
  stalledDays: KAG_CONFIG.signals.deal_stalled.staleDays,
  renewalWindows: [30, 60],
  manualStages: ['Lead', 'In Progress', 'Won 🎉', 'Lost'],
};
