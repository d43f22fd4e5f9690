import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../ops/logger';
import { ActivityStream } from './activityStream';
import type { DirectLineStore } from './directLineStore';

/** Who may open a stream: resolved from the `t` query parameter, or an HTTP error to answer. */
export type StreamAuthorization =
  { ok: true; expiresAt: number | undefined } | { ok: false; status: number; code: string; message: string };

export interface DirectLineStreamsOptions {
  store: DirectLineStore;
  logger: Logger;
  /** Checks the stream token against the conversation. */
  authorize: (token: string | undefined, conversationId: string) => StreamAuthorization;
  /** Called when a stream opens or closes (open-conversation gauge). */
  onOpen?: (conversationId: string) => void;
  onClose?: (conversationId: string) => void;
  /** A client that does not read its socket is dropped beyond this many buffered bytes. */
  maxBufferedBytes?: number;
}

export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream(?:\?|$)/;
/** setTimeout's upper bound. */
const MAX_TIMER_MS = 2_147_483_647;

interface OpenStream {
  socket: WebSocket;
  stream: ActivityStream;
  expiry: NodeJS.Timeout | undefined;
  /** When something was last sent (ms). */
  lastSent: number;
}

/**
 * The Direct Line WebSocket streams (`streamUrl`), on the HTTP server's `upgrade` event: each
 * socket gets activity sets `{"activities":[...],"watermark":"N"}` and empty keep-alive messages,
 * and is closed when its token expires (the client then reconnects with a fresh token).
 */
export class DirectLineStreams {
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: 64 * 1024,
  });
  private readonly open = new Set<OpenStream>();
  private httpServer: HttpServer | undefined;
  private readonly maxBuffered: number;
  private closing = false;

  constructor(private readonly options: DirectLineStreamsOptions) {
    this.maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  }

  get size(): number {
    return this.open.size;
  }

  attach(httpServer: HttpServer): void {
    this.httpServer = httpServer;
    httpServer.on('upgrade', this.onUpgrade);
  }

  /**
   * Sends the empty message Direct Line clients expect as a keep-alive to every stream that sent
   * nothing for `idleMs` (busy streams need none: no burst of writes to every socket at once).
   */
  keepAlive(idleMs: number): void {
    const before = Date.now() - idleMs;
    for (const open of this.open) {
      if (open.lastSent <= before && open.socket.readyState === open.socket.OPEN) {
        open.socket.send('');
        open.lastSent = Date.now();
      }
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    this.httpServer?.off('upgrade', this.onUpgrade);
    const streams = [...this.open];
    for (const open of streams) open.socket.close(1001, 'Server shutting down');
    await Promise.all(streams.map((open) => this.release(open)));
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const match = STREAM_PATH.exec(req.url ?? '');
    if (!match) return; // Another route's WebSocket.
    const conversationId = match[1] ?? '';
    socket.on('error', () => socket.destroy());
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    const watermarkParam = query.get('watermark') ?? '';
    if (this.closing) return reject(socket, 503, 'ServiceUnavailable', 'Server shutting down');
    if (!/^\d{0,15}$/.test(watermarkParam)) return reject(socket, 400, 'BadArgument', 'Invalid watermark');
    const auth = this.options.authorize(query.get('t') ?? bearer(req), conversationId);
    if (!auth.ok) return reject(socket, auth.status, auth.code, auth.message);
    this.options.store.getConversation(conversationId).then(
      (conversation) => {
        if (!conversation) return reject(socket, 404, 'NotFound', 'Conversation not found');
        this.wss.handleUpgrade(req, socket, head, (ws) =>
          this.start(ws, conversationId, Number(watermarkParam || 0), auth.expiresAt),
        );
      },
      (err: unknown) => {
        this.options.logger.error({ err, conversationId }, 'Direct Line stream: store unavailable');
        reject(socket, 503, 'ServiceUnavailable', 'Store unavailable');
      },
    );
  };

  private start(
    socket: WebSocket,
    conversationId: string,
    watermark: number,
    expiresAt: number | undefined,
  ): void {
    const stream = new ActivityStream(
      this.options.store,
      conversationId,
      watermark,
      (activitySet) => {
        if (socket.bufferedAmount > this.maxBuffered) return socket.terminate();
        socket.send(activitySet);
        open.lastSent = Date.now();
      },
      (err) => {
        this.options.logger.warn({ err, conversationId }, 'Direct Line stream failed; closing it');
        socket.close(1011, 'Stream error');
      },
    );
    const open: OpenStream = { socket, stream, expiry: undefined, lastSent: Date.now() };
    if (expiresAt !== undefined) {
      open.expiry = setTimeout(
        () => socket.close(1008, 'Token expired'),
        Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - Date.now())),
      );
      open.expiry.unref();
    }
    this.open.add(open);
    this.options.onOpen?.(conversationId);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      void this.release(open);
    });
    stream.start().catch((err: unknown) => {
      this.options.logger.warn({ err, conversationId }, 'Direct Line stream could not start');
      socket.close(1011, 'Stream error');
    });
  }

  private async release(open: OpenStream): Promise<void> {
    if (!this.open.delete(open)) return;
    clearTimeout(open.expiry);
    this.options.onClose?.(open.stream.conversation);
    await open.stream.stop().catch(() => undefined);
  }
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

/** Answers an upgrade request with a plain HTTP error in Direct Line's error shape. */
function reject(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
