import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Json = Record<string, unknown>;

export interface RecordedCall {
  method: string;
  payload: Json;
  /** Date.now() when the request arrived. */
  at: number;
  /** The `result` answered (undefined for errors). */
  result?: unknown;
  /** True once the reply (or injected failure) has been sent. */
  answered: boolean;
}

/** A reply to inject instead of the normal one, or 'network' to drop the connection. */
export type InjectedReply = { status: number; body?: Json } | 'network';

export const FAKE_BOT = {
  id: 7000001,
  is_bot: true,
  first_name: 'Linea Amica',
  username: 'LineaAmicaTestBot',
};

const HTML_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'span',
  'tg-spoiler',
  'blockquote',
]);

/** Checks Telegram-style HTML like the Bot API does; returns the text length after parsing, or an error. */
export function parseTelegramHtml(html: string): { length: number } | { error: string } {
  const stack: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const ch = html[i];
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) return { error: `Unclosed start tag at byte offset ${i}` };
      const tag = html.slice(i + 1, end);
      const closing = tag.startsWith('/');
      const name = (closing ? tag.slice(1) : tag).split(/\s/)[0]?.toLowerCase() ?? '';
      if (!HTML_TAGS.has(name)) return { error: `Unsupported start tag "${name}" at byte offset ${i}` };
      if (closing) {
        if (stack.pop() !== name)
          return { error: `Unmatched end tag at byte offset ${i}, expected "</${name}>"` };
      } else stack.push(name);
      i = end + 1;
    } else if (ch === '&') {
      const m = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(html.slice(i));
      if (!m) return { error: `Unsupported entity at byte offset ${i}` };
      text += 'x';
      i += m[0].length;
    } else {
      text += ch;
      i += 1;
    }
  }
  if (stack.length > 0)
    return { error: `Can't find end tag corresponding to start tag "${stack[stack.length - 1]}"` };
  return { length: text.length };
}

function parseMultipart(body: string, boundary: string): Json {
  const out: Json = {};
  for (const part of body.split(`--${boundary}`)) {
    const m = /name="([^"]+)"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*)\r\n$/.exec(part);
    if (m?.[1] !== undefined) out[m[1]] = m[2];
  }
  return out;
}

/** Values sent as form fields arrive as strings: parse the ones that hold JSON. */
function normaliseForm(fields: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v) as unknown;
        continue;
      } catch {
        /* a plain string */
      }
    }
    out[k] = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  }
  return out;
}

function parseBody(req: IncomingMessage, raw: string, query: URLSearchParams): Json {
  const type = req.headers['content-type'] ?? '';
  let fields: Json = Object.fromEntries(query);
  if (type.includes('application/json') && raw) return { ...fields, ...(JSON.parse(raw) as Json) };
  if (type.includes('application/x-www-form-urlencoded'))
    fields = { ...fields, ...Object.fromEntries(new URLSearchParams(raw)) };
  const boundary = /boundary=([^;]+)/.exec(type)?.[1];
  if (type.includes('multipart/form-data') && boundary)
    fields = { ...fields, ...parseMultipart(raw, boundary) };
  return normaliseForm(fields);
}

/**
 * A fake Telegram Bot API server (`/bot<TOKEN>/<method>`) for tests: records every call, serves
 * pushed updates to getUpdates (offset + long-poll timeout) or POSTs them to the webhook, and can
 * answer the next N calls of a method with an injected error.
 */
export class FakeTelegramApi {
  readonly calls: RecordedCall[] = [];
  webhook?: { url: string; secret?: string };
  private server?: Server;
  private queue: Json[] = [];
  private nextUpdateId = 100_000;
  private nextMessageId = new Map<string, number>();
  private readonly failures = new Map<string, InjectedReply[]>();
  private pollWaiters = new Set<() => void>();
  private callWaiters = new Set<() => void>();
  private readonly pendingCalls = new Map<IncomingMessage, RecordedCall>();

  constructor(readonly token = '123456:TEST-token_for-the-fake-api') {}

  /** Starts on a free port; returns the apiRoot to give telegraf. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => this.onRequest(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    return this.apiRoot;
  }

  get apiRoot(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    return `http://127.0.0.1:${address?.port ?? 0}`;
  }

  async stop(): Promise<void> {
    this.pollWaiters.forEach((w) => w());
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Queues updates for getUpdates (update_id assigned when missing); returns them. */
  pushUpdates(...updates: Json[]): Json[] {
    const withIds = updates.map((u) => ({ update_id: this.nextUpdateId++, ...u }));
    this.queue.push(...withIds);
    this.pollWaiters.forEach((w) => w());
    return withIds;
  }

  /** A fresh update id (for raw updates built by a test). */
  updateId(): number {
    return this.nextUpdateId++;
  }

  /** POSTs an update to the registered webhook with its secret (or `secret` when given). */
  async deliverToWebhook(update: Json, secret?: string | null): Promise<number> {
    if (!this.webhook) throw new Error('no webhook registered');
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const token = secret === undefined ? this.webhook.secret : secret;
    if (token !== null && token !== undefined) headers['X-Telegram-Bot-Api-Secret-Token'] = token;
    const res = await fetch(this.webhook.url, { method: 'POST', headers, body: JSON.stringify(update) });
    await res.text();
    return res.status;
  }

  /** The next `count` calls of `method` get `reply` instead of the normal answer. */
  failNext(method: string, count: number, reply: InjectedReply): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push(reply);
    this.failures.set(method, list);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Texts sent with sendMessage, optionally to one chat. */
  sentTexts(chatId?: number): string[] {
    return this.callsOf('sendMessage')
      .filter((c) => chatId === undefined || String(c.payload.chat_id) === String(chatId))
      .map((c) => String(c.payload.text));
  }

  /** Waits until `predicate` holds over the recorded calls. */
  async waitFor(
    predicate: (calls: RecordedCall[]) => boolean,
    timeoutMs = 5000,
    what = 'condition',
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) throw new Error(`fake Telegram API: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          this.callWaiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, 50);
        this.callWaiters.add(done);
      });
    }
  }

  /** Waits until `count` calls of `method` were made; returns them. */
  async waitForCalls(method: string, count: number, timeoutMs = 5000): Promise<RecordedCall[]> {
    await this.waitFor(
      (calls) => calls.filter((c) => c.method === method).length >= count,
      timeoutMs,
      `${count} × ${method}`,
    );
    return this.callsOf(method);
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      void this.answer(req, res, raw)
        .catch((err: unknown) => {
          if (!res.headersSent)
            this.reply(res, 500, { ok: false, error_code: 500, description: String(err) });
        })
        .finally(() => {
          const call = this.pendingCalls.get(req);
          if (call) call.answered = true;
          this.pendingCalls.delete(req);
          this.callWaiters.forEach((w) => w());
        });
    });
  }

  private async answer(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match || match[1] !== this.token) {
      this.reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const method = match[2] ?? '';
    const payload = parseBody(req, raw, url.searchParams);
    const call: RecordedCall = { method, payload, at: Date.now(), answered: false };
    this.calls.push(call);
    this.pendingCalls.set(req, call);
    this.callWaiters.forEach((w) => w());

    const injected = this.failures.get(method)?.shift();
    if (injected === 'network') {
      req.socket.destroy();
      return;
    }
    if (injected) {
      this.reply(
        res,
        injected.status,
        injected.body ?? { ok: false, error_code: injected.status, description: 'Injected error' },
      );
      return;
    }
    const result = await this.run(method, payload, res);
    if ('error' in result) this.reply(res, result.error.error_code, { ok: false, ...result.error });
    else {
      call.result = result.result;
      this.reply(res, 200, { ok: true, result: result.result });
    }
  }

  private async run(
    method: string,
    p: Json,
    res: ServerResponse,
  ): Promise<{ result: unknown } | { error: { error_code: number; description: string } }> {
    const bad = (description: string) => ({
      error: { error_code: 400, description: `Bad Request: ${description}` },
    });
    switch (method) {
      case 'getMe':
        return { result: FAKE_BOT };
      case 'getUpdates':
        if (this.webhook)
          return {
            error: {
              error_code: 409,
              description: "Conflict: can't use getUpdates method while webhook is active",
            },
          };
        return { result: await this.getUpdates(p, res) };
      case 'setWebhook':
        if (typeof p.url !== 'string') return bad('url is required');
        this.webhook = p.url
          ? { url: p.url, secret: typeof p.secret_token === 'string' ? p.secret_token : undefined }
          : undefined;
        return { result: true };
      case 'deleteWebhook':
        this.webhook = undefined;
        if (p.drop_pending_updates === true) this.queue = [];
        return { result: true };
      case 'getWebhookInfo':
        return {
          result: {
            url: this.webhook?.url ?? '',
            has_custom_certificate: false,
            pending_update_count: this.queue.length,
          },
        };
      case 'sendMessage': {
        if (p.chat_id === undefined) return bad('chat_id is empty');
        if (typeof p.text !== 'string' || p.text.trim() === '') return bad('message text is empty');
        let length = p.text.length;
        if (p.parse_mode === 'HTML') {
          const parsed = parseTelegramHtml(p.text);
          if ('error' in parsed) return bad(`can't parse entities: ${parsed.error}`);
          length = parsed.length;
        }
        if (length > 4096) return bad('message is too long');
        const markupError = this.checkMarkup(p.reply_markup);
        if (markupError) return bad(markupError);
        return { result: this.message(p.chat_id, p.text) };
      }
      case 'editMessageReplyMarkup':
      case 'editMessageText': {
        if (p.chat_id === undefined || p.message_id === undefined)
          return bad('message identifier is not specified');
        const markupError = this.checkMarkup(p.reply_markup);
        return markupError ? bad(markupError) : { result: true };
      }
      case 'answerCallbackQuery':
        return typeof p.callback_query_id === 'string' ? { result: true } : bad('query is too old');
      case 'sendChatAction':
        return p.chat_id !== undefined && typeof p.action === 'string'
          ? { result: true }
          : bad('action is required');
      case 'deleteMessage':
        return { result: true };
      case 'setMyCommands': {
        const commands = Array.isArray(p.commands) ? (p.commands as Json[]) : undefined;
        const valid = commands?.every(
          (c) =>
            typeof c.command === 'string' &&
            /^[a-z0-9_]{1,32}$/.test(c.command) &&
            typeof c.description === 'string',
        );
        return valid ? { result: true } : bad('BOT_COMMAND_INVALID');
      }
      default:
        return { error: { error_code: 404, description: 'Not Found: method not found' } };
    }
  }

  private checkMarkup(markup: unknown): string | undefined {
    if (markup === undefined) return undefined;
    const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
    if (!Array.isArray(rows)) return 'unsupported reply_markup';
    for (const row of rows) {
      if (!Array.isArray(row)) return 'field "inline_keyboard" must be an Array of Arrays';
      for (const button of row as Json[]) {
        if (typeof button.text !== 'string' || !button.text)
          return 'text buttons are unallowed in the inline keyboard';
        const data = button.callback_data;
        if (
          data !== undefined &&
          (typeof data !== 'string' || Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64)
        ) {
          return 'BUTTON_DATA_INVALID';
        }
        if (data === undefined && typeof button.url !== 'string')
          return 'inline keyboard button must have an action';
      }
    }
    return undefined;
  }

  private message(chatId: unknown, text: string): Json {
    const key = String(chatId);
    const id = (this.nextMessageId.get(key) ?? 0) + 1;
    this.nextMessageId.set(key, id);
    return {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(chatId), type: 'private' },
      from: FAKE_BOT,
      text,
    };
  }

  private async getUpdates(p: Json, res: ServerResponse): Promise<Json[]> {
    const offset = typeof p.offset === 'number' ? p.offset : 0;
    const limit = typeof p.limit === 'number' ? p.limit : 100;
    const timeout = typeof p.timeout === 'number' ? p.timeout : 0;
    // A given offset confirms every earlier update: Telegram forgets them.
    if (offset > 0) this.queue = this.queue.filter((u) => Number(u.update_id) >= offset);
    const ready = () => this.queue.filter((u) => Number(u.update_id) >= offset).slice(0, limit);
    if (ready().length === 0 && timeout > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.pollWaiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, timeout * 1000);
        this.pollWaiters.add(done);
        res.once('close', done);
      });
    }
    return ready();
  }

  private reply(res: ServerResponse, status: number, body: Json): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
