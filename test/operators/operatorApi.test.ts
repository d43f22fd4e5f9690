import { request } from 'node:http';
import { type HandoffEvent, typingEvent } from '../../handoff/handoffEvent';
import { type ConsoleClient, type Harness, login, PASSWORD, startConsole } from './support/consoleHarness';
import { queuesServedContract } from './queuesServedContract';

let h: Harness;
beforeEach(async () => {
  h = await startConsole();
});
afterEach(async () => {
  await h.stop();
});

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

describe('login and sessions', () => {
  it('logs in with the right password: httpOnly SameSite=Strict cookie, CSRF token, profile', async () => {
    const res = await fetch(`${h.url}/api/operator/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'Anna', password: PASSWORD }),
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^la_operator_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/api/operator');
    expect(cookie).not.toContain('Secure'); // plain http here
    const body = await json<{ csrfToken: string; user: unknown }>(res);
    expect(body.user).toEqual({
      username: 'anna',
      displayName: 'Anna Bianchi',
      role: 'operator',
      queues: [],
    });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const me = await fetch(`${h.url}/api/operator/me`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(me.status).toBe(200);
    expect(await json<{ user: { username: string } }>(me)).toMatchObject({ user: { username: 'anna' } });
  });

  it('marks the cookie Secure behind an https reverse proxy when trusted', async () => {
    const proxied = await startConsole({ trustProxy: 1 });
    try {
      const res = await fetch(`${proxied.url}/api/operator/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ username: 'anna', password: PASSWORD }),
      });
      expect(res.headers.get('set-cookie')).toContain('Secure');
    } finally {
      await proxied.stop();
    }
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    for (const username of ['anna', 'nessuno']) {
      const res = await fetch(`${h.url}/api/operator/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'sbagliata-123' }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.json()).toEqual({
        error: { code: 'LoginFailed', message: 'Nome utente o password errati' },
      });
    }
  });

  it('locks the username after 5 failures, even with the right password, with Retry-After', async () => {
    const attempt = (password: string) =>
      fetch(`${h.url}/api/operator/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bruno', password }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt('sbagliata-123')).status).toBe(401);
    const locked = await attempt(PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    // Another operator on the same address is not locked out.
    await expect(login(h.url, 'anna')).resolves.toBeDefined();
  });

  it('refuses a form-encoded login (cross-site form posts cannot log anyone in)', async () => {
    const res = await fetch(`${h.url}/api/operator/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=anna&password=${PASSWORD}`,
    });
    expect(res.status).toBe(415);
  });

  it('logs out: the cookie no longer opens the API', async () => {
    const anna = await login(h.url, 'anna');
    expect((await anna.call('DELETE', '/session')).status).toBe(204);
    expect((await anna.call('GET', '/me')).status).toBe(401);
  });

  it('ends sessions when the password changes (e.g. npm run operator -- passwd)', async () => {
    const anna = await login(h.url, 'anna');
    await new Promise((r) => setTimeout(r, 5));
    await h.accounts.setPassword('anna', 'another-hash');
    expect((await anna.call('GET', '/me')).status).toBe(401);
  });

  it('closes the session when the account is removed', async () => {
    const anna = await login(h.url, 'anna');
    await h.accounts.remove('anna');
    expect((await anna.call('GET', '/queues')).status).toBe(401);
  });
});

describe('access control', () => {
  it('answers 401 without a session and for a citizen Direct Line token', async () => {
    const plain = await fetch(`${h.url}/api/operator/queues`);
    expect(plain.status).toBe(401);
    const citizen = await fetch(`${h.url}/api/operator/queues`, {
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJjb252IjoiYWJjIn0.c2lnbmF0dXJl' },
    });
    expect(citizen.status).toBe(401);
    const c = await h.newCase();
    const claim = await fetch(`${h.url}/api/operator/cases/${c.id}/claim`, {
      method: 'POST',
      headers: { authorization: 'Bearer citizen-token', 'x-csrf-token': 'whatever' },
    });
    expect(claim.status).toBe(401);
    expect((await h.cases.get(c.id))?.state).toBe('queued');
  });

  it('answers 403 to a state-changing call without or with a wrong X-CSRF-Token', async () => {
    const anna = await login(h.url, 'anna');
    const c = await h.newCase();
    const missing = await anna.call('POST', `/cases/${c.id}/claim`, undefined, { csrf: false });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ error: { code: 'CsrfTokenInvalid' } });
    const bruno = await login(h.url, 'bruno');
    const wrong = await fetch(`${h.url}/api/operator/cases/${c.id}/claim`, {
      method: 'POST',
      headers: { cookie: anna.cookie, 'x-csrf-token': bruno.csrfToken },
    });
    expect(wrong.status).toBe(403);
    expect((await h.cases.get(c.id))?.state).toBe('queued');
    // GET needs no token.
    expect((await anna.call('GET', '/queues', undefined, { csrf: false })).status).toBe(200);
  });

  it('keeps the supervisor view and canned reply editing to supervisors', async () => {
    const anna = await login(h.url, 'anna');
    expect((await anna.call('GET', '/supervisor')).status).toBe(403);
    expect((await anna.call('POST', '/canned-replies', { title: 'X', text: 'Y' })).status).toBe(403);
    const sara = await login(h.url, 'sara');
    expect((await sara.call('GET', '/supervisor')).status).toBe(200);
  });
});

describe('cases', () => {
  let anna: ConsoleClient;
  beforeEach(async () => {
    anna = await login(h.url, 'anna');
  });

  it('lists waiting cases per queue without contact data, and opens one with transcript and contact', async () => {
    const c = await h.newCase();
    const { queues } = await json<{
      queues: Array<{ queue: string; waiting: Array<Record<string, unknown>> }>;
    }>(await anna.call('GET', '/queues'));
    const trasporti = queues.find((q) => q.queue === 'trasporti');
    expect(trasporti?.waiting).toHaveLength(1);
    expect(trasporti?.waiting[0]).toMatchObject({
      id: c.id,
      kind: 'live',
      channel: 'directline',
      summary: c.summary,
    });
    expect(trasporti?.waiting[0]).not.toHaveProperty('contact');
    expect(trasporti?.waiting[0]).not.toHaveProperty('conversationReference');
    expect(queues.map((q) => q.queue)).toContain('caccia-pesca');
    const detail = await json<{ case: Record<string, unknown>; messages: Array<{ from: string }> }>(
      await anna.call('GET', `/cases/${c.id}`),
    );
    expect(detail.case.contact).toEqual({ email: 'cittadino@example.org', consent: true });
    expect(detail.messages.map((m) => m.from)).toEqual(['citizen', 'bot']);
    expect((await anna.call('GET', '/cases/nope')).status).toBe(404);
  });

  it('lets exactly one of 20 concurrent claims win; the others get 409', async () => {
    const c = await h.newCase();
    const clients = await Promise.all(Array.from({ length: 20 }, (_, i) => login(h.url, `op${i}`)));
    const results = await Promise.all(clients.map((cl) => cl.call('POST', `/cases/${c.id}/claim`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = clients[results.findIndex((r) => r.status === 200)];
    const holder = (await h.cases.get(c.id))?.operator;
    expect(holder).toMatch(/^op\d+$/);
    expect(winner && (await (await winner.call('GET', '/me')).json())).toMatchObject({
      user: { username: holder },
    });
  });

  it('sends a message to the citizen through the gateway with operator name and handoff state', async () => {
    const c = await h.newCase();
    expect((await anna.call('POST', `/cases/${c.id}/messages`, { text: 'Buongiorno' })).status).toBe(403);
    expect((await anna.call('POST', `/cases/${c.id}/claim`)).status).toBe(200);
    const res = await anna.call('POST', `/cases/${c.id}/messages`, { text: 'Buongiorno, sono Anna.' });
    expect(res.status).toBe(201);
    expect(h.gateway.sent).toEqual([
      {
        caseId: c.id,
        activity: {
          type: 'message',
          text: 'Buongiorno, sono Anna.',
          channelData: { operator: 'Anna Bianchi', handoff: { caseId: c.id, state: 'assigned' } },
        },
      },
    ]);
    const msgs = await h.cases.messages(c.id);
    expect(msgs.at(-1)).toMatchObject({ from: 'operator', text: 'Buongiorno, sono Anna.', operator: 'anna' });
    // Another operator cannot write on Anna's case.
    const bruno = await login(h.url, 'bruno');
    expect((await bruno.call('POST', `/cases/${c.id}/messages`, { text: 'Ciao' })).status).toBe(403);
    expect((await anna.call('POST', `/cases/${c.id}/messages`, { text: '   ' })).status).toBe(400);
  });

  it('answers 502 and records nothing when the citizen cannot be reached', async () => {
    const c = await h.newCase();
    await anna.call('POST', `/cases/${c.id}/claim`);
    h.gateway.fail = true;
    const res = await anna.call('POST', `/cases/${c.id}/messages`, { text: 'Ci sei?' });
    expect(res.status).toBe(502);
    expect((await h.cases.messages(c.id)).some((m) => m.text === 'Ci sei?')).toBe(false);
  });

  it('sends typing to the citizen, keeps internal notes away from the citizen', async () => {
    const c = await h.newCase();
    await anna.call('POST', `/cases/${c.id}/claim`);
    expect((await anna.call('POST', `/cases/${c.id}/typing`)).status).toBe(204);
    expect(h.gateway.sent[0]?.activity).toMatchObject({
      type: 'typing',
      channelData: { handoff: { caseId: c.id } },
    });
    expect((await anna.call('POST', `/cases/${c.id}/notes`, { text: 'Richiamare dopo le 15' })).status).toBe(
      201,
    );
    expect(h.gateway.sent).toHaveLength(1);
    expect((await h.cases.messages(c.id)).at(-1)).toMatchObject({
      from: 'note',
      text: 'Richiamare dopo le 15',
    });
  });

  it('transfers to a known queue with a note, and refuses an unknown queue', async () => {
    const c = await h.newCase();
    await anna.call('POST', `/cases/${c.id}/claim`);
    expect((await anna.call('POST', `/cases/${c.id}/transfer`, { queue: 'marte' })).status).toBe(400);
    const res = await anna.call('POST', `/cases/${c.id}/transfer`, {
      queue: 'ambiente',
      note: 'Competenza rifiuti',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ case: { queue: 'ambiente', state: 'queued' } });
    expect((await h.cases.messages(c.id)).at(-1)).toMatchObject({ from: 'note', text: 'Competenza rifiuti' });
    expect(h.gateway.sent.at(-1)?.activity.channelData).toEqual({
      handoff: { caseId: c.id, state: 'queued' },
    });
  });

  it('releases a case back to the queue', async () => {
    const c = await h.newCase();
    await anna.call('POST', `/cases/${c.id}/claim`);
    expect((await anna.call('POST', `/cases/${c.id}/release`)).status).toBe(200);
    expect((await h.cases.get(c.id))?.state).toBe('queued');
    const bruno = await login(h.url, 'bruno');
    expect((await bruno.call('POST', `/cases/${c.id}/claim`)).status).toBe(200);
  });

  it('closes with an outcome: the citizen gets a closing message and onCaseClosed runs once', async () => {
    const c = await h.newCase();
    await anna.call('POST', `/cases/${c.id}/claim`);
    expect((await anna.call('POST', `/cases/${c.id}/close`, { outcome: 'annullato' })).status).toBe(400);
    expect(h.closed).toHaveLength(0);
    const res = await anna.call('POST', `/cases/${c.id}/close`, { outcome: 'risolto' });
    expect(res.status).toBe(200);
    expect(h.closed).toHaveLength(1);
    expect(h.closed[0]).toMatchObject({ id: c.id, state: 'closed', outcome: 'risolto' });
    const last = h.gateway.sent.at(-1)?.activity;
    expect(last?.type).toBe('message');
    expect(last?.text).toMatch(/assistente virtuale/);
    expect(last?.channelData).toEqual({
      operator: 'Anna Bianchi',
      handoff: { caseId: c.id, state: 'closed' },
    });
    const again = await anna.call('POST', `/cases/${c.id}/close`, { outcome: 'risolto' });
    expect(again.status).toBe(409);
    expect(h.closed).toHaveLength(1);
  });
});

describe('agent assist, canned replies, supervisor, heartbeat', () => {
  it('searches the knowledge base', async () => {
    const anna = await login(h.url, 'anna');
    const res = await json<{ results: Array<{ id: string }> }>(
      await anna.call('GET', `/kb?q=${encodeURIComponent('abbonamento per mio figlio')}`),
    );
    expect(res.results.map((r) => r.id)).toEqual(['abbonamento-studenti']);
    expect(await json<unknown>(await anna.call('GET', '/kb?q='))).toEqual({ results: [] });
  });

  it('lets supervisors create, edit and delete canned replies that everyone reads', async () => {
    const sara = await login(h.url, 'sara');
    const anna = await login(h.url, 'anna');
    const created = await json<{ reply: { id: string } }>(
      await sara.call('POST', '/canned-replies', { title: 'Orari', text: 'Siamo aperti dalle 9 alle 13.' }),
    );
    expect(
      (await sara.call('PUT', `/canned-replies/${created.reply.id}`, { title: 'Orari', text: 'Dalle 8.' }))
        .status,
    ).toBe(200);
    const list = await json<{ replies: Array<{ title: string; text: string }> }>(
      await anna.call('GET', '/canned-replies'),
    );
    expect(list.replies.map((r) => r.title)).toEqual(['Orari', 'Saluto']);
    expect(list.replies[0]?.text).toBe('Dalle 8.');
    expect((await anna.call('DELETE', `/canned-replies/${created.reply.id}`)).status).toBe(403);
    expect((await sara.call('DELETE', `/canned-replies/${created.reply.id}`)).status).toBe(204);
    expect(
      (await sara.call('PUT', `/canned-replies/${created.reply.id}`, { title: 'a', text: 'b' })).status,
    ).toBe(404);
  });

  it('shows supervisors queue lengths, oldest wait, operators online and their cases', async () => {
    const anna = await login(h.url, 'anna');
    const sara = await login(h.url, 'sara');
    const c1 = await h.newCase();
    await h.newCase({ queue: 'ambiente' });
    await h.newCase({ queue: 'ambiente' });
    await anna.call('POST', `/cases/${c1.id}/claim`);
    const view = await json<{
      queues: Array<{ queue: string; waiting: number; oldestWaitMs: number }>;
      operators: Array<{ username: string; displayName: string; cases: Array<{ id: string }> }>;
    }>(await sara.call('GET', '/supervisor'));
    expect(view.queues.find((q) => q.queue === 'ambiente')).toMatchObject({ waiting: 2 });
    expect(view.queues.find((q) => q.queue === 'trasporti')).toMatchObject({ waiting: 0, oldestWaitMs: 0 });
    const annaRow = view.operators.find((o) => o.username === 'anna');
    expect(annaRow).toMatchObject({ displayName: 'Anna Bianchi', cases: [{ id: c1.id }] });
    expect(view.operators.map((o) => o.username).sort()).toEqual(['anna', 'sara']);
  });

  it('counts a heartbeat for presence and for the held cases', async () => {
    const anna = await login(h.url, 'anna');
    h.heartbeats.length = 0;
    expect((await anna.call('POST', '/heartbeat')).status).toBe(204);
    expect(h.heartbeats).toEqual(['anna']);
    expect((await h.presence.online()).map((o) => o.username)).toEqual(['anna']);
  });
});

describe('live events (SSE)', () => {
  /** Opens the event stream and collects parsed events until `until` says stop. */
  function collect(cookie: string, until: (events: Array<{ event: string; data: unknown }>) => boolean) {
    return new Promise<{ status: number; events: Array<{ event: string; data: unknown }> }>(
      (resolve, reject) => {
        const req = request(`${h.url}/api/operator/events`, { headers: { cookie } }, (res) => {
          const events: Array<{ event: string; data: unknown }> = [];
          let buf = '';
          if (res.statusCode !== 200) {
            res.resume();
            resolve({ status: res.statusCode ?? 0, events });
            return;
          }
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buf += chunk;
            let i: number;
            while ((i = buf.indexOf('\n\n')) >= 0) {
              const block = buf.slice(0, i);
              buf = buf.slice(i + 2);
              const event = /^event: (.*)$/m.exec(block)?.[1];
              const data = /^data: (.*)$/m.exec(block)?.[1];
              if (event && data) events.push({ event, data: JSON.parse(data) });
              if (until(events)) {
                req.destroy();
                resolve({ status: 200, events });
              }
            }
          });
        });
        req.on('error', (err) => {
          if (!req.destroyed) reject(err);
        });
        req.end();
      },
    );
  }

  it('refuses the stream without a session', async () => {
    expect((await collect('', () => true)).status).toBe(401);
  });

  it('delivers a new case to every operator, and a citizen message only to the holder', async () => {
    const anna = await login(h.url, 'anna');
    const bruno = await login(h.url, 'bruno');
    const annaStream = collect(anna.cookie, (ev) => ev.some((e) => e.event === 'case.message'));
    const brunoStream = collect(bruno.cookie, (ev) => ev.some((e) => e.event === 'case.assigned'));
    while (h.events.subscribers === 0) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    const c = await h.newCase({ summary: 'Strada allagata' });
    await anna.call('POST', `/cases/${c.id}/claim`);
    const assigned = await h.cases.get(c.id);
    if (!assigned) throw new Error('case vanished');
    await h.events.publish(typingEvent(assigned, 'operator', 'anna')); // not echoed to the console
    await h.events.publish(typingEvent(assigned, 'citizen'));
    await h.cases.appendMessage(c.id, { from: 'citizen', text: 'Ci siete?', at: new Date().toISOString() });
    const a = await annaStream;
    const b = await brunoStream;
    expect(a.events.map((e) => e.event)).toEqual([
      'ready',
      'case.queued',
      'case.assigned',
      'case.typing',
      'case.message',
    ]);
    expect(a.events[1]?.data).toMatchObject({
      case: { id: c.id, summary: 'Strada allagata', state: 'queued' },
    });
    expect(a.events[1]?.data).not.toHaveProperty('case.contact');
    expect(a.events[4]?.data).toMatchObject({ caseId: c.id, message: { text: 'Ci siete?' } });
    expect(b.events.map((e) => e.event)).toEqual(['ready', 'case.queued', 'case.assigned']);
    // Closed streams unsubscribe from the event source.
    for (let i = 0; i < 50 && h.events.subscribers > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(h.events.subscribers).toBe(0);
  });
});

describe('event stream liveness', () => {
  let fast: Harness;
  beforeEach(async () => {
    fast = await startConsole({ streamHeartbeatMs: 100 });
  });
  afterEach(async () => {
    await fast.stop();
  });

  /** Resolves with the status and everything received when the server ends the stream. */
  function openStream(cookie: string): { done: Promise<string>; abort: () => void } {
    let abort = () => undefined as void;
    const done = new Promise<string>((resolve, reject) => {
      const req = request(`${fast.url}/api/operator/events`, { headers: { cookie } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      abort = () => req.destroy();
      req.end();
    });
    return { done, abort };
  }

  it('counts an open stream as heartbeat: presence and held cases stay alive', async () => {
    const anna = await login(fast.url, 'anna');
    const stream = openStream(anna.cookie);
    fast.heartbeats.length = 0;
    await new Promise((r) => setTimeout(r, 450));
    expect(fast.heartbeats.filter((u) => u === 'anna').length).toBeGreaterThanOrEqual(2);
    stream.abort();
  });

  it('ends the stream when the operator logs out, or the password changes', async () => {
    const anna = await login(fast.url, 'anna');
    const first = openStream(anna.cookie);
    await new Promise((r) => setTimeout(r, 150));
    await anna.call('DELETE', '/session');
    await expect(first.done).resolves.toContain('event: ready');

    const again = await login(fast.url, 'anna');
    const second = openStream(again.cookie);
    await new Promise((r) => setTimeout(r, 150));
    await fast.accounts.setPassword('anna', 'changed-by-cli');
    const body = await second.done;
    expect(body).toContain('event: ready');
  });
});

describe("citizenDelivery: 'relay'", () => {
  it('records operator messages and publishes typing for the citizen process to deliver, without the gateway', async () => {
    const relay = await startConsole({ citizenDelivery: 'relay' });
    try {
      const seen: HandoffEvent[] = [];
      const off = relay.events.subscribe((e) => seen.push(e));
      const anna = await login(relay.url, 'anna');
      const c = await relay.newCase();
      await anna.call('POST', `/cases/${c.id}/claim`);
      expect((await anna.call('POST', `/cases/${c.id}/typing`)).status).toBe(204);
      expect((await anna.call('POST', `/cases/${c.id}/messages`, { text: 'Eccomi' })).status).toBe(201);
      await new Promise((r) => setTimeout(r, 20));
      off();
      expect(relay.gateway.sent).toEqual([]);
      expect(seen.find((e) => e.type === 'case.typing')).toMatchObject({ caseId: c.id, from: 'operator' });
      expect(seen.find((e) => e.type === 'case.message')).toMatchObject({
        caseId: c.id,
        message: { from: 'operator', text: 'Eccomi', operator: 'anna' },
        operatorDisplayName: 'Anna Bianchi',
      });
    } finally {
      await relay.stop();
    }
  });
});

queuesServedContract('memory', () => ({ console: h, origin: h }));
