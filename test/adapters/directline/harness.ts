import { randomBytes } from 'node:crypto';
import type { Server } from 'restify';
import { createHttpServer } from '../../../app/server';
import { DirectLineAdapter } from '../../../adapters/directline/directLineAdapter';
import {
  DirectLineChannel,
  type DirectLineChannelOptions,
} from '../../../adapters/directline/directLineChannel';
import type { DirectLineStore } from '../../../adapters/directline/directLineStore';
import { DirectLineTokens } from '../../../adapters/directline/directLineTokens';
import { MemoryDirectLineStore } from '../../../adapters/directline/memoryDirectLineStore';
import type { BotLogic } from '../../../bots/botLogic';
import { createLogger } from '../../../ops/logger';
import { Metrics } from '../../../ops/metrics';

/** A small echo bot that greets when the user joins. */
export const echoLogic: BotLogic = async (context) => {
  const { activity } = context;
  if (activity.type === 'conversationUpdate') {
    for (const member of activity.membersAdded ?? []) {
      if (member.id !== activity.recipient?.id) await context.sendActivity('Benvenuto in Linea Amica!');
    }
  } else if (activity.type === 'message') {
    await context.sendActivity(`Eco: ${activity.text ?? ''}`);
  }
};

export interface Harness {
  url: string;
  base: string;
  secret: string;
  server: Server;
  store: DirectLineStore;
  tokens: DirectLineTokens;
  adapter: DirectLineAdapter;
  channel: DirectLineChannel;
  metrics: Metrics;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<
  Omit<DirectLineChannelOptions, 'tokens' | 'store' | 'adapter'>
> {
  store?: DirectLineStore;
  tokenTtlSeconds?: number;
  now?: () => number;
  /** Closes the store with the harness (default true). */
  ownsStore?: boolean;
}

/** The channel on a real restify server from createHttpServer, listening on a free port. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const logger = createLogger({ level: 'silent', maskPersonalData: true });
  const metrics = new Metrics(false);
  const secret = options.secret ?? randomBytes(24).toString('hex');
  const store = options.store ?? new MemoryDirectLineStore();
  const tokens = new DirectLineTokens({
    secret,
    ttlSeconds: options.tokenTtlSeconds ?? 1800,
    now: options.now,
  });
  const adapter = new DirectLineAdapter(store);
  const server = createHttpServer({ maxBodyBytes: 16 * 1024, logger });
  const channel = new DirectLineChannel({
    tokens,
    store,
    adapter,
    logic: options.logic ?? echoLogic,
    logger,
    metrics,
    maxTextLength: options.maxTextLength ?? 4000,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
    secret,
    publicUrl: options.publicUrl,
    keepAliveMs: options.keepAliveMs,
    conversationsPerMinutePerIp: options.conversationsPerMinutePerIp,
    trustProxy: options.trustProxy,
  });
  channel.mount(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    base: `${url}/v3/directline`,
    secret,
    server,
    store,
    tokens,
    adapter,
    channel,
    metrics,
    async close() {
      await channel.close();
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (options.ownsStore !== false) await store.close();
    },
  };
}

export interface WebChatToken {
  token: string;
  conversationId: string;
  userId: string;
  expires_in: number;
}

/** What the citizen page does first: POST /api/webchat/token. */
export async function webChatToken(h: Harness): Promise<WebChatToken> {
  const res = await fetch(`${h.url}/api/webchat/token`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}`);
  return (await res.json()) as WebChatToken;
}

export async function request(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers };
}

/** Polls `check` until it returns a value (or times out). */
export async function eventually<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
