import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Server } from 'restify';
import { createHttpServer } from '../../../app/server';
import type { HandoffCase, NewCase } from '../../../handoff/case';
import type { CitizenActivity, CitizenGateway } from '../../../operators/citizenGateway';
import type { KnowledgeLookup } from '../../../operators/knowledgeLookup';
import { LoginThrottle } from '../../../operators/loginThrottle';
import { MemoryCannedReplyStore } from '../../../operators/memoryCannedReplyStore';
import { MemoryLoginAttemptStore } from '../../../operators/memoryLoginAttemptStore';
import { MemoryOperatorAccountStore } from '../../../operators/memoryOperatorAccountStore';
import { MemorySessionStore } from '../../../operators/memorySessionStore';
import {
  DEFAULT_OPERATOR_API_OPTIONS,
  OperatorApi,
  type OperatorApiOptions,
} from '../../../operators/operatorApi';
import type { OperatorRole } from '../../../operators/operatorAccount';
import { mountOperatorStatic } from '../../../operators/staticRoutes';
import { hashPassword } from '../../../operators/passwordHash';
import type { HandoffEvent } from '../../../handoff/handoffEvent';
import type { HandoffEventListener, HandoffEvents } from '../../../handoff/handoffEvents';
import { MemoryCaseStore } from '../../../handoff/memoryCaseStore';
import { MemoryHandoffEvents } from '../../../handoff/memoryHandoffEvents';
import { MemoryOperatorPresence } from '../../../handoff/memoryOperatorPresence';
import type { OperatorPresence } from '../../../handoff/operatorPresence';
import type { HandoffCaseStore } from '../../../handoff/handoffCaseStore';
import type { CannedReplyStore } from '../../../operators/cannedReplyStore';
import type { OperatorAccountStore } from '../../../operators/operatorAccountStore';
import type { SessionStore } from '../../../operators/sessionStore';
import { PublishingCaseStore } from '../../../handoff/publishingCaseStore';

export const PASSWORD = 'password-di-prova-1';

/** MemoryHandoffEvents that also counts subscribers (to know when an event stream is listening). */
export class CountingEvents implements HandoffEvents {
  subscribers = 0;
  constructor(private readonly inner: HandoffEvents = new MemoryHandoffEvents()) {}
  publish(event: HandoffEvent): Promise<void> {
    return this.inner.publish(event);
  }
  subscribe(listener: HandoffEventListener): () => void {
    this.subscribers++;
    const off = this.inner.subscribe(listener);
    return () => {
      this.subscribers--;
      off();
    };
  }
}

export class RecordingGateway implements CitizenGateway {
  readonly sent: Array<{ caseId: string; activity: CitizenActivity }> = [];
  fail = false;
  async sendToCitizen(caseRecord: HandoffCase, activity: CitizenActivity): Promise<void> {
    if (this.fail) throw new Error('channel down');
    this.sent.push({ caseId: caseRecord.id, activity });
  }
}

export const fakeKnowledge: KnowledgeLookup = {
  search(text: string, limit: number) {
    const entries = [
      {
        id: 'abbonamento-studenti',
        title: 'Abbonamento studenti',
        summary: "L'abbonamento studenti si chiede online.",
      },
      {
        id: 'licenza-pesca',
        title: 'Licenza di pesca',
        summary: 'La licenza di pesca si rinnova ogni anno.',
      },
    ];
    const words = text
      .toLowerCase()
      .split(/\W+/)
      .filter((w) => w.length > 3);
    return entries.filter((e) => words.some((w) => e.title.toLowerCase().includes(w))).slice(0, limit);
  },
};

export interface Harness {
  url: string;
  server: Server;
  api: OperatorApi;
  cases: PublishingCaseStore;
  events: CountingEvents;
  presence: OperatorPresence;
  gateway: RecordingGateway;
  closed: HandoffCase[];
  heartbeats: string[];
  accounts: OperatorAccountStore;
  newCase(overrides?: Partial<NewCase>): Promise<HandoffCase>;
  stop(): Promise<void>;
}

/** The stores behind one console process: memory by default, Redis in the multi-process test. */
export interface ConsoleBackend {
  accounts: OperatorAccountStore;
  sessions: SessionStore;
  throttle: LoginThrottle;
  store: HandoffCaseStore;
  events: HandoffEvents;
  presence: OperatorPresence;
  cannedReplies: CannedReplyStore;
}

export function memoryBackend(): ConsoleBackend {
  return {
    accounts: new MemoryOperatorAccountStore({ knownQueues: DEFAULT_OPERATOR_API_OPTIONS.queues }),
    sessions: new MemorySessionStore({ ttlMs: 3_600_000 }),
    throttle: new LoginThrottle(new MemoryLoginAttemptStore()),
    store: new MemoryCaseStore({ knownQueues: DEFAULT_OPERATOR_API_OPTIONS.queues }),
    events: new MemoryHandoffEvents(),
    presence: new MemoryOperatorPresence(),
    cannedReplies: new MemoryCannedReplyStore([
      { title: 'Saluto', text: 'Buongiorno, come posso aiutarla?' },
    ]),
  };
}

/**
 * anna and bruno (operators of every queue), tina (operator of "trasporti" only), sara
 * (supervisor), op0..op19 (operators of every queue), all with PASSWORD.
 */
export async function seedAccounts(accounts: OperatorAccountStore): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  const users: Array<[string, string, OperatorRole, string[]?]> = [
    ['anna', 'Anna Bianchi', 'operator'],
    ['bruno', 'Bruno Verdi', 'operator'],
    ['tina', 'Tina Trasporti', 'operator', ['trasporti']],
    ['sara', 'Sara Neri', 'supervisor'],
  ];
  for (let i = 0; i < 20; i++) users.push([`op${i}`, `Operatore ${i}`, 'operator']);
  for (const [username, displayName, role, queues] of users)
    await accounts.add({ username, displayName, role, passwordHash: hash, ...(queues ? { queues } : {}) });
}

export async function startConsole(
  options: Partial<OperatorApiOptions> = {},
  withPages = false,
  backend: ConsoleBackend = memoryBackend(),
  seed = true,
): Promise<Harness> {
  const { accounts, store, presence } = backend;
  if (seed) await seedAccounts(accounts);
  const heartbeats: string[] = [];
  const heartbeat = store.heartbeat.bind(store);
  store.heartbeat = async (operator: string) => {
    heartbeats.push(operator);
    await heartbeat(operator);
  };
  const events = new CountingEvents(backend.events);
  const cases = new PublishingCaseStore(store, events);
  const gateway = new RecordingGateway();
  const closed: HandoffCase[] = [];
  const logger = pino({ level: 'silent' });
  const api = new OperatorApi(
    {
      accounts,
      sessions: backend.sessions,
      throttle: backend.throttle,
      cases,
      events,
      presence,
      citizens: gateway,
      knowledge: fakeKnowledge,
      cannedReplies: backend.cannedReplies,
      logger,
      onCaseClosed: async (c) => {
        closed.push(c);
      },
    },
    options,
  );
  const server = createHttpServer({ maxBodyBytes: 65536, logger });
  api.mount(server);
  if (withPages) mountOperatorStatic(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let n = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    api,
    cases,
    events,
    presence,
    gateway,
    closed,
    accounts,
    heartbeats,
    newCase: async (overrides = {}) => {
      return cases.create({
        kind: 'live',
        queue: 'trasporti',
        channel: 'directline',
        conversationId: `conv-${n++}`,
        conversationReference: { conversation: { id: `conv-${n}` } },
        procedureId: 'abbonamento-studenti',
        summary: 'Abbonamento studenti scaduto',
        contact: { email: 'cittadino@example.org', consent: true },
        transcript: [
          { from: 'citizen', text: "Come rinnovo l'abbonamento studenti?", at: new Date().toISOString() },
          { from: 'bot', text: 'Ecco come fare...', at: new Date().toISOString() },
        ],
        ...overrides,
      });
    },
    async stop() {
      api.shutdown();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeAllConnections();
      await closed;
    },
  };
}

/** A logged-in console user: fetch with the session cookie and CSRF token. */
export interface ConsoleClient {
  cookie: string;
  csrfToken: string;
  call(method: string, path: string, body?: unknown, opts?: { csrf?: boolean }): Promise<Response>;
}

export async function login(url: string, username: string, password = PASSWORD): Promise<ConsoleClient> {
  const res = await fetch(`${url}/api/operator/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 201) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie,
    csrfToken,
    call: (method, path, body, opts = {}) =>
      fetch(`${url}/api/operator${path}`, {
        method,
        headers: {
          cookie,
          ...(opts.csrf === false ? {} : { 'x-csrf-token': csrfToken }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}
