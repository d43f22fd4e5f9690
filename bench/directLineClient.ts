import { Agent, request } from 'node:http';
import { Pool } from 'undici';
import WebSocket from 'ws';

/**
 * The load generator's HTTP client for the measured POSTs: undici (Node's own fetch engine) costs
 * a fraction of node:http's client per request, as autocannon does for rows a-c, so the generator
 * shares the 2 cores with the server as lightly as autocannon does.
 */
const pools = new Map<string, Pool>();

function poolFor(baseUrl: string): Pool {
  let pool = pools.get(baseUrl);
  if (!pool) {
    pool = new Pool(baseUrl, { connections: 256, pipelining: 1 });
    pools.set(baseUrl, pool);
  }
  return pool;
}

/** Closes the generator's connections (end of the bench). */
export async function closeLoadPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close()));
}

/** A failed Direct Line call or a missing answer, counted as an error by the bench. */
export class DirectLineBenchError extends Error {
  override readonly name = 'DirectLineBenchError';
}

/** How a reply names the activity it answers in the JSON the server writes (ids need no escaping). */
const REPLY_TO = '"replyToId":"';

interface BotActivity {
  type?: string;
  replyToId?: string;
  from?: { role?: string };
}

/** POSTs JSON over a keep-alive agent; resolves with the status and the parsed body. */
export function postJson(
  agent: Agent,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const payload = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function field(body: unknown, name: string): string {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string') throw new DirectLineBenchError(`response without ${name}`);
  return value;
}

/**
 * One Web Chat citizen, as the page does it: token from /api/webchat/token, conversation started
 * with it, WebSocket stream open; then `ask()` posts a message and resolves when the bot's
 * answer to it (replyToId) arrives on the stream.
 */
export class DirectLineConversation {
  private token = '';
  private conversationId = '';
  private socket: WebSocket | undefined;
  /** Bot answers keyed by the activity they reply to, with their arrival time. */
  private readonly arrived = new Map<string, number>();
  private readonly waiting = new Map<string, (at: number) => void>();
  private greeted: (() => void) | undefined;
  private botMessages = 0;
  /** Set when the stream closes while the conversation is in use. */
  closedUnexpectedly = false;
  private closing = false;

  constructor(
    private readonly baseUrl: string,
    private readonly agent: Agent,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Token, conversation start, stream; resolves once the bot's greeting has arrived. */
  async open(): Promise<void> {
    const tokenRes = await postJson(this.agent, `${this.baseUrl}/api/webchat/token`, undefined);
    if (tokenRes.status !== 200) throw new DirectLineBenchError(`webchat token: HTTP ${tokenRes.status}`);
    const token = field(tokenRes.body, 'token');
    const started = await postJson(
      this.agent,
      `${this.baseUrl}/v3/directline/conversations`,
      { locale: 'it-IT' },
      { authorization: `Bearer ${token}` },
    );
    if (started.status !== 201 && started.status !== 200)
      throw new DirectLineBenchError(`start conversation: HTTP ${started.status}`);
    this.token = field(started.body, 'token');
    this.conversationId = field(started.body, 'conversationId');
    const streamUrl = field(started.body, 'streamUrl');
    const greeting = new Promise<void>((resolve) => (this.greeted = resolve));
    const socket = new WebSocket(streamUrl, { perMessageDeflate: false });
    this.socket = socket;
    socket.on('message', (data: Buffer) => this.onStream(data));
    socket.on('close', () => {
      if (!this.closing) this.closedUnexpectedly = true;
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    await withTimeout(greeting, this.timeoutMs, 'no greeting on the stream');
  }

  /** Posts `text`; resolves with milliseconds from the POST to the bot's answer on the stream. */
  async ask(text: string): Promise<number> {
    const t0 = performance.now();
    const res = await poolFor(this.baseUrl).request({
      method: 'POST',
      path: `/v3/directline/conversations/${this.conversationId}/activities`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({
        type: 'message',
        text,
        locale: 'it-IT',
        from: { id: 'ignored', name: 'Cittadino' },
      }),
    });
    const body: unknown = await res.body.json().catch(() => undefined);
    if (res.statusCode !== 200) throw new DirectLineBenchError(`post activity: HTTP ${res.statusCode}`);
    const id = field(body, 'id');
    const early = this.arrived.get(id);
    if (early !== undefined) {
      this.arrived.delete(id);
      return early - t0;
    }
    const at = await withTimeout(
      new Promise<number>((resolve) => this.waiting.set(id, resolve)),
      this.timeoutMs,
      'no answer on the stream',
    ).finally(() => this.waiting.delete(id));
    return at - t0;
  }

  close(): void {
    this.closing = true;
    this.socket?.close();
  }

  private onStream(data: Buffer): void {
    const at = performance.now();
    if (data.length === 0) return; // keep-alive
    const text = data.toString('utf8');
    // Once greeted, only the ids answered matter: the bot's messages are the only activities
    // with a replyToId, so the frame is searched instead of parsed (a 2.5 KB JSON.parse per turn
    // was a sixth of this generator's CPU, taken from the two cores the server runs on).
    if (this.botMessages > 0 && text.includes(REPLY_TO)) {
      for (let i = text.indexOf(REPLY_TO); i >= 0; i = text.indexOf(REPLY_TO, i + 1)) {
        const start = i + REPLY_TO.length;
        this.answered(text.slice(start, text.indexOf('"', start)), at);
      }
      return;
    }
    const set = JSON.parse(text) as { activities?: BotActivity[] };
    for (const activity of set.activities ?? []) {
      if (activity.type !== 'message' || activity.from?.role !== 'bot') continue;
      this.botMessages += 1;
      if (this.botMessages === 1) this.greeted?.();
      if (activity.replyToId) this.answered(activity.replyToId, at);
    }
  }

  private answered(replyTo: string, at: number): void {
    const waiter = this.waiting.get(replyTo);
    if (waiter) waiter(at);
    else if (!this.arrived.has(replyTo)) this.arrived.set(replyTo, at);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DirectLineBenchError(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
