/** A procedure table that cannot be imported at all (no title column, unreadable file). */
export class KbImportError extends Error {
  override readonly name = 'KbImportError';
}
