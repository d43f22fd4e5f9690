import http from 'node:http';
import https from 'node:https';
import type { Activity, ResourceResponse } from 'botbuilder-core';
import { ChannelError } from './channelError';

export interface ChannelClientOptions {
  /** Deadline of one request to the channel, connection included. */
  timeoutMs?: number;
  /** Sockets per channel host (the keep-alive pool). */
  maxSockets?: number;
  /** Waits before the retries of a transient failure (see TRANSIENT_STATUSES); [] for none. */
  retryDelaysMs?: readonly number[];
}

export const DEFAULT_CHANNEL_TIMEOUT_MS = 10_000;
/** A channel's answer is a small JSON object ({"id":...} or an error); more is not read. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const USER_AGENT = 'Microsoft-BotFramework/3.1 linea-amica';
/** Parsed service URLs kept (one per channel in practice). */
const MAX_CACHED_SERVICE_URLS = 256;
/**
 * Answers that say "not now" rather than "no": throttled, or a gateway that did not reach the
 * channel's service. Retried, as botbuilder's CloudAdapter does through its Azure pipeline.
 */
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
/** Connection failures before anything was sent: nothing can be delivered twice by retrying. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN']);
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [250, 1000];
/** A Retry-After longer than this is not waited for: the turn would hold the conversation. */
const MAX_RETRY_AFTER_MS = 5000;

interface ServiceEndpoint {
  transport: typeof http | typeof https;
  agent: http.Agent;
  hostname: string;
  port: string;
  /** The serviceUrl's path without its trailing slashes ('' or e.g. '/emea'). */
  basePath: string;
  host: string;
}

interface ChannelRequest {
  operation: string;
  method: 'POST' | 'PUT' | 'DELETE';
  serviceUrl: string;
  /** Path below `{serviceUrl}/v3/conversations/`, already encoded. */
  path: string;
  body?: Partial<Activity>;
  authorization?: string;
}

/** `{conversationId}/activities[/{activityId}]`, encoded, below `{serviceUrl}/v3/conversations/`. */
function activitiesPath(conversationId: string, activityId?: string): string {
  const activities = `${encodeURIComponent(conversationId)}/activities`;
  return activityId ? `${activities}/${encodeURIComponent(activityId)}` : activities;
}

/**
 * The Bot Framework Connector REST API, as the bot calls it on a channel's serviceUrl:
 * `POST/PUT/DELETE {serviceUrl}/v3/conversations/{conversationId}/activities[/{activityId}]`.
 * One keep-alive agent per protocol serves every turn; bodies are plain `JSON.stringify`.
 * Throttling (429) and gateway answers (502, 503, 504), and connections refused before anything
 * was sent, are retried twice (250 ms, then 1 s, or the channel's Retry-After up to 5 s). Any
 * other non-2xx answer, a network failure or the deadline become a {@link ChannelError}.
 */
export class ChannelClient {
  private readonly timeoutMs: number;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly endpoints = new Map<string, ServiceEndpoint>();
  private readonly retryDelaysMs: readonly number[];

  constructor(options: ChannelClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CHANNEL_TIMEOUT_MS;
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 256, timeout: 60_000 };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
  }

  /** A reply to `replyToId` (the connector's ReplyToActivity), or a new message (SendToConversation). */
  sendActivity(
    serviceUrl: string,
    conversationId: string,
    activity: Partial<Activity>,
    authorization: string | undefined,
  ): Promise<ResourceResponse> {
    const replyToId = activity.replyToId;
    return this.request({
      operation: replyToId ? 'reply' : 'send',
      method: 'POST',
      serviceUrl,
      path: activitiesPath(conversationId, replyToId),
      body: activity,
      authorization,
    });
  }

  updateActivity(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: Partial<Activity>,
    authorization: string | undefined,
  ): Promise<ResourceResponse> {
    return this.request({
      operation: 'update',
      method: 'PUT',
      serviceUrl,
      path: activitiesPath(conversationId, activityId),
      body: activity,
      authorization,
    });
  }

  async deleteActivity(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    authorization: string | undefined,
  ): Promise<void> {
    await this.request({
      operation: 'delete',
      method: 'DELETE',
      serviceUrl,
      path: activitiesPath(conversationId, activityId),
      authorization,
    });
  }

  /** Closes the pooled connections (at shutdown). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private async request(request: ChannelRequest): Promise<ResourceResponse> {
    const endpoint = this.endpoint(request.serviceUrl, request.operation);
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    for (let retry = 0; ; retry++) {
      try {
        return await this.attemptOnLiveSocket(endpoint, request, payload);
      } catch (err) {
        const wait = this.retryWait(err, retry);
        if (wait === undefined) throw err;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  private async attemptOnLiveSocket(
    endpoint: ServiceEndpoint,
    request: ChannelRequest,
    payload: string | undefined,
  ): Promise<ResourceResponse> {
    try {
      return await this.attempt(endpoint, request, payload);
    } catch (err) {
      // The channel closed an idle pooled connection just as we reused it: the request never
      // reached it, so one retry on a fresh connection is safe.
      if (err instanceof StaleSocketError) return this.attempt(endpoint, request, payload);
      throw err;
    }
  }

  /** How long to wait before retrying after `err`, or undefined to give up. */
  private retryWait(err: unknown, retry: number): number | undefined {
    const delay = this.retryDelaysMs[retry];
    if (delay === undefined || !(err instanceof ChannelError)) return undefined;
    const transient =
      err instanceof NotSentError || (err.status !== undefined && TRANSIENT_STATUSES.has(err.status));
    if (!transient) return undefined;
    if (err.retryAfterMs === undefined) return delay;
    return err.retryAfterMs <= MAX_RETRY_AFTER_MS ? Math.max(delay, err.retryAfterMs) : undefined;
  }

  private attempt(
    endpoint: ServiceEndpoint,
    request: ChannelRequest,
    payload: string | undefined,
  ): Promise<ResourceResponse> {
    const headers: http.OutgoingHttpHeaders = { Accept: 'application/json', 'User-Agent': USER_AGENT };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json; charset=utf-8';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    if (request.authorization) headers.Authorization = request.authorization;
    return new Promise<ResourceResponse>((resolve, reject) => {
      let settled = false;
      let responded = false;
      const finish = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        return true;
      };
      // The error (and its stack) is only built for the request's first outcome.
      const fail = (status: number | undefined, reason: string, retryAfterMs?: number) => {
        if (finish())
          reject(new ChannelError(request.operation, endpoint.host, status, reason, retryAfterMs));
      };
      const req = endpoint.transport.request(
        {
          hostname: endpoint.hostname,
          port: endpoint.port,
          path: `${endpoint.basePath}/v3/conversations/${request.path}`,
          method: request.method,
          agent: endpoint.agent,
          headers,
        },
        (res) => {
          responded = true;
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              fail(res.statusCode, `answer larger than ${MAX_RESPONSE_BYTES} bytes`);
              req.destroy();
            } else chunks.push(chunk);
          });
          res.on('error', (err) => fail(res.statusCode, describeNetworkError(err)));
          // After 'end' this is a no-op; before it, the channel hung up mid-answer.
          res.on('close', () => fail(res.statusCode, 'connection closed before the answer ended'));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString('utf8');
            if (status < 200 || status >= 300)
              fail(status, errorMessageFrom(text), retryAfterMsOf(res.headers['retry-after']));
            else if (finish()) resolve({ id: idFrom(text) });
          });
        },
      );
      const timer = setTimeout(() => {
        fail(undefined, `no answer within ${this.timeoutMs} ms`);
        req.destroy();
      }, this.timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (!responded && req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
          if (finish()) reject(new StaleSocketError());
        } else if (!responded && err.code !== undefined && NOT_SENT_CODES.has(err.code)) {
          if (finish())
            reject(new NotSentError(request.operation, endpoint.host, undefined, describeNetworkError(err)));
        } else fail(undefined, describeNetworkError(err));
      });
      req.end(payload);
    });
  }

  private endpoint(serviceUrl: string, operation: string): ServiceEndpoint {
    let endpoint = this.endpoints.get(serviceUrl);
    if (endpoint) return endpoint;
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      throw new ChannelError(operation, '(invalid serviceUrl)', undefined, 'the serviceUrl is not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ChannelError(
        operation,
        url.host,
        undefined,
        `unsupported serviceUrl protocol ${url.protocol}`,
      );
    const secure = url.protocol === 'https:';
    endpoint = {
      transport: secure ? https : http,
      agent: secure ? this.httpsAgent : this.httpAgent,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port,
      basePath: url.pathname.replace(/\/+$/, ''),
      host: url.host,
    };
    if (this.endpoints.size >= MAX_CACHED_SERVICE_URLS) this.endpoints.clear();
    this.endpoints.set(serviceUrl, endpoint);
    return endpoint;
  }
}

/** A reused keep-alive connection was reset before any answer (internal: triggers the retry). */
class StaleSocketError extends Error {}

/** The channel could not be connected to at all: nothing was sent, a retry cannot duplicate. */
class NotSentError extends ChannelError {}

/** Retry-After in ms: delay-seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterMsOf(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function idFrom(text: string): string {
  if (!text) return '';
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && 'id' in body && typeof body.id === 'string') return body.id;
  } catch {
    /* a 2xx without JSON: delivered, no id */
  }
  return '';
}

/** The Connector's error body is `{"error":{"code","message"}}`; anything else is not repeated. */
function errorMessageFrom(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && 'error' in body) {
      const error: unknown = body.error;
      if (error && typeof error === 'object') {
        const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
        const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
        return [code, message].filter(Boolean).join(' ').slice(0, 200);
      }
    }
  } catch {
    /* not JSON */
  }
  return '';
}

function describeNetworkError(err: NodeJS.ErrnoException): string {
  return `unreachable (${err.code ?? err.message})`;
}
