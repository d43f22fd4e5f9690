import { join } from 'node:path';
import { loadKnowledgeBase } from '../../knowledge/loader';
import { KnowledgeSearch } from '../../knowledge/search';
import { SynonymDictionary } from '../../knowledge/synonymDictionary';

const FIXTURES = join(__dirname, '..', 'fixtures', 'knowledge');
const kb = loadKnowledgeBase(join(FIXTURES, 'kb'));
const search = new KnowledgeSearch(kb.entries, SynonymDictionary.load(join(FIXTURES, 'synonyms.yaml')));

const top = (text: string): string | undefined => search.search(text)[0]?.id;

describe('KnowledgeSearch.search', () => {
  it('finds an entry from the words of its title, best first with decreasing scores', () => {
    const hits = search.search('autorizzazione per aprire una scuola nautica');
    expect(hits[0]?.id).toBe('scuole-nautiche');
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('respects the limit', () => {
    expect(search.search('autorizzazione strade provinciali', { limit: 2 })).toHaveLength(2);
  });

  it('understands jargon through the synonym dictionary', () => {
    expect(top('passo carrabile')).toBe('accessi-carrai');
    expect(top('camion fuori sagoma')).toBe('trasporti-eccezionali');
    expect(top('bollino caldaia')).toBe('impianti-termici');
  });

  it('works without accents, with elisions and plurals', () => {
    expect(top("apertura dell'autoscuola")).toBe('autoscuole');
    expect(top('CALDAIE condominio')).toBe('impianti-termici');
  });

  it('tolerates a misspelt word', () => {
    expect(top('autorizazione scuola nautca')).toBe('scuole-nautiche');
    expect(top('tesserino venatrio')).toBe('tesserino-venatorio');
  });

  it('searches the English keywords of English questions', () => {
    expect(top('I need a permit for my driveway')).toBe('accessi-carrai');
    expect(top('how do I get a fishing licence?')).toBe('licenza-pesca');
  });

  it('returns nothing for words the KB does not know, nonsense or empty text', () => {
    expect(search.search('xkcd qwerty')).toEqual([]);
    expect(search.search('')).toEqual([]);
    expect(search.search('!!! 😀')).toEqual([]);
    expect(search.interpret('a'.repeat(4000)).decision).toBe('none');
  });
});

describe('KnowledgeSearch.interpret', () => {
  it('answers a clear question with one entry', () => {
    const result = search.interpret('Devo pagare qualcosa per il tesserino venatorio?');
    expect(result.decision).toBe('answer');
    expect(result.procedures[0]?.id).toBe('tesserino-venatorio');
    expect(result.area).toBe('caccia-pesca');
    expect(result.language).toBe('it');
  });

  it('gives confidences between 0 and 1, best first', () => {
    const { procedures } = search.interpret('buca pericolosa sulla strada provinciale');
    expect(procedures[0]?.id).toBe('segnalazioni-strade');
    for (const p of procedures) {
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }
  });

  it('says none for off-topic chatter', () => {
    for (const text of [
      'ti piace la pizza?',
      'lol',
      'che tempo fa domani a Roma?',
      'raccontami una barzelletta',
    ]) {
      expect({ text, decision: search.interpret(text).decision }).toEqual({ text, decision: 'none' });
    }
  });

  it('recognises chit-chat that shares a word with an entry as off topic', () => {
    const text = 'che tempo farà domani sul lago?';
    const unguarded = new KnowledgeSearch(kb.entries, undefined, { offTopicGuard: false });
    // "lago" is a keyword of the fishing licence: it ranks first on that word alone
    expect(unguarded.search(text)[0]?.id).toBe('licenza-pesca');
    expect(search.interpret(text)).toMatchObject({ decision: 'none', procedures: [] });
    expect(search.search(text).every((h) => kb.has(h.id))).toBe(true);
    // ...without hiding the entry from a real question that uses the same word
    expect(search.interpret('licenza per pescare sul lago').procedures[0]?.id).toBe('licenza-pesca');
  });

  it('does not answer when the only link is a guessed misspelling among unknown words', () => {
    // "marca" is one letter from "barca" (a keyword of scuole-nautiche)
    expect(search.interpret('la marca dei biscotti integrali').decision).toBe('none');
    expect(search.interpret('patente per la barka').procedures[0]?.id).toBe('scuole-nautiche');
  });

  it('calls a one-word question shared by many entries of an area vague', () => {
    const result = search.interpret('info strada provinciale');
    expect(result.decision).toBe('vague');
    expect(result.area).toBe('strade');
    const patente = search.interpret('info patente');
    expect(patente.decision).toBe('vague');
  });

  it('calls two entries that match equally well ambiguous', () => {
    const result = search.interpret('autorizzazione scuola');
    expect(result.decision).toBe('ambiguous');
    expect(
      result.procedures
        .slice(0, 2)
        .map((p) => p.id)
        .sort(),
    ).toEqual(['autoscuole', 'scuole-nautiche']);
  });

  it('detects English and honours an explicit language', () => {
    expect(search.interpret('Where can I report a pothole on the road?').language).toBe('en');
    expect(search.interpret('pothole', { language: 'en' }).procedures[0]?.id).toBe('segnalazioni-strade');
  });
});
