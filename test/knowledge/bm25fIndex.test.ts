import { Bm25fIndex } from '../../knowledge/bm25fIndex';

const FIELDS = [
  { name: 'title', boost: 3, b: 0.5, topic: true },
  { name: 'body', boost: 1, b: 0.75, topic: false },
];

function build(): Bm25fIndex {
  const index = new Bm25fIndex(FIELDS);
  index.add([
    ['licenz', 'pesc'],
    ['lag', 'fium', 'ricevut'],
  ]); // 0
  index.add([
    ['tesserin', 'venator'],
    ['cacc', 'stagion', 'licenz'],
  ]); // 1
  index.add([['autoscuol'], ['patent', 'sed', 'licenz']]); // 2
  index.add([
    ['guard', 'volontar'],
    ['cacc', 'pesc', 'vigil'],
  ]); // 3
  return index;
}

describe('Bm25fIndex', () => {
  it('ranks a word in the title above the same word in the body', () => {
    const hits = build().search([{ term: 'pesc', weight: 1 }], 10);
    expect(hits.map((h) => h.doc)).toEqual([0, 3]);
    expect(hits[0]?.score ?? 0).toBeGreaterThan(hits[1]?.score ?? Infinity);
  });

  it('reports which fields matched each term', () => {
    const [hit] = build().search(
      [
        { term: 'pesc', weight: 1 },
        { term: 'lag', weight: 1 },
      ],
      1,
    );
    expect(hit?.doc).toBe(0);
    expect(hit?.matches.get('pesc')).toBe(0b01);
    expect(hit?.matches.get('lag')).toBe(0b10);
  });

  it('tells the fields a term is found in across all documents', () => {
    const index = build();
    expect(index.fieldsOf('pesc')).toBe(0b11);
    expect(index.fieldsOf('cacc')).toBe(0b10);
    expect(index.fieldsOf('tesserin')).toBe(0b01);
    expect(index.fieldsOf('nuovo')).toBe(0);
  });

  it('gives rarer words more weight', () => {
    const index = build();
    expect(index.idf(index.documentFrequency('ricevut'))).toBeGreaterThan(
      index.idf(index.documentFrequency('licenz')),
    );
  });

  it('counts a word of most entries only in topic fields when asked', () => {
    const hits = build().search([{ term: 'licenz', weight: 1, topicOnly: true }], 10);
    expect(hits.map((h) => h.doc)).toEqual([0]);
  });

  it('honours the limit, term weights and unknown terms', () => {
    const index = build();
    expect(index.search([{ term: 'licenz', weight: 1 }], 2)).toHaveLength(2);
    expect(index.search([{ term: 'nessuno', weight: 1 }], 5)).toEqual([]);
    const light = index.search([{ term: 'cacc', weight: 0.5 }], 5)[0]?.score ?? 0;
    const heavy = index.search([{ term: 'cacc', weight: 1 }], 5)[0]?.score ?? 0;
    expect(heavy).toBeGreaterThan(light);
  });

  it('can take documents after a search', () => {
    const index = build();
    index.search([{ term: 'pesc', weight: 1 }], 5);
    index.add([['licenz', 'pesc', 'professional'], []]);
    expect(index.search([{ term: 'professional', weight: 1 }], 5).map((h) => h.doc)).toEqual([4]);
  });

  it('refuses more fields than it can pack', () => {
    expect(
      () =>
        new Bm25fIndex(
          Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, boost: 1, b: 0.5, topic: true })),
        ),
    ).toThrow(RangeError);
  });
});
