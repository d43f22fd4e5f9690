import { findBooleans } from './entities/boolean';
import { makeContext } from './textContext';

const NO_DAY = { year: 1970, month: 1, day: 1 };

/**
 * Reads a yes/no answer, Italian or English: "sì", "certo", "va bene", "esatto", "ok", "yes" /
 * "no", "no grazie". Undefined when the text is not an answer (the impersonal "si può…?") or
 * says both.
 */
export function parseYesNo(text: string): boolean | undefined {
  const answers = findBooleans(makeContext(text.slice(0, 500), NO_DAY));
  const first = answers[0];
  if (!first || answers.some((a) => a.value !== first.value)) return undefined;
  return first.value === true ? true : first.value === false ? false : undefined;
}
