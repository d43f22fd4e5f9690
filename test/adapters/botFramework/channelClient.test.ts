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
});
