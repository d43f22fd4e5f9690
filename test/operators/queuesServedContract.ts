import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { HandoffCase } from '../../handoff/case';
import { type Harness, login } from './support/consoleHarness';

/** Console processes under test: operators use `console`; cases arrive through `origin` (maybe another process). */
export interface QueuesServedSetup {
  console: Harness;
  origin: Harness;
}

interface QueuesView {
  queues: Array<{ queue: string; waiting: Array<{ id: string }> }>;
  mine: Array<{ id: string }>;
}

interface ErrorBody {
  error: { code: string; message: string };
}

/** A new case in `queue`, on a conversation of its own (processes share the Redis case store). */
function caseIn(h: Harness, queue: string, summary = `Caso ${queue}`): Promise<HandoffCase> {
  return h.newCase({ queue, summary, conversationId: `qs-${randomUUID()}` });
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

type Heard = Array<{ event: string; caseId: string }>;

/** Collects the case events of one stream until `until` says stop; `ready` once the stream is open. */
function listen(
  h: Harness,
  cookie: string,
  until: (events: Heard) => boolean,
): { ready: Promise<void>; done: Promise<Heard> } {
  let opened = () => undefined as void;
  const ready = new Promise<void>((resolve) => (opened = resolve));
  const done = new Promise<Heard>((resolve, reject) => {
    const events: Heard = [];
    const req = request(`${h.url}/api/operator/events`, { headers: { cookie } }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (block.includes('event: ready')) opened();
          const event = /^event: (case\..*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) {
            const parsed = JSON.parse(data) as { case?: { id: string }; caseId?: string };
            events.push({ event, caseId: parsed.case?.id ?? parsed.caseId ?? '' });
          }
          if (until(events)) {
            req.destroy();
            resolve(events);
          }
        }
      });
    });
    req.on('error', (err) => {
      if (!req.destroyed) reject(err);
    });
    req.end();
  });
  return { ready, done };
}

/**
 * Operators assigned to queues, through the console API: tina serves only "trasporti", anna every
 * queue (no queues assigned), sara is a supervisor. Run on the memory and on the Redis stores.
 */
export function queuesServedContract(name: string, setup: () => QueuesServedSetup): void {
  describe(`operators assigned to queues (${name})`, () => {
    it('an operator of trasporti sees only trasporti; an operator of every queue and a supervisor see both', async () => {
      const { console: h, origin } = setup();
      const transport = await caseIn(origin, 'trasporti', 'Abbonamento bus');
      const environment = await caseIn(origin, 'ambiente', 'Scarico abusivo');
      const waitingIds = (view: QueuesView) => view.queues.flatMap((q) => q.waiting.map((c) => c.id));

      const tina = await login(h.url, 'tina');
      const tinaView = await json<QueuesView>(await tina.call('GET', '/queues'));
      expect(tinaView.queues.map((q) => q.queue)).toEqual(['trasporti']);
      expect(waitingIds(tinaView)).toContain(transport.id);
      expect(waitingIds(tinaView)).not.toContain(environment.id);
      const me = await json<{ user: { queues: string[] } }>(await tina.call('GET', '/me'));
      expect(me.user.queues).toEqual(['trasporti']);

      for (const username of ['anna', 'sara']) {
        const other = await login(h.url, username);
        const view = await json<QueuesView>(await other.call('GET', '/queues'));
        expect(view.queues.map((q) => q.queue)).toEqual(expect.arrayContaining(['trasporti', 'ambiente']));
        expect(waitingIds(view)).toEqual(expect.arrayContaining([transport.id, environment.id]));
      }
    });

    it('claiming from a queue one does not serve is refused with 403 (server-side); a supervisor may claim it', async () => {
      const { console: h, origin } = setup();
      const environment = await caseIn(origin, 'ambiente');
      const transport = await caseIn(origin, 'trasporti');
      const tina = await login(h.url, 'tina');

      const refused = await tina.call('POST', `/cases/${environment.id}/claim`);
      expect(refused.status).toBe(403);
      expect(await json<ErrorBody>(refused)).toEqual({
        error: {
          code: 'QueueNotServed',
          message: 'Non servi la coda "ambiente": questo caso spetta ai colleghi di quella coda',
        },
      });
      expect(await h.cases.get(environment.id)).toMatchObject({ state: 'queued', queue: 'ambiente' });
      expect((await tina.call('POST', `/cases/${transport.id}/claim`)).status).toBe(200);

      const sara = await login(h.url, 'sara');
      expect((await sara.call('POST', `/cases/${environment.id}/claim`)).status).toBe(200);
      expect((await h.cases.get(environment.id))?.operator).toBe('sara');
    });

    it('a case transferred to another queue while the claim is on its way is refused, not handed over', async () => {
      const { console: h, origin } = setup();
      const moving = await caseIn(origin, 'trasporti');
      const tina = await login(h.url, 'tina');
      // The API reads the case (still in trasporti); before its claim, a colleague moves it.
      const read = h.cases.get.bind(h.cases);
      const spy = jest.spyOn(h.cases, 'get').mockImplementationOnce(async (id) => {
        const seen = await read(id);
        await origin.cases.claim(id, 'anna', 'Anna');
        await origin.cases.transfer(id, 'ambiente', 'anna');
        return seen;
      });
      try {
        const refused = await tina.call('POST', `/cases/${moving.id}/claim`);
        expect(refused.status).toBe(403);
        expect(await json<ErrorBody>(refused)).toEqual({
          error: {
            code: 'QueueNotServed',
            message: 'Il caso è stato trasferito alla coda "ambiente", che non servi',
          },
        });
      } finally {
        spy.mockRestore();
      }
      expect(await h.cases.get(moving.id)).toMatchObject({ state: 'queued', queue: 'ambiente' });
    });

    it('cases of other queues cannot be opened or annotated; transfer to any queue stays allowed', async () => {
      const { console: h, origin } = setup();
      const environment = await caseIn(origin, 'ambiente');
      const transport = await caseIn(origin, 'trasporti');
      const tina = await login(h.url, 'tina');
      expect((await tina.call('GET', `/cases/${environment.id}`)).status).toBe(403);
      expect((await tina.call('POST', `/cases/${environment.id}/notes`, { text: 'nota' })).status).toBe(403);
      expect((await tina.call('GET', `/cases/${transport.id}`)).status).toBe(200);

      expect((await tina.call('POST', `/cases/${transport.id}/claim`)).status).toBe(200);
      const moved = await tina.call('POST', `/cases/${transport.id}/transfer`, {
        queue: 'ambiente',
        note: 'Competenza ambiente',
      });
      expect(moved.status).toBe(200);
      expect(await h.cases.get(transport.id)).toMatchObject({ state: 'queued', queue: 'ambiente' });
      // Now it is the ambiente colleagues' case.
      expect((await tina.call('GET', `/cases/${transport.id}`)).status).toBe(403);
      const names = await json<{ queues: string[] }>(await tina.call('GET', '/queue-names'));
      expect(names.queues).toEqual(expect.arrayContaining(['ambiente', 'generale']));
    });

    it('live updates: the trasporti operator hears only trasporti cases, the supervisor both', async () => {
      const { console: h, origin } = setup();
      const tina = await login(h.url, 'tina');
      const sara = await login(h.url, 'sara');
      let last = '';
      const closedLast = (ev: Heard) => ev.some((e) => e.event === 'case.closed' && e.caseId === last);
      const tinaHeard = listen(h, tina.cookie, closedLast);
      const saraHeard = listen(h, sara.cookie, closedLast);
      await Promise.all([tinaHeard.ready, saraHeard.ready]);
      // On Redis, the subscription of the other process may still be on its way.
      await new Promise((r) => setTimeout(r, 100));
      const environment = await caseIn(origin, 'ambiente');
      const transport = await caseIn(origin, 'trasporti');
      last = transport.id;
      // Its closing, heard by both, ends the listening.
      await origin.cases.close(transport.id, 'annullato', 'citizen');
      const forTina = (await tinaHeard.done).map((e) => `${e.event} ${e.caseId}`);
      const forSara = (await saraHeard.done).map((e) => `${e.event} ${e.caseId}`);
      expect(forTina).toContain(`case.queued ${transport.id}`);
      expect(forTina.filter((e) => e.endsWith(environment.id))).toEqual([]);
      expect(forSara).toEqual(
        expect.arrayContaining([`case.queued ${environment.id}`, `case.queued ${transport.id}`]),
      );
    });

    it('the console tells presence which queues the operator serves; the supervisor sees them', async () => {
      const { console: h } = setup();
      const tina = await login(h.url, 'tina');
      expect((await tina.call('POST', '/heartbeat')).status).toBe(204);
      expect((await h.presence.online('ambiente')).map((o) => o.username)).not.toContain('tina');
      expect((await h.presence.online('trasporti')).find((o) => o.username === 'tina')?.queues).toEqual([
        'trasporti',
      ]);
      const sara = await login(h.url, 'sara');
      const view = await json<{
        queues: Array<{ queue: string; operatorsOnline: number }>;
        operators: Array<{ username: string; queues: string[] }>;
      }>(await sara.call('GET', '/supervisor'));
      expect(view.operators.find((o) => o.username === 'tina')?.queues).toEqual(['trasporti']);
      const count = (q: string) => view.queues.find((x) => x.queue === q)?.operatorsOnline ?? -1;
      // tina counts for trasporti only; sara (no queues assigned) for every queue.
      expect(count('trasporti') - count('ambiente')).toBe(1);
    });
  });
}
