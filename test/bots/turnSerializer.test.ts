import type { App } from '../../app/compose';
import { TurnSerializer } from '../../bots/turnSerializer';
import { startTestApp } from '../support/app';
import { CitizenClient, eventually } from '../support/journey';

describe('TurnSerializer', () => {
  it('runs the work of one key one at a time in arrival order, other keys concurrently', async () => {
    const serializer = new TurnSerializer();
    const log: string[] = [];
    const work = (key: string, i: number, ms: number) =>
      serializer.run(key, async () => {
        log.push(`start ${key}${i}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${key}${i}`);
      });
    await Promise.all([work('a', 1, 30), work('a', 2, 1), work('b', 1, 1)]);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
    expect(serializer.busy).toBe(0);
  });

  it('a failing turn does not block the next one', async () => {
    const serializer = new TurnSerializer();
    await expect(serializer.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(serializer.run('k', async () => 42)).resolves.toBe(42);
  });
});

describe('a burst of 50 messages to one conversation (Direct Line, whole app)', () => {
  let app: App;
  const key = 'chiave-amministratore-burst-0123456';
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000', ADMIN_API_KEY: key });
  });
  afterAll(async () => app.stop());

  it('loses no state and answers in order', async () => {
    const citizen = await CitizenClient.connect(app.url());
    await citizen.waitForText('Provincia di Lecco');
    const questions = [
      ['Come si ottiene la licenza di pesca dilettantistica?', 'licenza-pesca'],
      ['passo carraio sulla provinciale', 'accessi-carrai'],
      ['autorizzazione trasporti eccezionali', 'trasporti-eccezionali'],
      ['tesserino venatorio regionale', 'tesserino-venatorio'],
      ['accesso agli atti amministrativi', 'accesso-atti'],
    ] as const;
    const since = citizen.mark();
    const posted = await Promise.all(
      Array.from({ length: 50 }, (_, i) => citizen.say(questions[i % questions.length]?.[0] ?? '')),
    );
    const answers = await eventually(
      () => {
        const replies = citizen.botMessages(since);
        return replies.length >= 50 ? replies : undefined;
      },
      '50 answers',
      60000,
    );
    // Each answer replies to one posted message, in the order the server stored them.
    const replyTo = answers.map((a) => (a as { replyToId?: string }).replyToId ?? '');
    const order = replyTo.map((id) => posted.indexOf(id));
    expect(order.every((i) => i >= 0)).toBe(true);
    const sortedIds = [...posted].sort();
    expect(replyTo).toEqual(sortedIds);
    // No lost update of conversation state: every procedure asked is remembered in the rating.
    await citizen.say('grazie');
    await citizen.waitFor((a) => a.channelData?.ratingPrompt === true, 'rating prompt');
    await citizen.post({ type: 'message', value: { rating: 'positive' } });
    await citizen.waitForText('Grazie per la tua valutazione');
    const res = await fetch(`${app.url()}/api/reports/satisfaction?groupBy=procedure`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = JSON.stringify(await res.json());
    for (const [, id] of questions) expect(body).toContain(id);
    citizen.close();
  });
});
