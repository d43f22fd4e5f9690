import * as sdk from 'botbuilder-dialogs';
import * as used from '../../dialogs/botbuilderDialogs';

describe('botbuilderDialogs', () => {
  it('exports the classes of the botbuilder-dialogs package itself, under their own names', () => {
    const names = Object.keys(used).sort();
    expect(names).toEqual([
      'ComponentDialog',
      'Dialog',
      'DialogSet',
      'DialogTurnStatus',
      'TextPrompt',
      'WaterfallDialog',
    ]);
    const index = sdk as unknown as Record<string, unknown>;
    for (const name of names) expect((used as Record<string, unknown>)[name]).toBe(index[name]);
  });
});
