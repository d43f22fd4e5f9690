import type { EntityType } from '../../nlu/entity';
import { recognizeEntities } from '../../nlu/recognizeEntities';

/** Thursday 26 November 2026, the day relative dates are counted from in these tests. */
export const THURSDAY = '2026-11-26';

/** Values of the entities of one type found in `text`. */
export function valuesOf(type: EntityType, text: string, referenceDate: string = THURSDAY): unknown[] {
  return recognizeEntities(text, { referenceDate })
    .filter((e) => e.type === type)
    .map((e) => e.value);
}
