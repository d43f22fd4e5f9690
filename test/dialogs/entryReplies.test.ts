import { type Activity, TestAdapter, TurnContext } from 'botbuilder';
import {
  answerActivity,
  buildAnswerActivity,
  buildFacetActivity,
  facetActivity,
} from '../../dialogs/entryReplies';
import { FACETS } from '../../dialogs/facets';
import { kb } from './dialogHarness';

const LANGS = ['it', 'en'] as const;

describe('answers built once per entry', () => {
  it('are the answers built afresh, for every entry, facet and language, each time asked', () => {
    expect(kb.size).toBeGreaterThan(10);
    for (const entry of kb.entries)
      for (const lang of LANGS)
        for (const round of [1, 2]) {
          expect({ id: entry.id, lang, round, reply: answerActivity(entry, lang) }).toEqual({
            id: entry.id,
            lang,
            round,
            reply: buildAnswerActivity(entry, lang),
          });
          for (const facet of FACETS)
            expect({ id: entry.id, facet, lang, round, reply: facetActivity(entry, facet, lang) }).toEqual({
              id: entry.id,
              facet,
              lang,
              round,
              reply: buildFacetActivity(entry, facet, lang),
            });
        }
  });

  it('hand every turn its own activity: what one conversation is sent never shows in another', async () => {
    const entry = kb.entries.find((e) => e.type !== 'info' && e.type !== 'rinvio') ?? kb.entries[0];
    if (!entry) throw new Error('empty KB');
    const adapter = new TestAdapter();
    const sent: Partial<Activity>[] = [];
    for (const conversation of ['conv-a', 'conv-b']) {
      const incoming = {
        ...adapter.makeActivity('domanda'),
        id: `in-${conversation}`,
        conversation: { id: conversation, isGroup: false, conversationType: 'personal', name: '' },
      };
      const context = new TurnContext(adapter, incoming);
      context.onSendActivities(async (_ctx, activities, next) => {
        sent.push(...activities);
        return next();
      });
      const reply = answerActivity(entry, 'it');
      await context.sendActivity(reply);
      // An adapter that writes on the activity it was handed does not reach the next turn.
      Object.assign(reply, {
        id: `out-${conversation}`,
        replyToId: incoming.id,
        conversation: incoming.conversation,
      });
    }
    expect(sent.map((a) => [a.conversation?.id, a.replyToId])).toEqual([
      ['conv-a', 'in-conv-a'],
      ['conv-b', 'in-conv-b'],
    ]);
    expect(sent[0]?.attachments).toEqual(sent[1]?.attachments);
    const next = answerActivity(entry, 'it');
    expect([next.id, next.replyToId, next.conversation]).toEqual([undefined, undefined, undefined]);
    expect(next).toEqual(buildAnswerActivity(entry, 'it'));
    // The parts shared between turns cannot be changed.
    expect(() => next.attachments?.push({ contentType: 'x' })).toThrow(TypeError);
    expect(() => {
      (next.channelData as Record<string, unknown>).procedureId = 'other';
    }).toThrow(TypeError);
  });
});
