import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  path: string;
  activity: Record<string, unknown> & { type?: string; text?: string; channelData?: Record<string, unknown> };
}

/** Every request the channel received, with or without a body (DELETE has none). */
export interface CapturedRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: CapturedActivity['activity'];
}

/**
 * Plays the Bot Framework channel (the Emulator's serviceUrl): records every activity the bot
 * POSTs back and answers like the Connector service does.
 */
export class FakeChannelServer {
  readonly received: CapturedActivity[] = [];
  readonly requests: CapturedRequest[] = [];
  /** TCP connections accepted since start (does the bot keep its connections alive?). */
  connections = 0;
  /** When set, every request is answered with this status and a Connector error body. */
  failWith: number | undefined;
  private server?: Server;
  private waiters: Array<() => void> = [];

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const activity = body ? (JSON.parse(body) as CapturedActivity['activity']) : undefined;
        this.requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          authorization: req.headers.authorization,
          body: activity,
        });
        if (this.failWith !== undefined) {
          res.writeHead(this.failWith, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'the channel is down' } }));
          return;
        }
        if (activity) this.received.push({ path: req.url ?? '', activity });
        this.waiters.splice(0).forEach((w) => w());
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${this.received.length}` }));
      });
    });
    this.server.on('connection', () => (this.connections += 1));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Messages (not typing) received so far. */
  messages(): CapturedActivity['activity'][] {
    return this.received.map((r) => r.activity).filter((a) => a.type === 'message');
  }

  async waitForMessages(count: number, timeoutMs = 5000): Promise<CapturedActivity['activity'][]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages().length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${this.messages().length}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
    return this.messages();
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}
