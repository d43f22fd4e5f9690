/** The entity types the Italian recognizer finds. */
export const ENTITY_TYPES = [
  'date',
  'time',
  'number',
  'money',
  'boolean',
  'email',
  'phone',
  'codiceFiscale',
  'partitaIva',
  'iban',
  'cap',
  'targa',
  'comune',
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

export interface Money {
  amount: number;
  currency: 'EUR';
}

/** Value carried by each entity type. */
export interface EntityValueMap {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM" */
  time: string;
  number: number;
  money: Money;
  boolean: boolean;
  /** lowercase address */
  email: string;
  /** E.164, e.g. "+390341295111" */
  phone: string;
  /** 16 characters, uppercase */
  codiceFiscale: string;
  /** 11 digits */
  partitaIva: string;
  /** compact, uppercase */
  iban: string;
  /** 5 digits */
  cap: string;
  /** compact, uppercase, e.g. "AB123CD" */
  targa: string;
  /** canonical name of a comune of the Provincia di Lecco */
  comune: string;
}

export interface Entity {
  type: EntityType;
  /** The text as written, `text.slice(start, end)` of the message. */
  text: string;
  start: number;
  end: number;
  value: unknown;
  /** Checksum outcome, only for codiceFiscale, partitaIva and iban. */
  valid?: boolean;
}

/** An entity with its value typed after its type. */
export type TypedEntity<T extends EntityType = EntityType> = {
  [K in T]: Omit<Entity, 'type' | 'value'> & { type: K; value: EntityValueMap[K] };
}[T];

export function isEntityOf<T extends EntityType>(entity: Entity, type: T): entity is TypedEntity<T> & Entity {
  return entity.type === type;
}
