import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../app/compose';
import { MemoryOperatorAccountStore } from '../../operators/memoryOperatorAccountStore';
import { startTestApp } from '../support/app';
import {
  ADMIN_KEY,
  ALWAYS_OPEN_HANDOFF,
  CitizenClient,
  type ConsoleEvents,
  type DlActivity,
  eventually,
  OperatorClient,
  seedOperators,
  sleep,
} from '../support/journey';

jest.setTimeout(60_000);

/**
 * Issue 4 end to end, in one process with the embedded (memory) stores: a citizen on Direct Line
 * reaches a Linea Amica operator of the console API, and back to the bot with the rating.
 */
describe('handoff journey (one process, memory stores)', () => {
  let app: App;
  let dir: string;
  const citizens: CitizenClient[] = [];
  const streams: ConsoleEvents[] = [];
  let operators: OperatorClient[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'la-journey-'));
    const operatorsFile = join(dir, 'operators.json');
    await seedOperators(
      new MemoryOperatorAccountStore({ file: operatorsFile }),
      Array.from({ length: 20 }, (_, i) => ({ username: `op${i}`, displayName: `Operatrice ${i}` })),
    );
    app = await startTestApp({
      HANDOFF_CONFIG: ALWAYS_OPEN_HANDOFF,
      OPERATORS_FILE: operatorsFile,
      ADMIN_API_KEY: ADMIN_KEY,
    });
    // Operators online: logged in (a heartbeat) with the live events stream open.
    operators = await Promise.all(
      Array.from({ length: 20 }, (_, i) => OperatorClient.login(app.url(), `op${i}`)),
    );
  });

  afterAll(async () => {
    for (const c of citizens) c.close();
    for (const s of streams) await s.close();
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function citizen(): Promise<CitizenClient> {
    const c = await CitizenClient.connect(app.url(), { transport: 'polling' });
    citizens.push(c);
    await c.waitForText('assistente virtuale');
    return c;
  }

  /**
   * Asks for an operator straight away, consents, leaves a contact and, asked what it is about
   * (nothing said before), a one-line summary; returns the "queued" activity.
   */
  async function escalate(c: CitizenClient, contact: string, summary: string): Promise<DlActivity> {
    const consent = await c.ask('voglio parlare con un operatore');
    expect(consent.text).toContain('Acconsenti');
    expect(consent.suggestedActions?.actions.map((a) => a.value)).toEqual(['Sì', 'No']);
    const contactPrompt = await c.ask('Sì');
    expect(contactPrompt.text).toMatch(/email o un numero di telefono/);
    const summaryPrompt = await c.ask(contact);
    expect(summaryPrompt.text).toBe('In una riga: di che cosa hai bisogno?');
    const since = c.mark();
    await c.say(summary);
    return c.waitFor((a) => a.channelData?.handoff?.state === 'queued', 'the queued notice', { since });
  }

  it('citizen → queue → one of 20 claims wins → chat both ways, bot silent → close → rating once', async () => {
    const anna = operators[0];
    if (!anna) throw new Error('no operator');
    const events = await anna.events();
    streams.push(events);
    const c = await citizen();

    const queued = await escalate(c, 'mario.rossi@example.org', 'Rinnovo del tesserino venatorio');
    const handoff = queued.channelData?.handoff;
    expect(handoff).toEqual({ caseId: expect.any(String), state: 'queued', position: 1 });
    const caseId = handoff?.caseId ?? '';
    expect(queued.text).toMatch(/Sei in coda per Linea Amica/);

    // The operator sees it arrive live and in the queue view, with the contact and bot transcript.
    await events.waitFor((e) => e.type === 'case.queued', 'case.queued on the console stream');
    const queues = await anna.queues();
    expect(queues.status).toBe(200);
    const waiting = queues.body.queues.flatMap((q) => q.waiting);
    const listed = waiting.find((w) => w.id === caseId);
    expect(listed).toMatchObject({ state: 'queued', kind: 'live', channel: 'directline', queue: 'generale' });
    // The summary is what the citizen needs, never the consent answer or the contact.
    expect(listed?.summary).toBe('Rinnovo del tesserino venatorio');
    const before = await anna.caseDetail(caseId);
    expect(before.body.case.contact?.email).toBe('mario.rossi@example.org');
    const transcript = before.body.messages.map((m) => `${m.from}: ${m.text}`);
    expect(transcript).toContain('citizen: voglio parlare con un operatore');
    expect(transcript.some((l) => l.startsWith('bot: ') && l.includes('Acconsenti'))).toBe(true);

    // While waiting, what the citizen writes is attached to the case; the bot does not answer it.
    const sinceQueued = c.mark();
    await c.say('Come si rinnova la licenza di pesca?');
    const attached = await eventually(async () => {
      const messages = (await anna.caseDetail(caseId)).body.messages;
      const last = messages.at(-1);
      return last?.from === 'citizen' && last.text === 'Come si rinnova la licenza di pesca?'
        ? last
        : undefined;
    }, 'the queued citizen message on the case');

    // 20 operators claim at once: exactly one wins, the others are told it is taken.
    const claims = await Promise.all(operators.map((o) => o.claim(caseId)));
    const winners = claims.flatMap((r, i) => (r.status === 200 ? [operators[i]] : []));
    expect(winners).toHaveLength(1);
    expect(claims.filter((r) => r.status === 409)).toHaveLength(19);
    const holder = winners[0];
    if (!holder) throw new Error('no winner');
    const holderEvents = holder === anna ? events : await holder.events();
    if (holderEvents !== events) streams.push(holderEvents);

    // Operator → citizen, with the operator's display name and the state of the case.
    let since = c.mark();
    expect((await holder.send(caseId, 'Buongiorno, sono Linea Amica: come posso aiutarla?')).status).toBe(
      201,
    );
    const reply = await c.waitForText('come posso aiutarla?', { since });
    expect(reply.channelData?.operator).toBe(holder.displayName);
    expect(reply.channelData?.handoff).toEqual({ caseId, state: 'assigned' });
    expect(c.botMessages(sinceQueued).filter((a) => a.channelData?.procedureId)).toEqual([]);

    // Citizen → operator: text, a postBack value, a button without attachment, an attachment.
    since = c.mark();
    await c.say('Devo rinnovare il tesserino venatorio');
    await c.post({ type: 'message', value: { procedureId: 'tesserino-venatorio' } });
    await c.post({ type: 'message', text: 'operatore', value: { action: 'operator' } });
    await c.post({
      type: 'message',
      attachments: [
        { contentType: 'image/png', contentUrl: 'https://example.org/foto.png', name: 'foto.png' },
      ],
    });
    const fromCitizen = await eventually(async () => {
      const lines = (await holder.caseDetail(caseId)).body.messages.filter(
        (m) => m.from === 'citizen' && m.seq > attached.seq,
      );
      return lines.length >= 4 ? lines : undefined;
    }, 'the citizen messages on the case');
    expect(fromCitizen.map((m) => m.text)).toEqual([
      'Devo rinnovare il tesserino venatorio',
      JSON.stringify({ procedureId: 'tesserino-venatorio' }),
      'operatore',
      '[foto.png]',
    ]);
    expect(fromCitizen[3]?.attachments).toEqual(['foto.png']);
    // ...live on the holder's event stream too.
    await holderEvents.waitFor(
      (e) =>
        e.type === 'case.message' &&
        (e.data.message as { text?: string } | undefined)?.text === 'Devo rinnovare il tesserino venatorio',
      'the citizen message on the console stream',
    );

    // Typing both ways.
    await c.post({ type: 'typing' });
    await holderEvents.waitFor(
      (e) => e.type === 'case.typing' && e.data.caseId === caseId && e.data.from === 'citizen',
      'citizen typing on the console stream',
    );
    expect((await holder.typing(caseId)).status).toBe(204);
    await c.waitFor(
      (a) => a.type === 'typing' && a.channelData?.operator === holder.displayName,
      'operator typing',
      { since },
    );

    // The operator's next message arrives after every turn of those activities (turns of one
    // conversation run in order): the bot answered none of them.
    await holder.send(caseId, 'Ho ricevuto la foto, verifico.');
    await c.waitForText('verifico', { since });
    const botMessages = c.botMessages(since);
    expect(botMessages.map((a) => a.text)).toEqual(['Ho ricevuto la foto, verifico.']);
    expect(botMessages.every((a) => a.channelData?.operator === holder.displayName)).toBe(true);

    // Close with an outcome: the closing notice, then the rating question, exactly once.
    since = c.mark();
    const closed = await holder.close(caseId, 'risolto');
    expect(closed.status).toBe(200);
    expect(closed.body.case.outcome).toBe('risolto');
    const notice = await c.waitFor((a) => a.channelData?.handoff?.state === 'closed', 'the closing notice', {
      since,
    });
    expect(notice.channelData?.handoff).toEqual({ caseId, state: 'closed' });
    const prompt = await c.waitFor((a) => a.channelData?.ratingPrompt === true, 'the rating question', {
      since,
    });
    expect(prompt.suggestedActions?.actions.map((a) => a.value)).toEqual([
      { rating: 'positive' },
      { rating: 'neutral' },
      { rating: 'negative' },
      { rating: 'skip' },
    ]);
    await sleep(500);
    expect(c.fromBot(since).filter((a) => a.channelData?.ratingPrompt)).toHaveLength(1);
    expect(c.fromBot(since).indexOf(notice)).toBeLessThan(c.fromBot(since).indexOf(prompt));
    // Closing twice changes nothing for the citizen.
    expect((await holder.close(caseId, 'risolto')).status).toBe(409);

    // The green face is stored once, as handled by the operator.
    since = c.mark();
    await c.post({ type: 'message', value: { rating: 'positive' } });
    await c.waitForText('Grazie per la tua valutazione', { since });
    const report = await fetch(`${app.url()}/api/reports/satisfaction?groupBy=operator`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(report.status).toBe(200);
    const body = (await report.json()) as {
      total: { rated: number; counts: Record<string, number> };
      groups: Array<{ key: string; rated: number; counts: Record<string, number> }>;
    };
    expect(body.total.counts).toEqual({ positive: 1, neutral: 0, negative: 0 });
    expect(body.groups.filter((g) => g.rated > 0)).toEqual([
      expect.objectContaining({ key: holder.username, counts: { positive: 1, neutral: 0, negative: 0 } }),
    ]);

    // Thanking the bot for the thanks does not bring the question back.
    since = c.mark();
    const welcome = await c.ask('grazie');
    expect(welcome.text).toMatch(/Prego/);
    await sleep(300);
    expect(c.fromBot(since).filter((a) => a.channelData?.ratingPrompt)).toEqual([]);

    // Back with the bot: a question gets a knowledge answer.
    const answer = await c.ask('come si ottiene la licenza di pesca?');
    expect(answer.channelData?.procedureId).toEqual(expect.any(String));
    expect(answer.channelData?.operator).toBeUndefined();
  });

  it('a released case goes back to the queue with its messages; the next operator carries on', async () => {
    const first = operators[2];
    const second = operators[3];
    if (!first || !second) throw new Error('no operator');
    const c = await citizen();
    const queued = await escalate(c, '+39 333 1234567', 'Rimborso del bollo auto');
    const caseId = queued.channelData?.handoff?.caseId ?? '';
    expect((await first.claim(caseId)).status).toBe(200);
    let since = c.mark();
    await first.send(caseId, 'Verifico subito.');
    await c.waitForText('Verifico subito.', { since });

    since = c.mark();
    expect((await first.call('POST', `/cases/${caseId}/release`)).status).toBe(200);
    const released = await c.waitFor(
      (a) => a.channelData?.handoff?.state === 'queued',
      'the release notice',
      {
        since,
      },
    );
    expect(released.text).toMatch(/rimesso in coda/);
    await c.say('Sono ancora qui, aspetto.');
    await eventually(async () => {
      const last = (await second.caseDetail(caseId)).body.messages.at(-1);
      return last?.text === 'Sono ancora qui, aspetto.' ? true : undefined;
    }, 'the message written while re-queued');

    const taken = await second.claim(caseId);
    expect(taken.status).toBe(200);
    expect(taken.body.messages.map((m) => `${m.from}: ${m.text}`)).toEqual(
      expect.arrayContaining(['operator: Verifico subito.', 'citizen: Sono ancora qui, aspetto.']),
    );
    since = c.mark();
    await second.send(caseId, 'Eccomi, sono la collega.');
    const reply = await c.waitForText('sono la collega', { since });
    expect(reply.channelData?.operator).toBe(second.displayName);
    // Besides the notice of who took the case, only the operator speaks.
    expect(
      c
        .botMessages(since)
        .map((a) => a.text)
        .filter((t) => !/preso in carico/.test(t ?? '')),
    ).toEqual(['Eccomi, sono la collega.']);

    since = c.mark();
    expect((await second.close(caseId, 'da-richiamare')).status).toBe(200);
    await c.waitFor((a) => a.channelData?.ratingPrompt === true, 'the rating question', { since });
  });

  it('"annulla" while queued takes the citizen back to the bot', async () => {
    const c = await citizen();
    const queued = await escalate(c, 'salta', 'Informazioni sulla licenza di pesca');
    const caseId = queued.channelData?.handoff?.caseId ?? '';
    const cancelled = await c.ask('annulla');
    expect(cancelled.channelData?.handoff).toEqual({ caseId, state: 'closed' });
    expect(cancelled.text).toMatch(/assistente virtuale/);
    const operator = operators[1];
    if (!operator) throw new Error('no operator');
    const detail = await operator.caseDetail(caseId);
    expect(detail.body.case).toMatchObject({ state: 'closed', outcome: 'annullato' });
    const queues = await operator.queues();
    expect(queues.body.queues.flatMap((q) => q.waiting).some((w) => w.id === caseId)).toBe(false);

    const answer = await c.ask('come si ottiene la licenza di pesca?');
    expect(answer.channelData?.procedureId).toEqual(expect.any(String));
    expect(answer.channelData?.handoff).toBeUndefined();
  });
  it('a waiting citizen is told, unprompted, their better position when a case ahead is taken', async () => {
    const first = await citizen();
    const second = await citizen();
    const q1 = await escalate(first, 'salta', 'Domanda uno sulla licenza');
    const q2 = await escalate(second, 'salta', 'Domanda due sulla licenza');
    const position = q2.channelData?.handoff?.position ?? 0;
    expect(position).toBeGreaterThan(1);
    const since = second.mark();
    const operator = operators[2];
    if (!operator) throw new Error('no operator');
    expect((await operator.claim(q1.channelData?.handoff?.caseId ?? '')).status).toBe(200);
    const update = await second.waitFor(
      (a) => a.channelData?.handoff?.state === 'queued' && (a.channelData.handoff.position ?? 99) < position,
      'a better position',
      { since },
    );
    expect(update.channelData?.handoff?.caseId).toBe(q2.channelData?.handoff?.caseId);
    expect(update.text).toMatch(/in coda/);
    await second.ask('annulla');
    await operator.close(q1.channelData?.handoff?.caseId ?? '', 'risolto');
  });

  it('with nobody online a callback case is left; once an operator holds it the bot is silent', async () => {
    // Everybody logs out: nobody is online any more.
    for (const o of operators) expect((await o.call('DELETE', '/session')).status).toBe(204);
    const c = await citizen();
    const offer = await c.ask('voglio parlare con un operatore');
    expect(offer.text).toMatch(/nessun operatore/);
    await c.ask('Sì');
    // A callback needs a contact: "salta" is refused.
    let since = c.mark();
    await c.say('salta');
    await c.waitForText('mi serve un indirizzo email o un numero di telefono', { since });
    await c.ask('giulia.verdi@example.org');
    since = c.mark();
    await c.say('Devo rinnovare la licenza di pesca');
    const registered = await c.waitFor((a) => a.channelData?.handoff !== undefined, 'the callback notice', {
      since,
    });
    const caseId = registered.channelData?.handoff?.caseId ?? '';
    expect(registered.channelData?.handoff).toMatchObject({ caseId, state: 'queued' });
    expect(registered.text).toMatch(/ti ricontatterà/);

    // Meanwhile the bot keeps answering.
    const answer = await c.ask('come si ottiene il tesserino venatorio?');
    expect(answer.channelData?.procedureId).toBe('tesserino-venatorio');

    // An operator comes back, sees the callback case and takes it, and writes in the chat.
    const operator = await OperatorClient.login(app.url(), 'op5');
    const listed = (await operator.queues()).body.queues
      .flatMap((q) => q.waiting)
      .find((w) => w.id === caseId);
    expect(listed).toMatchObject({ kind: 'callback', summary: 'Devo rinnovare la licenza di pesca' });
    expect((await operator.claim(caseId)).status).toBe(200);
    since = c.mark();
    await operator.send(caseId, 'Buongiorno, la contatto per la licenza di pesca.');
    await c.waitForText('la contatto per la licenza', { since });

    // While the operator holds it, the citizen's answers go to the operator and the bot is silent.
    since = c.mark();
    await c.say('Come si rinnova la licenza di pesca?');
    await eventually(async () => {
      const last = (await operator.caseDetail(caseId)).body.messages.at(-1);
      return last?.from === 'citizen' && last.text === 'Come si rinnova la licenza di pesca?'
        ? true
        : undefined;
    }, 'the citizen answer on the callback case');
    await operator.send(caseId, 'Le mando il modulo.');
    await c.waitForText('Le mando il modulo.', { since });
    expect(c.botMessages(since).map((a) => a.text)).toEqual(['Le mando il modulo.']);
  });
});
