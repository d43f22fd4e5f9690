import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  path: string;
  activity: Record<string, unknown> & { type?: string; text?: string; channelData?: Record<string, unknown> };
}

/**
 * Plays the Bot Framework channel (the Emulator's serviceUrl): records every activity the bot
 * POSTs back and answers like the Connector service does.
 */
export class FakeChannelServer {
  readonly received: CapturedActivity[] = [];
  private server?: Server;
  private waiters: Array<() => void> = [];

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (body)
          this.received.push({
            path: req.url ?? '',
            activity: JSON.parse(body) as CapturedActivity['activity'],
          });
        this.waiters.splice(0).forEach((w) => w());
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${this.received.length}` }));
      });
    });
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
