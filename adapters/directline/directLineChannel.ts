import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity } from 'botbuilder-core';
import type { Next, Request, Response, Server } from 'restify';
import { clientAddress } from '../../app/clientAddress';
import { type ErrorBody, sendError } from '../../app/httpErrors';
import { maxBodyBytesOf } from '../../app/server';
import type { BotLogic } from '../../bots/botLogic';
import type { Logger } from '../../ops/logger';
import type { Metrics } from '../../ops/metrics';
import { ConversationNotFoundError } from './conversationNotFoundError';
import { ConversationQueue } from './conversationQueue';
import { type DirectLineAdapter, DIRECTLINE_CHANNEL_ID } from './directLineAdapter';
import { activityId, activitySetJson, type DirectLineStore } from './directLineStore';
import { DirectLineStreams, type StreamAuthorization } from './directLineStreams';
import type { DirectLineTokens, TokenClaims } from './directLineTokens';
import { InvalidTokenError } from './invalidTokenError';
import { memoryRateLimiters } from './memoryRateLimiter';
import type { RateLimiter, RateLimiterFactory } from './rateLimiter';
import { TokenExpiredError } from './tokenExpiredError';

export interface DirectLineChannelOptions {
  tokens: DirectLineTokens;
  store: DirectLineStore;
  adapter: DirectLineAdapter;
  logic: BotLogic;
  logger: Logger;
  metrics: Metrics;
  /** MAX_TEXT_LENGTH: longer texts get 400 MessageSizeExceeded. */
  maxTextLength: number;
  /** RATE_LIMIT_PER_MINUTE: activities one token may post (burst and sustained). */
  rateLimitPerMinute: number;
  /** TRUST_PROXY: reverse proxies in front, for the client's address (see clientAddress). */
  trustProxy?: number;
  /** Where the rate limits are kept: this process's memory by default, Redis to share them. */
  rateLimiters?: RateLimiterFactory;
  /** DIRECTLINE_SECRET (or the per-process random one): the bearer credential of trusted servers. */
  secret: string;
  /** PUBLIC_URL: base of the absolute streamUrl; otherwise the request's Host header. */
  publicUrl?: string;
  /** Empty keep-alive messages on every stream, and housekeeping, this often. */
  keepAliveMs?: number;
  /**
   * New conversations (`/api/webchat/token`) one client address may open per minute; unset or 0
   * for no limit (the service passes CONVERSATIONS_PER_MINUTE_PER_IP). Behind reverse proxies,
   * `trustProxy` makes it count clients rather than the proxy's address.
   */
  conversationsPerMinutePerIp?: number;
  /**
   * Record metrics.turns / turnLatency {channel=directline} here. Turn it off when the BotLogic
   * passed in already records them.
   */
  recordTurnMetrics?: boolean;
}

export const DEFAULT_KEEP_ALIVE_MS = 15_000;
/** A stream that sent something slightly less than a period ago still gets its keep-alive. */
const KEEP_ALIVE_SLACK_MS = 5;
export const DIRECTLINE_BASE = '/v3/directline';
export const WEBCHAT_TOKEN_PATH = '/api/webchat/token';

/** Activity types a client may post; everything else is refused with 400. */
const CLIENT_ACTIVITY_TYPES = new Set(['message', 'event', 'typing', 'messageReaction']);
const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,64}$/;
const USER_ID_MAX = 256;
const ATTACHMENTS_NOT_SUPPORTED = 'Gli allegati non sono ancora supportati';
const JSON_HEADERS = { 'Content-Type': 'application/json' };
const ACTIVITIES_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/activities(?:\?|$)/;
const JSON_CONTENT_TYPE = /^application\/json\s*(?:;|$)/i;

/** An error answer: status and Direct Line's `{"error":{code,message}}`. */
interface Refusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** How the activity POST answers: through restify's Response, or a bare node response. */
interface Answer {
  json(status: number, body: string): void;
  refuse(refusal: Refusal): void;
}

class RestifyAnswer implements Answer {
  constructor(private readonly res: Response) {}

  json(status: number, body: string): void {
    this.res.sendRaw(status, body, JSON_HEADERS);
  }

  refuse({ status, code, message, headers }: Refusal): void {
    sendError(this.res, status, code, message, headers);
  }
}

/** The same answers as restify's (headers included), written straight to node's response. */
class NodeAnswer implements Answer {
  constructor(
    private readonly res: ServerResponse,
    private readonly serverName: string,
  ) {}

  json(status: number, body: string, headers?: Record<string, string>): void {
    this.res.writeHead(status, {
      ...headers,
      Server: this.serverName,
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
    });
    this.res.end(body);
  }

  refuse({ status, code, message, headers }: Refusal): void {
    this.json(status, JSON.stringify({ error: { code, message } } satisfies ErrorBody), headers);
  }
}

/** restify's `first()` hook, missing from @types/restify 8: false means "handled, skip restify". */
type FirstHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

type Caller = { kind: 'secret' } | { kind: 'token'; token: string; claims: TokenClaims };

/**
 * Our Direct Line 3.0 compatible channel, for Microsoft's Web Chat and botframework-directlinejs:
 * token endpoints, conversations, activities with watermarks, WebSocket streams, and
 * `/api/webchat/token` so the page never sees the secret.
 */
export class DirectLineChannel {
  private readonly queue = new ConversationQueue();
  private readonly limiter: RateLimiter;
  private readonly ipLimiter: RateLimiter | undefined;
  private readonly streams: DirectLineStreams;
  private readonly secretBytes: Buffer;
  private readonly publicStreamBase: string | undefined;
  private readonly recordTurnMetrics: boolean;
  private readonly keepAliveMs: number;
  /** Conversations seen lately (last activity time), for the open-conversations gauge. */
  private readonly recent = new Map<string, number>();
  private readonly liveStreams = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: DirectLineChannelOptions) {
    const limiter: RateLimiterFactory = options.rateLimiters ?? memoryRateLimiters;
    this.limiter = limiter('messages', options.rateLimitPerMinute);
    this.ipLimiter = options.conversationsPerMinutePerIp
      ? limiter('conversations-per-ip', options.conversationsPerMinutePerIp)
      : undefined;
    this.secretBytes = Buffer.from(options.secret);
    this.publicStreamBase = options.publicUrl ? streamBase(options.publicUrl) : undefined;
    this.recordTurnMetrics = options.recordTurnMetrics ?? true;
    this.keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
    this.streams = new DirectLineStreams({
      store: options.store,
      logger: options.logger,
      authorize: (token, conversationId) => this.authorizeStream(token, conversationId),
      onOpen: (id) => {
        this.liveStreams.set(id, (this.liveStreams.get(id) ?? 0) + 1);
        this.seen(id);
      },
      onClose: (id) => {
        const n = (this.liveStreams.get(id) ?? 1) - 1;
        if (n > 0) this.liveStreams.set(id, n);
        else this.liveStreams.delete(id);
        this.seen(id);
      },
    });
  }

  /** Registers the routes and the WebSocket streams on the shared restify server. */
  mount(server: Server): void {
    const base = DIRECTLINE_BASE;
    // Before the body parser: uploads are refused without reading (or hanging on) multipart bodies.
    server.pre((req: Request, res: Response, next: Next) => {
      if (
        req.method === 'POST' &&
        /^\/v3\/directline\/conversations\/[^/]+\/upload(?:\?|$)/.test(req.url ?? '')
      ) {
        sendError(res, 415, 'UnsupportedMediaType', ATTACHMENTS_NOT_SUPPORTED);
        return next(false);
      }
      return next();
    });
    server.post(`${base}/tokens/generate`, async (req: Request, res: Response) =>
      this.generateToken(req, res),
    );
    server.post(`${base}/tokens/refresh`, async (req: Request, res: Response) => this.refreshToken(req, res));
    server.post(`${base}/conversations`, async (req: Request, res: Response) =>
      this.startConversation(req, res),
    );
    server.get(`${base}/conversations/:conversationId`, async (req: Request, res: Response) =>
      this.reconnect(req, res),
    );
    server.get(`${base}/conversations/:conversationId/activities`, async (req: Request, res: Response) =>
      this.getActivities(req, res),
    );
    server.post(`${base}/conversations/:conversationId/activities`, async (req: Request, res: Response) =>
      this.acceptActivity(
        String(req.params.conversationId ?? ''),
        req.headers.authorization,
        req.body,
        new RestifyAnswer(res),
      ),
    );
    const maxBodyBytes = maxBodyBytesOf(server);
    if (maxBodyBytes !== undefined) {
      const first = (server as Server & { first(handler: FirstHandler): Server }).first.bind(server);
      first((req, res) => this.postActivityFast(req, res, maxBodyBytes, server.name));
    }
    server.post(WEBCHAT_TOKEN_PATH, async (req: Request, res: Response) => this.webChatToken(req, res));
    this.streams.attach(server.server);
    this.timer = setInterval(() => this.housekeeping(), this.keepAliveMs);
    this.timer.unref();
  }

  /** Open WebSocket streams in this process. */
  get openStreams(): number {
    return this.streams.size;
  }

  /** Graceful shutdown: stops timers, closes the streams, waits for the turns in flight. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.streams.close();
    await this.queue.drain();
  }

  // ---- token endpoints ----

  /** POST /v3/directline/tokens/generate (secret): a new conversation and its token. */
  private async generateToken(req: Request, res: Response): Promise<void> {
    const caller = this.authenticate(req, res);
    if (!caller) return;
    if (caller.kind !== 'secret')
      return sendError(res, 403, 'Forbidden', 'Generating tokens needs the Direct Line secret');
    const userId = requestedUserId(req.body) ?? newUserId();
    const conversationId = await this.createConversation(res, userId);
    if (!conversationId) return;
    const issued = this.options.tokens.issue(conversationId, userId);
    res.header('Cache-Control', 'no-store');
    res.send(200, { conversationId, token: issued.token, expires_in: issued.expiresIn });
  }

  /** POST /v3/directline/tokens/refresh (token): the same grant with a new lifetime. */
  private async refreshToken(req: Request, res: Response): Promise<void> {
    const caller = this.authenticate(req, res);
    if (!caller) return;
    if (caller.kind !== 'token') return sendError(res, 400, 'BadArgument', 'Only tokens can be refreshed');
    const issued = this.options.tokens.issue(caller.claims.conversationId, caller.claims.userId);
    res.header('Cache-Control', 'no-store');
    res.send(200, {
      conversationId: caller.claims.conversationId,
      token: issued.token,
      expires_in: issued.expiresIn,
    });
  }

  /** POST /api/webchat/token: the page's token exchange; the secret stays on the server. */
  private async webChatToken(req: Request, res: Response): Promise<void> {
    const decision = await this.ipLimiter?.take(clientAddress(req, this.options.trustProxy ?? 0));
    if (decision && !decision.allowed) {
      return sendError(res, 429, 'TooManyRequests', 'Troppe conversazioni aperte: riprova tra poco', {
        'Retry-After': String(decision.retryAfterSeconds),
      });
    }
    const userId = newUserId();
    const conversationId = await this.createConversation(res, userId);
    if (!conversationId) return;
    const issued = this.options.tokens.issue(conversationId, userId);
    res.header('Cache-Control', 'no-store');
    res.send(200, { token: issued.token, conversationId, userId, expires_in: issued.expiresIn });
  }

  // ---- conversations ----

  /** POST /v3/directline/conversations: starts the token's conversation, or a new one with the secret. */
  private async startConversation(req: Request, res: Response): Promise<void> {
    const caller = this.authenticate(req, res);
    if (!caller) return;
    let conversationId: string;
    let userId: string;
    let token: string;
    let expiresIn: number;
    if (caller.kind === 'secret') {
      userId = requestedUserId(req.body) ?? newUserId();
      const created = await this.createConversation(res, userId);
      if (!created) return;
      conversationId = created;
      const issued = this.options.tokens.issue(conversationId, userId);
      token = issued.token;
      expiresIn = issued.expiresIn;
    } else {
      ({ conversationId, userId } = caller.claims);
      token = caller.token;
      expiresIn = Math.max(0, Math.floor((caller.claims.expiresAt - Date.now()) / 1000));
    }
    let first: boolean;
    try {
      first = await this.options.store.markStarted(conversationId);
    } catch (err) {
      return this.storeError(res, err, conversationId);
    }
    if (first) this.greet(conversationId, userId, localeOf(req.body));
    this.seen(conversationId);
    res.header('Cache-Control', 'no-store');
    res.send(first ? 201 : 200, {
      conversationId,
      token,
      expires_in: expiresIn,
      streamUrl: this.streamUrl(req, conversationId, token, ''),
    });
  }

  /** GET /v3/directline/conversations/:id?watermark= : a fresh token and streamUrl (reconnect). */
  private async reconnect(req: Request, res: Response): Promise<void> {
    const conversationId = String(req.params.conversationId ?? '');
    const caller = this.authenticate(req, res, conversationId);
    if (!caller) return;
    const watermark = parseWatermark(req);
    if (watermark === undefined) return sendError(res, 400, 'BadArgument', 'Invalid watermark');
    let userId: string;
    if (caller.kind === 'token') {
      userId = caller.claims.userId;
      try {
        if (!(await this.options.store.getConversation(conversationId)))
          throw new ConversationNotFoundError(conversationId);
      } catch (err) {
        return this.storeError(res, err, conversationId);
      }
    } else {
      const conversation = await this.options.store.getConversation(conversationId).catch(() => undefined);
      if (!conversation) return sendError(res, 404, 'NotFound', 'Conversation not found');
      userId = conversation.userId;
    }
    const issued = this.options.tokens.issue(conversationId, userId);
    res.header('Cache-Control', 'no-store');
    res.send(200, {
      conversationId,
      token: issued.token,
      expires_in: issued.expiresIn,
      streamUrl: this.streamUrl(req, conversationId, issued.token, String(watermark)),
    });
  }

  // ---- activities ----

  /** GET /v3/directline/conversations/:id/activities?watermark= (polling). */
  private async getActivities(req: Request, res: Response): Promise<void> {
    const conversationId = String(req.params.conversationId ?? '');
    if (!this.authenticate(req, res, conversationId)) return;
    const watermark = parseWatermark(req);
    if (watermark === undefined) return sendError(res, 400, 'BadArgument', 'Invalid watermark');
    try {
      const batch = await this.options.store.read(conversationId, watermark);
      res.sendRaw(200, activitySetJson(batch), {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
      });
    } catch (err) {
      this.storeError(res, err, conversationId);
    }
  }

  /**
   * POST /v3/directline/conversations/:id/activities, the message every citizen sends, without
   * restify: its router, body parser and response formatting cost about as much CPU as the rest of
   * this request (~10 µs a message). Only the ordinary request is taken here: JSON, with a
   * Content-Length within MAX_BODY_BYTES, not compressed. Anything else returns true and goes on
   * to the restify route, which answers it as it always did (413, form or empty bodies…).
   */
  private postActivityFast(
    req: IncomingMessage,
    res: ServerResponse,
    maxBodyBytes: number,
    serverName: string,
  ): boolean {
    if (req.method !== 'POST') return true;
    const match = ACTIVITIES_PATH.exec(req.url ?? '');
    if (!match) return true;
    const headers = req.headers;
    const length = Number(headers['content-length']);
    if (
      !(length > 0 && length <= maxBodyBytes) ||
      !JSON_CONTENT_TYPE.test(headers['content-type'] ?? '') ||
      headers['content-encoding'] !== undefined
    )
      return true;
    const conversationId = match[1] ?? '';
    const answer = new NodeAnswer(res, serverName);
    // node's parser delivers exactly Content-Length bytes.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse((chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString());
      } catch (err) {
        // restify's wording for the same body.
        const reason = err instanceof Error ? err.message : String(err);
        return answer.refuse({
          status: 400,
          code: 'BadArgument',
          message: `Malformed request: Invalid JSON: ${reason}`,
        });
      }
      this.acceptActivity(conversationId, headers.authorization, body, answer).catch((err: unknown) => {
        this.options.logger.error({ err, conversationId }, 'Direct Line activity POST failed');
        if (!res.headersSent) answer.refuse({ status: 500, code: 'ServiceError', message: 'Internal error' });
      });
    });
    return false;
  }

  /**
   * The activity POST: stores the user's activity (it is echoed to the client's stream with its
   * server id and channelData), answers `{id}`, then runs the turn in the conversation's queue so
   * replies follow their question.
   */
  private async acceptActivity(
    conversationId: string,
    authorization: string | undefined,
    body: unknown,
    answer: Answer,
  ): Promise<void> {
    const caller = this.credential(authorization, conversationId);
    if ('status' in caller) return answer.refuse(caller);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return answer.refuse({ status: 400, code: 'BadArgument', message: 'The body must be a JSON activity' });
    }
    const input = body as Record<string, unknown>;
    if (typeof input.type !== 'string')
      return answer.refuse({ status: 400, code: 'MissingProperty', message: 'The activity has no type' });
    if (!CLIENT_ACTIVITY_TYPES.has(input.type)) {
      return answer.refuse({
        status: 400,
        code: 'BadArgument',
        message: `Activity type "${input.type.slice(0, 40)}" is not supported`,
      });
    }
    if (input.text !== undefined && typeof input.text !== 'string') {
      return answer.refuse({
        status: 400,
        code: 'BadArgument',
        message: 'The activity text must be a string',
      });
    }
    if (typeof input.text === 'string' && input.text.length > this.options.maxTextLength) {
      return answer.refuse({
        status: 400,
        code: 'MessageSizeExceeded',
        message: `Il messaggio è troppo lungo: al massimo ${this.options.maxTextLength} caratteri`,
      });
    }
    const from =
      typeof input.from === 'object' && input.from !== null ? (input.from as Record<string, unknown>) : {};
    let userId: string;
    if (caller.kind === 'token') {
      const decision = await this.limiter.take(`${conversationId}\n${caller.claims.userId}`);
      if (!decision.allowed) {
        return answer.refuse({
          status: 429,
          code: 'TooManyRequests',
          message: 'Troppi messaggi: riprova tra poco',
          headers: { 'Retry-After': String(decision.retryAfterSeconds) },
        });
      }
      // The token decides who is speaking, whatever the client claims.
      userId = caller.claims.userId;
    } else {
      if (typeof from.id !== 'string' || from.id.length === 0) {
        return answer.refuse({
          status: 400,
          code: 'MissingProperty',
          message: 'With the secret, the activity needs from.id',
        });
      }
      userId = from.id.slice(0, USER_ID_MAX);
    }
    // The server assigns ids; replies always go to the stream (a client-chosen deliveryMode such
    // as expectReplies would buffer them in the turn, where no Direct Line client can get them).
    // The parsed body is this request's own: it is completed in place, not copied; `undefined`
    // members are left out of the stored JSON.
    const activity = input;
    activity.id = undefined;
    activity.deliveryMode = undefined;
    activity.timestamp = new Date();
    activity.channelId = DIRECTLINE_CHANNEL_ID;
    activity.serviceUrl = this.options.publicUrl ?? '';
    activity.conversation = { id: conversationId };
    activity.from =
      typeof from.name === 'string'
        ? { id: userId, name: from.name, role: 'user' }
        : { id: userId, role: 'user' };
    activity.recipient = this.options.adapter.bot;
    let id: string;
    try {
      const stored = await this.options.store.append(conversationId, [activity]);
      id = activityId(conversationId, stored.first);
    } catch (err) {
      return answer.refuse(this.storeFailure(err, conversationId));
    }
    this.seen(conversationId);
    // The store keeps its own serialised copy: the turn gets this object, with its id.
    activity.id = id;
    this.runTurn(activity as Partial<Activity>);
    answer.json(200, `{"id":${JSON.stringify(id)}}`);
  }

  // ---- turns ----

  /** The conversationUpdate that lets the bot greet first, once per conversation. */
  private greet(conversationId: string, userId: string, locale: string | undefined): void {
    const user = { id: userId, role: 'user' };
    this.runTurn({
      type: 'conversationUpdate',
      id: `${conversationId}|start`,
      timestamp: new Date(),
      channelId: DIRECTLINE_CHANNEL_ID,
      serviceUrl: this.options.publicUrl ?? '',
      conversation: { id: conversationId },
      from: user,
      recipient: this.options.adapter.bot,
      membersAdded: [user],
      ...(locale ? { locale } : {}),
    } as Partial<Activity>);
  }

  private runTurn(activity: Partial<Activity>): void {
    const conversationId = activity.conversation?.id ?? '';
    void this.queue.run(conversationId, async () => {
      const end = this.recordTurnMetrics
        ? this.options.metrics.turnLatency.startTimer({ channel: 'directline' })
        : undefined;
      try {
        await this.options.adapter.processActivity(activity, this.options.logic);
      } catch (err) {
        this.options.metrics.errors.inc({ kind: 'turn' });
        this.options.logger.error({ err, conversationId }, 'Direct Line turn failed');
      } finally {
        if (end) {
          end();
          this.options.metrics.turns.inc({ channel: 'directline' });
        }
      }
    });
  }

  // ---- helpers ----

  private async createConversation(res: Response, userId: string): Promise<string | undefined> {
    const id = randomBytes(16).toString('base64url');
    try {
      await this.options.store.createConversation({ id, userId, createdAt: new Date().toISOString() });
    } catch (err) {
      this.storeError(res, err, id);
      return undefined;
    }
    this.seen(id);
    return id;
  }

  /**
   * The caller's credential (`Authorization: Bearer` secret or token), checked against the
   * conversation when there is one; sends the error and returns undefined otherwise.
   */
  private authenticate(req: Request, res: Response, conversationId?: string): Caller | undefined {
    const caller = this.credential(req.headers.authorization, conversationId);
    if (!('status' in caller)) return caller;
    sendError(res, caller.status, caller.code, caller.message);
    return undefined;
  }

  /** The caller behind an Authorization header, or why it is refused. */
  private credential(header: string | undefined, conversationId?: string): Caller | Refusal {
    if (conversationId !== undefined && !CONVERSATION_ID.test(conversationId)) {
      return { status: 404, code: 'NotFound', message: 'Conversation not found' };
    }
    if (!header?.startsWith('Bearer ') || header.length <= 7) {
      return { status: 401, code: 'Unauthorized', message: 'Missing Authorization: Bearer token' };
    }
    const credential = header.slice(7).trim();
    if (this.isSecret(credential)) return { kind: 'secret' };
    const result = this.verify(credential, conversationId);
    return result.ok ? { kind: 'token', token: credential, claims: result.claims } : result;
  }

  private authorizeStream(token: string | undefined, conversationId: string): StreamAuthorization {
    if (!token) return { ok: false, status: 401, code: 'Unauthorized', message: 'Missing token (t)' };
    if (this.isSecret(token)) return { ok: true, expiresAt: undefined };
    const result = this.verify(token, conversationId);
    return result.ok ? { ok: true, expiresAt: result.claims.expiresAt } : result;
  }

  private verify(
    token: string,
    conversationId: string | undefined,
  ): { ok: true; claims: TokenClaims } | { ok: false; status: number; code: string; message: string } {
    try {
      const claims = this.options.tokens.verify(token);
      if (conversationId !== undefined && claims.conversationId !== conversationId) {
        return {
          ok: false,
          status: 403,
          code: 'Forbidden',
          message: 'The token is not valid for this conversation',
        };
      }
      return { ok: true, claims };
    } catch (err) {
      if (err instanceof TokenExpiredError) {
        return { ok: false, status: 403, code: 'TokenExpired', message: 'Token expired' };
      }
      if (err instanceof InvalidTokenError) {
        return { ok: false, status: 403, code: 'Forbidden', message: 'Invalid token' };
      }
      throw err;
    }
  }

  /** Constant time for candidates of the secret's length; tokens (longer) are told apart at once. */
  private isSecret(candidate: string): boolean {
    return (
      Buffer.byteLength(candidate) === this.secretBytes.length &&
      timingSafeEqual(Buffer.from(candidate), this.secretBytes)
    );
  }

  private storeError(res: Response, err: unknown, conversationId: string): void {
    const { status, code, message } = this.storeFailure(err, conversationId);
    sendError(res, status, code, message);
  }

  private storeFailure(err: unknown, conversationId: string): Refusal {
    if (err instanceof ConversationNotFoundError)
      return { status: 404, code: 'NotFound', message: 'Conversation not found' };
    this.options.metrics.errors.inc({ kind: 'directline' });
    this.options.logger.error({ err, conversationId }, 'Direct Line store error');
    return { status: 503, code: 'ServiceError', message: 'Service temporarily unavailable' };
  }

  private streamUrl(req: Request, conversationId: string, token: string, watermark: string): string {
    const base =
      this.publicStreamBase ?? `${req.isSecure() ? 'wss' : 'ws'}://${req.headers.host ?? 'localhost'}`;
    return `${base}${DIRECTLINE_BASE}/conversations/${conversationId}/stream?watermark=${watermark}&t=${encodeURIComponent(token)}`;
  }

  private seen(conversationId: string): void {
    const before = this.recent.size;
    this.recent.set(conversationId, Date.now());
    if (this.recent.size !== before) this.options.metrics.openConversations.set(this.recent.size);
  }

  /** Keep-alives, idle rate-limit buckets, and conversations idle longer than a token's life. */
  private housekeeping(): void {
    if (this.closed) return;
    this.streams.keepAlive(this.keepAliveMs - KEEP_ALIVE_SLACK_MS);
    this.limiter.sweep();
    this.ipLimiter?.sweep();
    const idleBefore = Date.now() - this.options.tokens.lifetimeSeconds * 1000;
    for (const [id, at] of this.recent) {
      if (at < idleBefore && !this.liveStreams.has(id)) this.recent.delete(id);
    }
    this.options.metrics.openConversations.set(this.recent.size);
  }
}

function newUserId(): string {
  return `dl_${randomBytes(12).toString('base64url')}`;
}

/** `user.id` from a tokens/generate or conversations body, when usable. */
function requestedUserId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const user = (body as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return undefined;
  const id = (user as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 && id.length <= USER_ID_MAX ? id : undefined;
}

function localeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const locale = (body as { locale?: unknown }).locale;
  return typeof locale === 'string' && locale.length <= 35 ? locale : undefined;
}

function parseWatermark(req: Request): number | undefined {
  const query = req.query as Record<string, unknown> | undefined;
  const raw = query?.watermark;
  if (raw === undefined || raw === '') return 0;
  return typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/** `ws(s)://host/path` from PUBLIC_URL. */
function streamBase(publicUrl: string): string {
  const url = new URL(publicUrl);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
