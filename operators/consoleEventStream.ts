import type { Request, Response } from 'restify';
import type { HandoffCase } from '../handoff/case';
import { caseSummaryView } from './caseView';
import type { HandoffEvent } from '../handoff/handoffEvent';
import type { HandoffEvents } from '../handoff/handoffEvents';
import { type OperatorProfile, seesQueue } from './operatorAccount';

export interface ConsoleEventStreamOptions {
  /** Interval of keep-alive comments; each one also counts as the operator's heartbeat. */
  keepAliveMs: number;
  onAlive: (user: OperatorProfile) => Promise<void>;
  /** Who holds a case now, to send its messages and typing only to that operator. */
  holderOf: (caseId: string) => Promise<string | undefined>;
}

interface Connection {
  user: OperatorProfile;
  res: Response;
  end: () => void;
}

/**
 * The console's live events as Server-Sent Events. Queue changes go to the operators of the
 * queue (and of the queue a transfer came from), to supervisors and to the case's holder; a case's
 * citizen messages and typing only to the operator holding it.
 */
export class ConsoleEventStream {
  private readonly connections = new Set<Connection>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly source: Pick<HandoffEvents, 'subscribe'>,
    private readonly options: ConsoleEventStreamOptions,
  ) {}

  /**
   * Serves one stream until the client goes away, or until `stillValid` says the session ended
   * (checked at each keep-alive: a logout elsewhere or a password change closes the stream).
   */
  open(
    req: Request,
    res: Response,
    user: OperatorProfile,
    stillValid: () => Promise<boolean> = async () => true,
  ): Promise<void> {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: 3000\n\nevent: ready\ndata: ${JSON.stringify({ user: user.username })}\n\n`);
    this.ensureSubscribed();
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        stillValid().then(
          (valid) => {
            if (!valid) return conn.end();
            res.write(': keep-alive\n\n');
            return this.options.onAlive(user);
          },
          () => undefined,
        );
      }, this.options.keepAliveMs);
      const conn: Connection = {
        user,
        res,
        end: () => {
          clearInterval(timer);
          if (!this.connections.delete(conn)) return;
          if (!res.writableEnded) res.end();
          if (this.connections.size === 0) this.stopSubscription();
          resolve();
        },
      };
      this.connections.add(conn);
      req.on('close', conn.end);
      res.on('close', conn.end);
    });
  }

  /** Ends the streams of one operator (logout). */
  closeSession(username: string): void {
    for (const c of [...this.connections]) if (c.user.username === username) c.end();
  }

  closeAll(): void {
    for (const c of [...this.connections]) c.end();
  }

  get size(): number {
    return this.connections.size;
  }

  private ensureSubscribed(): void {
    this.unsubscribe ??= this.source.subscribe((event) => {
      this.dispatch(event).catch(() => undefined);
    });
  }

  private stopSubscription(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private async dispatch(event: HandoffEvent): Promise<void> {
    if (this.connections.size === 0) return;
    if (event.type === 'case.typing' && event.from !== 'citizen') return;
    if (event.type === 'case.message' || event.type === 'case.typing') {
      const holder = await this.options.holderOf(event.caseId);
      if (!holder) return;
      const data =
        event.type === 'case.message'
          ? { caseId: event.caseId, message: event.message }
          : { caseId: event.caseId, from: event.from };
      for (const c of this.connections) if (c.user.username === holder) write(c.res, event.type, data);
      return;
    }
    const data = { case: publicCase(event.case), by: event.by, fromQueue: event.fromQueue };
    const { queue, fromQueue } = event;
    const holder = event.case.operator;
    for (const c of this.connections) {
      const concerns =
        seesQueue(c.user, queue) ||
        (fromQueue !== undefined && seesQueue(c.user, fromQueue)) ||
        holder === c.user.username;
      if (concerns) write(c.res, event.type, data);
    }
  }
}

function publicCase(c: HandoffCase): ReturnType<typeof caseSummaryView> {
  return caseSummaryView(c);
}

function write(res: Response, type: string, data: unknown): void {
  if (!res.writableEnded) res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}
