import { detectFacet, facetOf } from '../../dialogs/facets';

describe('facetOf', () => {
  it.each([
    ['quanto costa il passo carraio?', 'costs', 'quanto il passo carraio'],
    ['Quanto si paga online?', 'costs', 'online'],
    ['quanto pago per il tesserino', 'costs', 'per il tesserino'],
    ['e i tempi?', 'times', 'e i'],
    ['quanto dura?', 'times', ''],
    ['quando sono le prossime date?', 'times', 'le prossime date'],
    ['come mi iscrivo?', 'documents', ''],
    ['è pagato?', 'costs', 'e'],
    ['ogni quanto?', 'times', ''],
    ["l'esame quando è?", 'times', 'l esame'],
    ['come si diventa?', 'documents', ''],
    ['ci vuole molto?', 'times', 'molto'],
    ['come partecipo?', 'documents', ''],
    ['è urgente!', 'times', 'e'],
    ['is it free?', 'costs', 'is it'],
    ['cosa devo fare?', 'documents', ''],
    ['da dove parte la gara?', 'where', 'parte la gara'],
    [
      'Vorrei sapere se la mia domanda del 3 novembre è stata protocollata',
      'followUp',
      'vorrei sapere se protocollata',
    ],
    ['la mia domanda è stata accolta?', 'followUp', 'accolta'],
    ['quale domanda devo presentare?', 'documents', 'quale devo presentare'],
    ['what do I need to bring?', 'documents', 'to bring'],
    ['who do I call?', 'where', ''],

    ['quando sono aperti gli uffici?', 'where', 'quando sono aperti gli'],
    ['dove si trova l’ufficio caccia', 'where', 'si trova l ufficio caccia'],
  ])('"%s" asks about %s; the rest is "%s"', (text, facet, rest) => {
    const found = facetOf(text);
    expect(found?.facet).toBe(facet);
    expect(
      found?.rest
        .replace(/[^\w ]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe(rest);
    expect(detectFacet(text)).toBe(facet);
  });

  it('finds nothing in a question without a facet', () => {
    expect(facetOf('licenza di pesca')).toBeUndefined();
    // The weather, not the time limits.
    expect(facetOf('che tempo fa domani?')).toBeUndefined();
    // "Where do I start", not where the office is.
    expect(facetOf('vorrei aprire una autoscuola, da dove comincio?')).toBeUndefined();
    // "What must I do" inside a question is the question's own.
    expect(facetOf('cosa devo fare per rinnovare la licenza?')).toBeUndefined();
  });
});
