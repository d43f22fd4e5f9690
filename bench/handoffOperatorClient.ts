import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { stopChild } from './loadTools';
import {
  isOperatorReply,
  monotonicMs,
  OPERATOR_ENV,
  type OperatorCommand,
  type OperatorReply,
} from './handoffOperatorProtocol';

/** The compiled operator process, next to this module in dist/bench/. */
const OPERATOR_SCRIPT = path.join(__dirname, 'handoffOperatorProcess.js');
const START_TIMEOUT_MS = 15_000;

export class OperatorProcessError extends Error {
  override readonly name = 'OperatorProcessError';
}

type ReplyOf<T extends OperatorReply['type']> = Extract<OperatorReply, { type: T }>;

/** The runner's handle on the forked operator process of the handoff bench. */
export class OperatorProcessClient {
  private exited = false;

  private constructor(private readonly child: ChildProcess) {
    child.once('exit', () => (this.exited = true));
  }

  /** Forks dist/bench/handoffOperatorProcess.js and waits until it is subscribed. */
  static async start(redisUrl: string, prefix: string): Promise<OperatorProcessClient> {
    if (!existsSync(OPERATOR_SCRIPT))
      throw new OperatorProcessError(`${OPERATOR_SCRIPT} not found: run the bench from dist (npm run build)`);
    const child = fork(OPERATOR_SCRIPT, [], {
      env: { ...process.env, [OPERATOR_ENV.redisUrl]: redisUrl, [OPERATOR_ENV.prefix]: prefix },
      execArgv: ['--no-deprecation'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const client = new OperatorProcessClient(child);
    try {
      await client.waitFor('ready', START_TIMEOUT_MS);
    } catch (err) {
      await stopChild(child);
      throw err;
    }
    return client;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Sends a command and waits for the first reply of `type` (and `tag`, when given). */
  async request<T extends OperatorReply['type']>(
    command: OperatorCommand,
    type: T,
    timeoutMs: number,
    tag?: string,
  ): Promise<ReplyOf<T>> {
    const reply = this.waitFor(type, timeoutMs, tag);
    this.child.send(command);
    return reply;
  }

  send(command: OperatorCommand): void {
    this.child.send(command);
  }

  /**
   * Checks that the two processes read one clock: the operator's reading must fall between the
   * runner's readings before the ping and after the pong. Returns the round trip, ms.
   */
  async checkClock(): Promise<number> {
    const before = monotonicMs();
    const pong = await this.request({ type: 'ping' }, 'pong', 5000);
    const after = monotonicMs();
    if (pong.at < before || pong.at > after)
      throw new OperatorProcessError(
        `clocks differ: operator read ${pong.at}, runner ${before}..${after} (process.hrtime not machine-wide?)`,
      );
    return after - before;
  }

  async stop(): Promise<void> {
    await stopChild(this.child);
  }

  /** The next reply of `type` (and `tag`); start waiting before doing what triggers it. */
  waitFor<T extends OperatorReply['type']>(type: T, timeoutMs: number, tag?: string): Promise<ReplyOf<T>> {
    if (this.exited) return Promise.reject(new OperatorProcessError('operator process has exited'));
    return new Promise<ReplyOf<T>>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      const onMessage = (message: unknown) => {
        if (!isOperatorReply(message) || !isReply(message, type)) return;
        if (tag !== undefined && 'tag' in message && message.tag !== tag) return;
        cleanup();
        resolve(message);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new OperatorProcessError(`operator process exited with ${code ?? 'signal'}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new OperatorProcessError(`no "${type}" from the operator process within ${timeoutMs} ms`));
      }, timeoutMs);
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
    });
  }
}

function isReply<T extends OperatorReply['type']>(message: OperatorReply, type: T): message is ReplyOf<T> {
  return message.type === type;
}
