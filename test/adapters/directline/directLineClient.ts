import { type Activity, ConnectionStatus, DirectLine } from 'botframework-directlinejs';
import WebSocket from 'ws';
import XMLHttpRequest from 'xhr2';

// The browser globals botframework-directlinejs expects, from their usual Node polyfills.
const globals = globalThis as Record<string, unknown>;
globals.WebSocket ??= WebSocket;
globals.XMLHttpRequest ??= XMLHttpRequest;

export { ConnectionStatus };

/** The real botframework-directlinejs client, recording every activity it receives. */
export class RecordingClient {
  readonly directLine: DirectLine;
  readonly received: Activity[] = [];
  readonly statuses: ConnectionStatus[] = [];
  private readonly subscriptions: { unsubscribe(): void }[] = [];

  constructor(options: {
    domain: string;
    token: string;
    webSocket: boolean;
    conversationId?: string;
    watermark?: string;
  }) {
    this.directLine = new DirectLine({ pollingInterval: 200, ...options });
    this.subscriptions.push(
      this.directLine.activity$.subscribe((a) => {
        this.received.push(a);
      }),
      this.directLine.connectionStatus$.subscribe((s) => {
        this.statuses.push(s);
      }),
    );
  }

  texts(fromRole?: 'bot' | 'user'): string[] {
    return this.received
      .filter((a) => a.type === 'message' && (!fromRole || a.from.role === fromRole))
      .map((a) => (a.type === 'message' ? (a.text ?? '') : ''));
  }

  post(activity: Record<string, unknown>): Promise<string> {
    return new Promise((resolve, reject) => {
      this.directLine
        .postActivity(activity as unknown as Activity)
        .subscribe({ next: resolve, error: reject });
    });
  }

  end(): void {
    for (const s of this.subscriptions) s.unsubscribe();
    this.directLine.end();
  }
}
