import { join } from 'node:path';
import { loadKnowledgeBase } from '../../knowledge/loader';
import { parseRequest, type EntityContext } from '../../knowledge/nluParse';
import { KnowledgeSearch } from '../../knowledge/search';
import { SynonymDictionary } from '../../knowledge/synonymDictionary';

const FIXTURES = join(__dirname, '..', 'fixtures', 'knowledge');
const interpreter = new KnowledgeSearch(
  loadKnowledgeBase(join(FIXTURES, 'kb')).entries,
  SynonymDictionary.load(join(FIXTURES, 'synonyms.yaml')),
);

describe('parseRequest (POST /api/nlu/parse)', () => {
  it('returns the text, the procedures best first and no entities by default', () => {
    const result = parseRequest({ text: 'mi serve il passo carrabile' }, { interpreter });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      text: 'mi serve il passo carrabile',
      entities: [],
      decision: 'answer',
    });
    if (!('procedures' in result.body)) throw new Error('no procedures');
    expect(result.body.procedures[0]?.id).toBe('accessi-carrai');
  });

  it('returns no procedure for off-topic text', () => {
    const result = parseRequest({ text: 'raccontami una barzelletta' }, { interpreter });
    expect(result.body).toMatchObject({ procedures: [], decision: 'none' });
  });

  it('uses an English locale to read the text as English', () => {
    const result = parseRequest({ text: 'driveway', locale: 'en-GB' }, { interpreter });
    expect(result.body).toMatchObject({ language: 'en', procedures: [{ id: 'accessi-carrai' }] });
  });

  it('passes locale and reference date to the entity recognizer', () => {
    const seen: EntityContext[] = [];
    const result = parseRequest(
      { text: 'domani passo per il tesserino', locale: 'it-IT', referenceDate: '2026-11-26' },
      {
        interpreter,
        recognizeEntities: (_text, context) => {
          seen.push(context);
          return [{ type: 'date', value: '2026-11-27' }];
        },
      },
    );
    expect(result.body).toMatchObject({ entities: [{ type: 'date', value: '2026-11-27' }] });
    expect(seen[0]?.locale).toBe('it-IT');
    expect(seen[0]?.referenceDate.toISOString()).toBe('2026-11-26T00:00:00.000Z');
  });

  it.each([
    [null, /JSON object/],
    ['testo', /JSON object/],
    [{}, /text/],
    [{ text: '   ' }, /text: must not be empty/],
    [{ text: 42 }, /text/],
    [{ text: 'ciao', referenceDate: 'ieri' }, /referenceDate/],
    [{ text: 'ciao', locale: 'italiano!' }, /locale/],
    [{ text: 'ciao', extra: 1 }, /extra|Unrecognized/i],
  ])('refuses %j with 400 and a Direct Line style error', (body, message) => {
    const result = parseRequest(body, { interpreter });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      error: { code: 'BadArgument', message: expect.stringMatching(message) },
    });
  });

  it('refuses a text longer than the limit', () => {
    const result = parseRequest({ text: 'a'.repeat(11) }, { interpreter, maxTextLength: 10 });
    expect(result.status).toBe(400);
  });
});
