import { valuesOf } from '../entitySupport';

describe('emails', () => {
  it('are lowercased and lose a final full stop', () => {
    expect(valuesOf('email', 'Scrivete a Mario.Rossi@Libero.IT.')).toEqual(['mario.rossi@libero.it']);
  });

  it('hide the comune in their domain', () => {
    expect(valuesOf('comune', 'scrivete a ufficio@comune.merate.lc.it')).toEqual([]);
  });
});
