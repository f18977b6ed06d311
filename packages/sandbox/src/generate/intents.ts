/**
 * What a generated message is about. Stored as a small integer per message, so message text can
 * be rendered on demand instead of being kept in memory for 200k+ messages.
 */
export const INTENT = {
  request: 0,
  question: 1,
  approval: 2,
  thanks: 3,
  complaint: 4,
  escalation: 5,
  newNeed: 6,
  bugReport: 7,
  followUp: 8,
  agentAck: 9,
  agentUpdate: 10,
  agentDelivered: 11,
  agentApology: 12,
  agentQuestion: 13,
  agentCheckIn: 14,
  privateNote: 15,
  activityResolved: 16,
  activityAssigned: 17,
  custom: 18,
} as const;

export type Intent = (typeof INTENT)[keyof typeof INTENT];

export const CLIENT_INTENTS = new Set<number>([0, 1, 2, 3, 4, 5, 6, 7, 8]);
