import { QUESTIONS } from '../../bench/questions';
import type { Candidate } from '../../nlu/entities/candidate';
import { findCodiciFiscali, mayContainCodiceFiscale } from '../../nlu/entities/codiceFiscale';
import { findEmails, mayContainEmail } from '../../nlu/entities/email';
import { findIbans, mayContainIban } from '../../nlu/entities/iban';
import { findPhones, mayContainPhone } from '../../nlu/entities/phone';
import { createPiiMasker, maskPersonalData, type PiiMaskOptions, type PiiType } from '../../nlu/piiMask';
import { makeContext, type TextContext } from '../../nlu/textContext';
import { createReferenceMasker, OLD_PREFILTERS } from './piiMaskBefore';
import { fixtureSentences, generatedSentences, ORDINARY_LONG_WORDS } from './piiSentences';

/*
 * The finders are wrapped in mocks that call the real ones, so the tests can see whether the
 * masker ran them at all.
 */
jest.mock('../../nlu/entities/codiceFiscale', () => {
  const actual = jest.requireActual<Record<string, unknown>>('../../nlu/entities/codiceFiscale');
  return { ...actual, findCodiciFiscali: jest.fn(actual.findCodiciFiscali as () => unknown) };
});
jest.mock('../../nlu/entities/email', () => {
  const actual = jest.requireActual<Record<string, unknown>>('../../nlu/entities/email');
  return { ...actual, findEmails: jest.fn(actual.findEmails as () => unknown) };
});
jest.mock('../../nlu/entities/iban', () => {
  const actual = jest.requireActual<Record<string, unknown>>('../../nlu/entities/iban');
  return { ...actual, findIbans: jest.fn(actual.findIbans as () => unknown) };
});
jest.mock('../../nlu/entities/phone', () => {
  const actual = jest.requireActual<Record<string, unknown>>('../../nlu/entities/phone');
  return { ...actual, findPhones: jest.fn(actual.findPhones as () => unknown) };
});

const NO_DAY = { year: 1970, month: 1, day: 1 };
/** The transcript's masker (dialogs/transcript.ts): what operators read. */
const OPERATORS: PiiMaskOptions = { types: ['codiceFiscale', 'iban'] };

const FIXTURES = fixtureSentences();
const GENERATED = generatedSentences();
const SENTENCES = [...FIXTURES, ...GENERATED];

const PREFILTERS: Record<PiiType, { maybe: (t: string) => boolean; find: (c: TextContext) => Candidate[] }> =
  {
    codiceFiscale: { maybe: mayContainCodiceFiscale, find: findCodiciFiscali },
    email: { maybe: mayContainEmail, find: findEmails },
    iban: { maybe: mayContainIban, find: findIbans },
    phone: { maybe: mayContainPhone, find: findPhones },
  };

const finders = [findCodiciFiscali, findEmails, findIbans, findPhones] as unknown as jest.Mock[];

describe('the masker sentences', () => {
  it('include the fixtures and every kind of personal data', () => {
    // Guards the properties below against an empty or PII-free corpus (a moved fixture folder).
    expect(FIXTURES.length).toBeGreaterThan(500);
    for (const { find } of Object.values(PREFILTERS)) {
      const hits = SENTENCES.filter((s) => find(makeContext(s, NO_DAY)).length > 0);
      expect(hits.length).toBeGreaterThan(20);
    }
  });
});

describe('personal-data prefilters', () => {
  it.each(Object.keys(PREFILTERS) as PiiType[])(
    '%s: whenever the finder finds something, the prefilter said maybe',
    (type) => {
      const { maybe, find } = PREFILTERS[type];
      const missed = SENTENCES.filter((s) => find(makeContext(s, NO_DAY)).length > 0 && !maybe(s));
      expect(missed).toEqual([]);
    },
  );

  it('let ordinary questions with long words through without a look at the finders', () => {
    for (const text of [...QUESTIONS, ...ORDINARY_LONG_WORDS]) {
      expect([text, mayContainCodiceFiscale(text), mayContainIban(text)]).toEqual([text, false, false]);
      expect([text, mayContainPhone(text), mayContainEmail(text)]).toEqual([text, false, false]);
    }
  });

  it('let amounts and dates after a two-letter word through when the word is no IBAN country', () => {
    // The bot's short answers go through the operator transcript's masker on every turn.
    const answer = 'la licenza è la ricevuta del versamento di 23 euro a Regione Lombardia e vale 12 mesi';
    expect(mayContainIban(answer)).toBe(false);
    expect(mayContainIban('pagato da 15 giorni')).toBe(false);
    // "IT60 X054…" and a country that is also a word ("al" is Albania) still go to the finder.
    expect(mayContainIban('IBAN IT60 X054 2811 1010 0000 0123 456')).toBe(true);
    expect(mayContainIban('bonifico al 12 3456 7890')).toBe(true);
  });
});

describe('masking with prefilters', () => {
  it.each([
    ['the logger', {}],
    ['the operator transcript', OPERATORS],
  ])('%s masks exactly what running every finder on every message masks', (_, options) => {
    const masker = createPiiMasker(options);
    const everyFinder = createReferenceMasker(options, false);
    const differing = SENTENCES.filter((s) => masker(s) !== everyFinder(s));
    expect(differing).toEqual([]);
  });

  it.each([
    ['the logger', {}],
    ['the operator transcript', OPERATORS],
  ])('%s masks as before, except what the old prefilters let through unmasked', (_, options) => {
    const masker = createPiiMasker(options);
    const before = createReferenceMasker(options, true);
    const types = options.types ?? (Object.keys(PREFILTERS) as PiiType[]);
    const unexplained = SENTENCES.filter((s) => {
      if (masker(s) === before(s)) return false;
      // A difference is only allowed where an old prefilter skipped a finder that finds something.
      const ctx = makeContext(s, NO_DAY);
      return !types.some((t) => !OLD_PREFILTERS[t](s) && PREFILTERS[t].find(ctx).length > 0);
    });
    expect(unexplained).toEqual([]);
  });

  it('hides codes written in groups and short malformed codes, which the old prefilter let through', () => {
    const forOperators = createPiiMasker(OPERATORS);
    expect(forOperators('CF: BRV GLI 70A41 E507X')).toBe('CF: [codice fiscale]');
    expect(forOperators('il cf di mia moglie è bnc lcu 80d45 l219f')).toBe(
      'il cf di mia moglie è [codice fiscale]',
    );
    expect(maskPersonalData('RSSMRA 85T10 A562S, grazie')).toBe('[codice fiscale], grazie');
    expect(maskPersonalData('CF: RSS-MRA-85T10-A562S')).toBe('CF: [codice fiscale]');
    expect(maskPersonalData('codice fiscale RSSMRA85T10A562')).toBe('codice fiscale [codice fiscale]');
    expect(maskPersonalData('fisso 03 / 41 / 29 / 51 / 11')).toBe('fisso [telefono]');
  });

  it('still masks codes glued to punctuation, lowercase, with omocodia or with every digit replaced', () => {
    expect(maskPersonalData('(rssmra85t10a56nh).')).toBe('([codice fiscale]).');
    expect(maskPersonalData('cf RSSMRAVRTMLLNPQX')).toBe('cf [codice fiscale]');
    expect(maskPersonalData('chiamate il +39\t333\t1234567')).toBe('chiamate il [telefono]');
  });
});

describe('messages without personal data', () => {
  beforeEach(() => finders.forEach((f) => f.mockClear()));

  it.each([
    ['the logger', {}],
    ['the operator transcript', OPERATORS],
  ])('%s returns ordinary questions untouched without running a finder', (_, options) => {
    const masker = createPiiMasker(options);
    for (const text of [...QUESTIONS, ...ORDINARY_LONG_WORDS]) expect(masker(text)).toBe(text);
    expect(finders.map((f) => f.mock.calls.length)).toEqual([0, 0, 0, 0]);
  });

  it('runs the finder when the message may hold a code', () => {
    expect(createPiiMasker(OPERATORS)('esame per autotrasportatore, cf RSSMRA85T10A562S')).toBe(
      'esame per autotrasportatore, cf [codice fiscale]',
    );
    expect(finders.map((f) => f.mock.calls.length)).toEqual([1, 0, 0, 0]);
  });
});
