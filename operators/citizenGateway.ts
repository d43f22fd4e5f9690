import type { HandoffCase } from '../handoff/case';

/** What the console sends to a citizen: a message or a typing indicator. */
export interface CitizenActivity {
  type: 'message' | 'typing';
  text?: string;
  /** Always carries `handoff: {caseId, state}`; operator messages also carry `operator`. */
  channelData?: object;
}

/**
 * Delivers console output to the citizen on their own channel (Web Chat, Bot Framework channels,
 * Telegram) as a proactive message. Implemented by the composition root over the channel adapters.
 */
export interface CitizenGateway {
  sendToCitizen(caseRecord: HandoffCase, activity: CitizenActivity): Promise<void>;
}
