import { valuesOf } from '../entitySupport';

const booleans = (text: string) => valuesOf('boolean', text);

describe('yes/no in messages', () => {
  it.each([
    ['sì grazie', [true]],
    ['Certo, il CAP è 23900.', [true]],
    ["D'accordo", [true]],
    ['va bene', [true]],
    ['Esatto.', [true]],
    ['ovviamente sì', [true]],
    ['penso di sì', [true]],
    ['no, non ancora', [false]],
    ['No, grazie lo stesso.', [false]],
    ['credo di no', [false]],
    ['Yes', [true]],
    ['Buongiorno, sì ho ricevuto la mail', [true]],
    ['Sì, mi va bene giovedì', [true]],
    ['Grazie, no.', [false]],
    ['Perfetto, va bene', [true]],
    ['Grazie mille, sì, ho capito', [true]],
    ['Va bene, ok, grazie', [true]],
  ])('%s', (text, value) => {
    expect(booleans(text)).toEqual(value);
  });

  it.each([
    ['Non mi va bene, preferisco il pomeriggio', [false]],
    ['Vabbè', [true]],
    ['Purtroppo no', [false]],
    ["Sono d'accordo", [true]],
    ["Non sono d'accordo", [false]],
    ["D'accordissimo", [true]],
    ['Neanche per sogno', [false]],
    ['Nemmeno per idea', [false]],
    ['Perfetto, grazie', [true]],
    ['Ottimo grazie mille', [true]],
    ['Non ancora, grazie.', [false]],
  ])('colloquial answers: %s', (text, value) => {
    expect(booleans(text)).toEqual(value);
  });

  it('ignores the impersonal "si", "non" and questions', () => {
    expect(booleans('Si può pagare online?')).toEqual([]);
    expect(booleans('si è rotto il cancello')).toEqual([]);
    expect(booleans('Non ho ancora la partita IVA.')).toEqual([]);
    expect(booleans('Va bene se passo domani?')).toEqual([]);
  });
});
