import { createServer } from 'node:http';
import { announce } from './serverReady';

/** What the channel server tells the runner when asked (IPC "stats"). */
export interface ChannelStats {
  stats: true;
  /** Activities received since start. */
  received: number;
  /** TCP connections accepted since start (does the bot's connector keep connections alive?). */
  connections: number;
  /** Text of the last message activity received (to show what the bot answered). */
  lastText: string;
}

/**
 * Plays the Bot Framework Connector for rows b and c: accepts the replies the bot POSTs to
 * `{serviceUrl}/v3/conversations/{id}/activities/{replyToId}` and answers 200 `{"id":..}`.
 */
let received = 0;
let connections = 0;
let lastText = '';
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received += 1;
    // Parse a sample only: the bot's reply text for the notes column, without paying JSON.parse per reply.
    if (received % 100 === 1) {
      try {
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          type?: string;
          text?: string;
        };
        if (activity.type === 'message' && typeof activity.text === 'string') lastText = activity.text;
      } catch {
        /* not JSON: still answered */
      }
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(`{"id":"reply-${received}"}`);
  });
});
server.keepAliveTimeout = 60_000;
server.on('connection', () => (connections += 1));
process.on('message', (message: unknown) => {
  if (message === 'stats' && process.send) {
    const stats: ChannelStats = { stats: true, received, connections, lastText };
    process.send(stats);
  }
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => announce(server));
