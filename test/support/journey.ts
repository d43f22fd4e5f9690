import WebSocket from 'ws';
import type { OperatorRole } from '../../operators/operatorAccount';
import type { OperatorAccountStore } from '../../operators/operatorAccountStore';
import { hashPassword } from '../../operators/passwordHash';

/** Helpers for end-to-end journeys on the composed app: a Direct Line citizen and a console operator. */

export const OPERATOR_PASSWORD = 'password-di-prova-1';
/** At least 16 characters, as config/config.ts requires. */
export const ADMIN_KEY = 'chiave-amministratore-di-prova-0123';
/** The handoff configuration of the journeys: every queue open all day, every day. */
export const ALWAYS_OPEN_HANDOFF = 'test/fixtures/handoff-always-open.yaml';

const POLL_MS = 25;

/** Resolves when `probe` returns a value other than undefined; fails after `timeoutMs` with `what`. */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- citizen on Direct Line ----------------------------------------------------------------------

export interface CardActionLike {
  type: string;
  title?: string;
  value?: unknown;
}

/** The fields of a Direct Line activity the journeys look at. */
export interface DlActivity {
  type: string;
  id?: string;
  text?: string;
  value?: unknown;
  from: { id: string; name?: string; role?: string };
  channelData?: {
    handoff?: { caseId: string; state: 'queued' | 'assigned' | 'closed'; position?: number };
    operator?: string;
    ratingPrompt?: boolean;
    procedureId?: string;
    [key: string]: unknown;
  };
  suggestedActions?: { actions: CardActionLike[] };
}

export type CitizenTransport = 'polling' | 'websocket';

export interface CitizenOptions {
  transport?: CitizenTransport;
  locale?: string;
}

/**
 * A citizen talking to the bot over our Direct Line 3.0 server, as Web Chat does: token from the
 * page's token exchange, start of the conversation, then activities over a WebSocket stream or by
 * polling with the watermark. Every activity received (the citizen's own echoes too) is recorded.
 */
export class CitizenClient {
  readonly activities: DlActivity[] = [];
  private readonly ids = new Set<string>();
  private socket: WebSocket | undefined;
  private polling = false;
  private watermark = '';
  private closed = false;

  private constructor(
    readonly baseUrl: string,
    readonly conversationId: string,
    readonly userId: string,
    private readonly token: string,
    private readonly locale: string,
  ) {}

  static async connect(baseUrl: string, options: CitizenOptions = {}): Promise<CitizenClient> {
    const locale = options.locale ?? 'it-IT';
    const exchange = await fetch(`${baseUrl}/api/webchat/token`, { method: 'POST' });
    if (exchange.status !== 200) throw new Error(`token exchange: ${exchange.status}`);
    const grant = (await exchange.json()) as { token: string; conversationId: string; userId: string };
    const client = new CitizenClient(baseUrl, grant.conversationId, grant.userId, grant.token, locale);
    const started = await fetch(`${baseUrl}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${grant.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ locale }),
    });
    if (started.status !== 201 && started.status !== 200)
      throw new Error(`start conversation: ${started.status} ${await started.text()}`);
    const { streamUrl } = (await started.json()) as { streamUrl: string };
    if (options.transport === 'websocket') await client.openStream(streamUrl);
    else client.startPolling();
    return client;
  }

  /** Posts an activity as the citizen; returns the server's id for it. */
  async post(activity: Record<string, unknown>): Promise<string> {
    const res = await fetch(`${this.baseUrl}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ locale: this.locale, from: { id: this.userId }, ...activity }),
    });
    if (res.status !== 200) throw new Error(`post activity: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }

  say(text: string): Promise<string> {
    return this.post({ type: 'message', text });
  }

  /** Index to pass as `since` to look only at what arrives from now on. */
  mark(): number {
    return this.activities.length;
  }

  /** What the bot (or an operator through it) sent, from index `since`. */
  fromBot(since = 0): DlActivity[] {
    return this.activities.slice(since).filter((a) => a.from.role === 'bot' || a.from.id !== this.userId);
  }

  botMessages(since = 0): DlActivity[] {
    return this.fromBot(since).filter((a) => a.type === 'message');
  }

  /** The first bot activity from `since` on that matches. */
  waitFor(
    match: (a: DlActivity) => boolean,
    what: string,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<DlActivity> {
    return eventually(() => this.fromBot(options.since ?? 0).find(match), what, options.timeoutMs);
  }

  /** The first bot message from `since` on whose text contains `text`. */
  waitForText(text: string, options: { since?: number; timeoutMs?: number } = {}): Promise<DlActivity> {
    return this.waitFor((a) => a.type === 'message' && (a.text ?? '').includes(text), `"${text}"`, options);
  }

  /** Says something and waits for the first bot message after it. */
  async ask(text: string, timeoutMs?: number): Promise<DlActivity> {
    const since = this.mark();
    await this.say(text);
    return this.waitFor((a) => a.type === 'message', `an answer to "${text}"`, { since, timeoutMs });
  }

  close(): void {
    this.closed = true;
    this.polling = false;
    this.socket?.close();
  }

  private receive(batch: DlActivity[], watermark?: string): void {
    for (const a of batch) {
      if (a.id !== undefined) {
        if (this.ids.has(a.id)) continue;
        this.ids.add(a.id);
      }
      this.activities.push(a);
    }
    if (watermark !== undefined) this.watermark = watermark;
  }

  private openStream(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      this.socket = socket;
      socket.on('open', () => resolve());
      socket.on('error', reject);
      socket.on('message', (data: WebSocket.RawData) => {
        const text = data.toString();
        if (text.trim() === '') return; // keep-alive
        const set = JSON.parse(text) as { activities?: DlActivity[]; watermark?: string };
        this.receive(set.activities ?? [], set.watermark);
      });
    });
  }

  private startPolling(): void {
    this.polling = true;
    const loop = async (): Promise<void> => {
      while (this.polling && !this.closed) {
        try {
          const res = await fetch(
            `${this.baseUrl}/v3/directline/conversations/${this.conversationId}/activities?watermark=${this.watermark}`,
            { headers: { authorization: `Bearer ${this.token}` } },
          );
          if (res.status === 200) {
            const set = (await res.json()) as { activities: DlActivity[]; watermark?: string };
            this.receive(set.activities, set.watermark);
          }
        } catch {
          // The server is stopping: the loop ends with close().
        }
        await sleep(POLL_MS * 2);
      }
    };
    void loop();
  }
}

// ---- operator on the console API -----------------------------------------------------------------

export interface OperatorSeed {
  username: string;
  displayName: string;
  role?: OperatorRole;
}

/** Adds accounts (all with OPERATOR_PASSWORD), as `npm run operator -- add` would. */
export async function seedOperators(store: OperatorAccountStore, seeds: OperatorSeed[]): Promise<void> {
  const passwordHash = await hashPassword(OPERATOR_PASSWORD);
  for (const s of seeds)
    await store.add({
      username: s.username,
      displayName: s.displayName,
      role: s.role ?? 'operator',
      passwordHash,
    });
}

export interface ApiResult<T> {
  status: number;
  body: T;
}

/** One server-sent event of GET /api/operator/events. */
export interface ConsoleEvent {
  type: string;
  data: Record<string, unknown>;
}

/** A logged-in console user: session cookie plus X-CSRF-Token on state-changing calls. */
export class OperatorClient {
  private constructor(
    readonly baseUrl: string,
    readonly username: string,
    readonly displayName: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  static async login(
    baseUrl: string,
    username: string,
    password = OPERATOR_PASSWORD,
  ): Promise<OperatorClient> {
    const res = await fetch(`${baseUrl}/api/operator/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 201) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const body = (await res.json()) as { csrfToken: string; user: { displayName: string } };
    return new OperatorClient(baseUrl, username, body.user.displayName, cookie, body.csrfToken);
  }

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResult<T>> {
    const res = await fetch(`${this.baseUrl}/api/operator${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrfToken }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  queues(): Promise<ApiResult<QueuesView>> {
    return this.call<QueuesView>('GET', '/queues');
  }

  caseDetail(caseId: string): Promise<ApiResult<CaseDetail>> {
    return this.call<CaseDetail>('GET', `/cases/${encodeURIComponent(caseId)}`);
  }

  claim(caseId: string): Promise<ApiResult<CaseDetail>> {
    return this.call<CaseDetail>('POST', `/cases/${encodeURIComponent(caseId)}/claim`);
  }

  send(caseId: string, text: string): Promise<ApiResult<Record<string, unknown>>> {
    return this.call('POST', `/cases/${encodeURIComponent(caseId)}/messages`, { text });
  }

  typing(caseId: string): Promise<ApiResult<Record<string, unknown>>> {
    return this.call('POST', `/cases/${encodeURIComponent(caseId)}/typing`);
  }

  close(
    caseId: string,
    outcome: 'risolto' | 'da-richiamare' | 'non-di-competenza',
  ): Promise<ApiResult<CaseDetail>> {
    return this.call<CaseDetail>('POST', `/cases/${encodeURIComponent(caseId)}/close`, { outcome });
  }

  /** Opens GET /api/operator/events (Server-Sent Events); resolves once the stream said "ready". */
  async events(): Promise<ConsoleEvents> {
    const stream = new ConsoleEvents(`${this.baseUrl}/api/operator/events`, this.cookie);
    await stream.ready();
    return stream;
  }
}

export interface CaseSummary {
  id: string;
  state: string;
  kind: string;
  queue: string;
  channel: string;
  summary?: string;
  operator?: string;
  operatorDisplayName?: string;
}

export interface QueuesView {
  queues: Array<{ queue: string; oldestWaitMs: number; waiting: CaseSummary[] }>;
  mine: CaseSummary[];
}

export interface CaseMessageView {
  seq: number;
  from: string;
  text: string;
  attachments?: string[];
}

export interface CaseDetail {
  case: CaseSummary & { contact?: { email?: string; phone?: string }; outcome?: string };
  messages: CaseMessageView[];
}

/** The console's live events, parsed and recorded. */
export class ConsoleEvents {
  readonly received: ConsoleEvent[] = [];
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;

  constructor(url: string, cookie: string) {
    this.done = this.read(url, cookie).catch(() => undefined);
  }

  ready(): Promise<ConsoleEvent> {
    return this.waitFor((e) => e.type === 'ready', 'the event stream to open');
  }

  waitFor(match: (e: ConsoleEvent) => boolean, what: string, timeoutMs?: number): Promise<ConsoleEvent> {
    return eventually(() => this.received.find(match), what, timeoutMs);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }

  private async read(url: string, cookie: string): Promise<void> {
    const res = await fetch(url, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: this.abort.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`event stream: ${res.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let type = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) type = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length > 0)
          this.received.push({ type, data: JSON.parse(data.join('\n')) as Record<string, unknown> });
      }
    }
  }
}
