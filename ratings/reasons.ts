/** A reason a citizen may give after a red face ("Mettiamoci la faccia"). */
export interface RatingReason {
  code: string;
  /** Italian label shown to the citizen and in the reports. */
  label: string;
}

/** The default list; deployments may pass their own to the store, the report service and the dialog. */
export const DEFAULT_RATING_REASONS: readonly RatingReason[] = [
  { code: 'tempi-attesa', label: 'Tempi di attesa' },
  { code: 'informazioni-poco-chiare', label: 'Informazioni poco chiare' },
  { code: 'competenza-cortesia', label: 'Competenza o cortesia' },
  { code: 'problema-non-risolto', label: 'Problema non risolto' },
  { code: 'altro', label: 'Altro' },
];

export function findReason(reasons: readonly RatingReason[], code: string): RatingReason | undefined {
  return reasons.find((r) => r.code === code);
}

/** The label of a reason code, or the code itself when the list no longer has it. */
export function reasonLabel(reasons: readonly RatingReason[], code: string): string {
  return findReason(reasons, code)?.label ?? code;
}
