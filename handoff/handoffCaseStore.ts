import type { CaseMessage, HandoffCase } from './case';
import type { CaseStore } from './caseStore';
import type { WaitSampleSource } from './waitSamples';

/** What the handoff stores offer beyond the CaseStore interface the console uses. */
export interface HandoffCaseStore extends CaseStore, WaitSampleSource {
  /** appendMessage that also returns the case as it is after the append, in one round trip. */
  appendMessageToCase(
    caseId: string,
    message: Omit<CaseMessage, 'seq'>,
  ): Promise<{ message: CaseMessage; case: HandoffCase }>;
}
