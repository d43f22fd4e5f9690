/** The Italian entity layer: what the rest of the bot imports. No botbuilder here. */
export { ENTITY_TYPES, isEntityOf } from './entity';
export type { Entity, EntityType, EntityValueMap, Money, TypedEntity } from './entity';
export { recognizeEntities, MAX_TEXT_LENGTH } from './recognizeEntities';
export type { RecognizeOptions } from './recognizeEntities';
export { RecognizeOptionsError } from './recognizeOptionsError';
export { parseYesNo } from './parseYesNo';
export { checkCodiceFiscale, validateEmail, validatePhone } from './validation';
export type { ValidationResult } from './validation';
export { ALL_PII_TYPES, createPiiMasker, DEFAULT_PII_LABELS, maskPersonalData } from './piiMask';
export type { PiiMaskOptions, PiiType } from './piiMask';
export { COMUNI_LECCO } from './comuniLecco';
export { isValidCodiceFiscale } from './entities/codiceFiscale';
export { isValidPartitaIva } from './entities/partitaIva';
export { isValidIban } from './entities/iban';
