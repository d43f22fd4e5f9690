import type { StatePropertyAccessor } from 'botbuilder';
import type { ConversationData } from '../../dialogs/conversationData';
import { RatingDialog } from '../../dialogs/ratingDialog';
import { MemoryRatingStore } from '../../ratings/memoryRatingStore';
import { buttonValues, mainDialogHarness } from './dialogHarness';

function setup(ratingIdleMs?: number) {
  const ratings = new MemoryRatingStore();
  const h = mainDialogHarness((data) => ({
    rating: new RatingDialog(ratings, data as StatePropertyAccessor<ConversationData>),
    ...(ratingIdleMs !== undefined ? { ratingIdleMs } : {}),
  }));
  return { ratings, ...h };
}

async function onlyRating(ratings: MemoryRatingStore) {
  const all = await ratings.list({ from: new Date(0), to: new Date(Date.now() + 86400000) });
  expect(all).toHaveLength(1);
  return all[0];
}

describe('RatingDialog ("Mettiamoci la faccia")', () => {
  it('after thanks asks the three faces; a green face is stored once with the procedures discussed', async () => {
    const { ratings, say } = setup();
    await say('Come si ottiene la licenza di pesca dilettantistica?');
    const [prompt] = await say('grazie mille');
    expect(prompt?.text).toMatch(/Prego/);
    expect(prompt?.channelData?.ratingPrompt).toBe(true);
    expect(buttonValues(prompt)).toEqual([
      { rating: 'positive' },
      { rating: 'neutral' },
      { rating: 'negative' },
      { rating: 'skip' },
    ]);
    const [thanks] = await say({ type: 'message', value: { rating: 'positive' } });
    expect(thanks?.text).toMatch(/Grazie per la tua valutazione/);
    const rating = await onlyRating(ratings);
    expect(rating).toMatchObject({
      face: 'positive',
      channel: 'test',
      handledBy: 'bot',
      procedureIds: ['licenza-pesca'],
    });
  });

  it('a red face asks the reason and an optional comment; personal data in the comment is masked', async () => {
    const { ratings, say } = setup();
    await say('passo carraio');
    await say('arrivederci');
    const [reasonPrompt] = await say({ type: 'message', value: { rating: 'negative' } });
    expect(reasonPrompt?.channelData?.ratingReasonPrompt).toBe(true);
    expect(buttonValues(reasonPrompt)).toContainEqual({ ratingReason: 'tempi-attesa' });
    const [commentPrompt] = await say({ type: 'message', value: { ratingReason: 'problema-non-risolto' } });
    expect(commentPrompt?.text).toMatch(/commento/);
    await say('Non ho capito nulla, richiamatemi al 333 1234567 o mario.rossi@example.it');
    const rating = await onlyRating(ratings);
    expect(rating?.face).toBe('negative');
    expect(rating?.reason).toBe('problema-non-risolto');
    expect(rating?.comment).toMatch(/Non ho capito nulla/);
    expect(rating?.comment).not.toMatch(/1234567|mario\.rossi/);
  });

  it.each([
    ['bene', 'positive'],
    ['così così', 'neutral'],
    ['male', 'negative'],
    ['👍', 'positive'],
  ])('understands the typed answer "%s"', async (typed, face) => {
    const { ratings, say } = setup();
    await say('grazie');
    await say(typed);
    expect((await onlyRating(ratings))?.face).toBe(face);
  });

  it('a second click or a replay changes nothing, and the rating is not asked twice', async () => {
    const { ratings, say } = setup();
    await say('grazie');
    await say({ type: 'message', value: { rating: 'neutral' } });
    await say({ type: 'message', value: { rating: 'negative' } });
    expect((await onlyRating(ratings))?.face).toBe('neutral');
  });

  it('may be skipped, and a question instead of a face is answered normally', async () => {
    const { ratings, say } = setup();
    await say('grazie');
    const [reply] = await say('come si ottiene il tesserino venatorio?');
    expect(reply?.channelData?.procedureId).toBe('tesserino-venatorio');
    const [again] = await say('grazie');
    expect(again?.channelData?.ratingPrompt).toBeUndefined();
    expect(await ratings.list({ from: new Date(0), to: new Date(Date.now() + 1e8) })).toEqual([]);
  });

  it('after a long silence the next message is answered and brings the rating question once; a later click counts', async () => {
    const { ratings, say } = setup(50);
    await say('Come si ottiene la licenza di pesca dilettantistica?');
    await new Promise((r) => setTimeout(r, 80));
    const replies = await say('passo carraio sulla provinciale');
    expect(replies[0]?.channelData?.ratingPrompt).toBe(true);
    expect(replies[0]?.text).toMatch(/Bentornato/);
    expect(replies[1]?.channelData?.procedureId).toBe('accessi-carrai');
    await new Promise((r) => setTimeout(r, 80));
    const again = await say('e i tempi?');
    expect(again.some((r) => r.channelData?.ratingPrompt)).toBe(false);
    const [thanks] = await say({ type: 'message', value: { rating: 'neutral' } });
    expect(thanks?.text).toMatch(/Grazie per la tua valutazione/);
    expect((await onlyRating(ratings))?.face).toBe('neutral');
  });
});
