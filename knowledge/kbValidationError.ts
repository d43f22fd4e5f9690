/** A knowledge-base file that cannot be used: names the file, the field and the reason. */
export class KbValidationError extends Error {
  override readonly name = 'KbValidationError';

  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${reason}`);
  }
}
