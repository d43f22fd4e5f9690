/** A reference date or time zone that cannot be used; `option` names which. */
export class RecognizeOptionsError extends Error {
  constructor(
    readonly option: 'referenceDate' | 'timeZone',
    readonly received: string,
  ) {
    super(`recognizeEntities: invalid ${option} ${JSON.stringify(received)}`);
    this.name = 'RecognizeOptionsError';
  }
}
