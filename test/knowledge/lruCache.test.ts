import { join } from 'node:path';
import { LruCache } from '../../knowledge/lruCache';
import { loadKnowledgeBase } from '../../knowledge/loader';
import { KnowledgeSearch } from '../../knowledge/search';
import { SynonymDictionary } from '../../knowledge/synonymDictionary';
import { readQuestions } from '../../scripts/evalQuestions';

const FIXTURES = join(__dirname, '..', 'fixtures');
const kb = loadKnowledgeBase(join(FIXTURES, 'knowledge', 'kb'));
const synonyms = SynonymDictionary.load(join(FIXTURES, 'knowledge', 'synonyms.yaml'));
// Blind questions, plus vague ones (search.test.ts): every verdict the search can give.
const questions = [
  ...readQuestions(join(FIXTURES, 'eval', 'blind-a-questions.tsv')).map((q) => q.question),
  'info strada provinciale',
  'info patente',
  'autorizzazione scuola',
];

describe('LruCache', () => {
  it('keeps at most its capacity, dropping the least recently used key', () => {
    const cache = new LruCache<number>(3);
    for (const [i, key] of ['a', 'b', 'c'].entries()) cache.set(key, i);
    expect(cache.get('a')).toBe(0); // 'a' is now the most recent: 'b' goes first
    cache.set('d', 3);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([0, 2, 3]);
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
    expect(cache.get('k99')).toBe(99);
  });

  it('keeps nothing with capacity 0 and refuses a bad capacity', () => {
    const cache = new LruCache<number>(0);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
    expect(() => new LruCache<number>(-1)).toThrow(RangeError);
  });
});

describe('KnowledgeSearch interpretation cache', () => {
  const uncached = new KnowledgeSearch(kb.entries, synonyms, { interpretationCacheSize: 0 });

  it('gives the same interpretations as the uncached search, asked twice and in every language mode', () => {
    expect(questions.length).toBeGreaterThan(100);
    const cached = new KnowledgeSearch(kb.entries, synonyms);
    const decisions = new Set<string>();
    for (const round of [1, 2]) {
      for (const q of questions) {
        for (const options of [{}, { language: 'it' as const }, { language: 'en' as const, limit: 2 }]) {
          const expected = uncached.interpret(q, options);
          decisions.add(expected.decision);
          expect({ q, round, options, result: cached.interpret(q, options) }).toEqual({
            q,
            round,
            options,
            result: expected,
          });
        }
      }
    }
    // The questions exercise every verdict, not just one.
    expect([...decisions].sort()).toEqual(['ambiguous', 'answer', 'none', 'vague']);
  });

  it('serves a repeated question from the cache, frozen so that no caller can change it for the next', () => {
    const cached = new KnowledgeSearch(kb.entries, synonyms);
    const first = cached.interpret('licenza per pescare sul lago');
    const again = cached.interpret('licenza per pescare sul lago');
    expect(again).toBe(first);
    expect(first.procedures[0]?.id).toBe('licenza-pesca');
    expect(Object.isFrozen(first) && Object.isFrozen(first.procedures)).toBe(true);
    expect(first.procedures.every((hit) => Object.isFrozen(hit))).toBe(true);
    expect(() => first.procedures.push({ id: 'x', score: 1 })).toThrow(TypeError);
    // Other options are another question.
    expect(cached.interpret('licenza per pescare sul lago', { limit: 1 }).procedures).toHaveLength(1);
  });

  it('holds at most interpretationCacheSize questions, the most recent ones', () => {
    const small = new KnowledgeSearch(kb.entries, synonyms, { interpretationCacheSize: 2 });
    const a = small.interpret('licenza per pescare sul lago');
    const b = small.interpret('passo carrabile');
    small.interpret('bollino caldaia');
    expect(small.interpret('passo carrabile')).toBe(b);
    const a2 = small.interpret('licenza per pescare sul lago');
    expect(a2).not.toBe(a);
    expect(a2).toEqual(a);
  });
});
