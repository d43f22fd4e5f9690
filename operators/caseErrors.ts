/** HTTP status for a CaseStore error, or undefined for an unexpected one. */
export function caseErrorResponse(
  err: unknown,
): { status: number; code: string; message: string } | undefined {
  if (!(err instanceof Error)) return undefined;
  switch (err.name) {
    case 'CaseAlreadyClaimedError':
      return { status: 409, code: 'CaseAlreadyClaimed', message: 'Caso già preso da un altro operatore' };
    case 'CaseNotFoundError':
      return { status: 404, code: 'NotFound', message: 'Case not found' };
    default:
      return undefined;
  }
}
