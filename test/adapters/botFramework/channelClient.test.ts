import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ChannelClient } from '../../../adapters/botFramework/channelClient';
import { ChannelError } from '../../../adapters/botFramework/channelError';

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{
  url: string;
  server: Server;
}> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe('ChannelClient', () => {
  it('retries once on a fresh connection when the channel dropped the kept-alive one', async () => {
    const perSocket = new Map<Socket, number>();
    let requests = 0;
    const { url, server } = await listen((req, res) => {
      requests += 1;
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      // A channel that closes idle connections: the second request on a connection finds it gone.
      if (n > 1) {
        req.socket.destroy();
        return;
      }
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: `id-${requests}` }));
      });
    });
    const client = new ChannelClient();
    try {
      const first = await client.sendActivity(url, 'c', { type: 'message', text: 'uno' }, undefined);
      const second = await client.sendActivity(url, 'c', { type: 'message', text: 'due' }, undefined);
      expect(first).toEqual({ id: 'id-1' });
      expect(second).toEqual({ id: 'id-3' });
      expect(perSocket.size).toBe(2);
    } finally {
      client.close();
      await close(server);
    }
  });

  it('does not retry a channel that hangs up on a new connection', async () => {
    let requests = 0;
    const { url, server } = await listen((req) => {
      requests += 1;
      req.socket.destroy();
    });
    const client = new ChannelClient();
    try {
      const error = await client
        .sendActivity(url, 'c', { type: 'message' }, undefined)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChannelError);
      expect((error as ChannelError).message).toMatch(
        /^Bot Framework channel 127\.0\.0\.1:\d+: send failed, unreachable/,
      );
      expect(requests).toBe(1);
    } finally {
      client.close();
      await close(server);
    }
  });

  it('gives up on a channel that does not answer within the deadline', async () => {
    const { url, server } = await listen(() => {
      /* never answers */
    });
    const client = new ChannelClient({ timeoutMs: 50 });
    try {
      await expect(client.deleteActivity(url, 'c', 'a', undefined)).rejects.toThrow(
        /delete failed, no answer within 50 ms/,
      );
    } finally {
      client.close();
      await close(server);
    }
  });

  it('sends the Authorization header it is given and never puts it in an error', async () => {
    let seen: string | undefined;
    const { url, server } = await listen((req, res) => {
      seen = req.headers.authorization;
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'Forbidden', message: 'not allowed' } }));
    });
    const client = new ChannelClient();
    try {
      const error = await client
        .updateActivity(url, 'c', 'a', { type: 'message' }, 'Bearer secret-token')
        .catch((e: unknown) => e as Error);
      expect(seen).toBe('Bearer secret-token');
      expect((error as Error).message).toMatch(/answered HTTP 403 to update: Forbidden not allowed$/);
      expect((error as Error).message).not.toContain('secret-token');
    } finally {
      client.close();
      await close(server);
    }
  });

  describe('transient failures', () => {
    /** A channel answering `statuses` in turn (then 200), counting the requests. */
    async function channel(statuses: Array<{ status: number; retryAfter?: string }>) {
      let requests = 0;
      const { url, server } = await listen((req, res) => {
        const answer = statuses[requests] ?? { status: 200 };
        requests += 1;
        req.resume();
        req.on('end', () => {
          res.writeHead(answer.status, {
            'Content-Type': 'application/json',
            ...(answer.retryAfter ? { 'Retry-After': answer.retryAfter } : {}),
          });
          res.end(
            JSON.stringify(answer.status === 200 ? { id: `id-${requests}` } : { error: { code: 'Busy' } }),
          );
        });
      });
      return { url, server, requests: () => requests };
    }
    const send = (client: ChannelClient, url: string) =>
      client.sendActivity(url, 'c', { type: 'message', text: 'ciao' }, undefined);

    it.each([
      [[{ status: 503 }, { status: 502 }], 3],
      [[{ status: 429, retryAfter: '0' }], 2],
      [[{ status: 504 }], 2],
    ])('retries %j and delivers once', async (statuses, expectedRequests) => {
      const c = await channel(statuses);
      const client = new ChannelClient({ retryDelaysMs: [10, 10] });
      try {
        expect(await send(client, c.url)).toEqual({ id: `id-${expectedRequests}` });
        expect(c.requests()).toBe(expectedRequests);
      } finally {
        client.close();
        await close(c.server);
      }
    });

    it.each([
      ['an error that is not transient (500)', [{ status: 500 }], 500, 1],
      ['a Retry-After longer than a turn may wait', [{ status: 429, retryAfter: '60' }], 429, 1],
      [
        'a channel still unavailable after two retries',
        [{ status: 503 }, { status: 503 }, { status: 503 }],
        503,
        3,
      ],
    ])('gives up on %s', async (_what, statuses, status, expectedRequests) => {
      const c = await channel(statuses);
      const client = new ChannelClient({ retryDelaysMs: [10, 10] });
      try {
        await expect(send(client, c.url)).rejects.toMatchObject({ constructor: ChannelError, status });
        expect(c.requests()).toBe(expectedRequests);
      } finally {
        client.close();
        await close(c.server);
      }
    });

    it('retries a connection refused: the channel that comes back in the meantime gets the activity', async () => {
      const { url, server } = await listen(() => undefined);
      const port = (server.address() as AddressInfo).port;
      await close(server);
      const client = new ChannelClient({ retryDelaysMs: [300] });
      let back: Server | undefined;
      setTimeout(() => {
        back = createServer((req, res) => {
          req.resume();
          req.on('end', () => {
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.end('{"id":"dopo"}');
          });
        });
        back.listen(port, '127.0.0.1');
      }, 50);
      try {
        expect(await send(client, url)).toEqual({ id: 'dopo' });
      } finally {
        client.close();
        if (back) await close(back);
      }
    });
  });
});
