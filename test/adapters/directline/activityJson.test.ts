import { join } from 'node:path';
import { activityJson } from '../../../adapters/directline/activityJson';
import { FACETS } from '../../../dialogs/facets';
import { answerActivity, facetActivity } from '../../../dialogs/entryReplies';
import { loadKnowledgeBase } from '../../../knowledge/loader';

/** What the store kept before: JSON.stringify without the activity's id, then the store's id put first. */
function reference(activity: object, id?: string): string {
  const rest: Record<string, unknown> = { ...activity };
  delete rest.id;
  const json = JSON.stringify(rest);
  if (id === undefined) return json;
  return json === '{}' ? `{"id":${JSON.stringify(id)}}` : `{"id":${JSON.stringify(id)},${json.slice(1)}`;
}

/** What TurnContext and the adapter do to a reply before it is stored: a copy, then the envelope. */
function sent(reply: object): Record<string, unknown> {
  return {
    ...reply,
    channelId: 'directline',
    locale: 'it-IT',
    serviceUrl: '',
    conversation: { id: 'c1' },
    from: { id: 'linea-amica-bot', name: 'Linea Amica', role: 'bot' },
    recipient: { id: 'dl_user', role: 'user' },
    replyToId: 'c1|0000001',
    timestamp: new Date('2026-11-26T10:00:00.000Z'),
  };
}

describe('activityJson', () => {
  it('writes the same JSON as JSON.stringify, id first, for every kind of member', () => {
    const cases: object[] = [
      {},
      { type: 'message', text: 'Ciao "Mario" \\ è\n\u2028 🙂', locale: 'it-IT' },
      { id: 'client-chosen', type: 'message', value: { a: [1, undefined, () => 1, null] } },
      { type: 'message', skipped: undefined, fn: () => 1, n: NaN, inf: Infinity, neg: -0 },
      { type: 'event', timestamp: new Date('2026-01-02T03:04:05.678Z'), bad: new Date(NaN) },
      { 2: 'two', type: 'message', 1: 'one' },
      Object.freeze({ type: 'message', nested: Object.freeze({ when: new Date(0) }) }),
      { type: 'message', withToJson: { toJSON: () => 'custom' } },
      // Short strings are written without JSON.stringify unless they hold something to escape.
      { a: 'x"y', b: 'x\\y', c: 'tab\there', d: 'del\u007f', e: '</script>', f: '', g: 'é' },
      { long: 'a'.repeat(64), longer: 'a'.repeat(65), quoted: `${'a'.repeat(63)}"` },
    ];
    for (const activity of cases) {
      expect(activityJson(activity, 'c1|0000007')).toBe(reference(activity, 'c1|0000007'));
      expect(activityJson(activity)).toBe(reference(activity));
    }
  });

  it('writes every knowledge answer and facet the bot sends as JSON.stringify would, again and again', () => {
    const kb = loadKnowledgeBase(join(__dirname, '..', '..', '..', 'knowledge', 'entries'));
    let checked = 0;
    for (const entry of kb.entries.slice(0, 30)) {
      for (const lang of ['it', 'en'] as const) {
        const replies = [answerActivity(entry, lang), ...FACETS.map((f) => facetActivity(entry, f, lang))];
        for (const reply of replies) {
          // Twice: the second time the frozen card comes from the cache.
          for (let i = 0; i < 2; i++) {
            const activity = sent(reply);
            expect(activityJson(activity, `c1|${i}`)).toBe(reference(activity, `c1|${i}`));
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('never serves stale JSON for frozen objects whose content can still change', () => {
    const inner = { text: 'prima' };
    const shallow = Object.freeze({ inner });
    let counter = 0;
    const getter = Object.freeze({
      get count() {
        counter += 1;
        return counter;
      },
    });
    const date = new Date('2026-01-01T00:00:00.000Z');
    const holdsDate = Object.freeze({ date });
    const json = () => activityJson({ shallow, getter, holdsDate });
    const first = json();
    inner.text = 'dopo';
    date.setTime(Date.parse('2027-01-01T00:00:00.000Z'));
    const second = json();
    expect(second).not.toBe(first);
    expect(JSON.parse(second)).toEqual({
      shallow: { inner: { text: 'dopo' } },
      getter: { count: 2 },
      holdsDate: { date: '2027-01-01T00:00:00.000Z' },
    });
  });
});
