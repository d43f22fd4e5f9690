import {
  CaseAlreadyClaimedError,
  CaseClosedError,
  CaseNotFoundError,
  CaseNotHeldError,
  CaseNotInQueuesError,
  HandoffUnavailableError,
  InvalidCaseTransitionError,
} from '../handoff/handoffErrors';

export interface ErrorResponse {
  status: number;
  code: string;
  message: string;
}

/** The HTTP answer for a CaseStore error, or undefined for an unexpected one. */
export function caseErrorResponse(err: unknown): ErrorResponse | undefined {
  if (err instanceof CaseAlreadyClaimedError)
    return { status: 409, code: 'CaseAlreadyClaimed', message: 'Caso già preso da un altro operatore' };
  if (err instanceof CaseNotInQueuesError)
    return {
      status: 403,
      code: 'QueueNotServed',
      message: `Il caso è stato trasferito alla coda "${err.queue}", che non servi`,
    };
  if (err instanceof CaseClosedError) return { status: 409, code: 'CaseClosed', message: 'Caso già chiuso' };
  if (err instanceof CaseNotHeldError)
    return { status: 409, code: 'NotCaseHolder', message: 'Il caso non è assegnato a te' };
  if (err instanceof InvalidCaseTransitionError)
    return { status: 409, code: 'InvalidCaseTransition', message: err.message };
  if (err instanceof CaseNotFoundError) return { status: 404, code: 'NotFound', message: 'Case not found' };
  if (err instanceof HandoffUnavailableError)
    return {
      status: 503,
      code: 'HandoffUnavailable',
      message: 'Code operatori momentaneamente non raggiungibili: riprova tra poco',
    };
  return undefined;
}
