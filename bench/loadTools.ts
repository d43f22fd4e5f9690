import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import type { ServerReadyMessage } from './servers/serverReady';

/** A bench server running in its own Node process (so its RSS and CPU are its own). */
export interface BenchServer {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  /** Milliseconds from fork() to the ready message. */
  readonly startMs: number;
  rssMb(): number;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  execArgv?: string[];
  cwd: string;
  timeoutMs?: number;
}

/** Resident set size of a process from /proc (Linux), in MB; 0 when unknown. */
export function rssMbOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return match?.[1] ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); 0 when unknown. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * (1000 / CLOCK_TICKS_PER_SECOND) : 0;
  } catch {
    return 0;
  }
}

/** USER_HZ on Linux (getconf CLK_TCK), 100 on every common kernel. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Forks a compiled bench server and waits for its "ready" IPC message. */
export async function spawnServer(name: string, script: string, options: SpawnOptions): Promise<BenchServer> {
  const started = performance.now();
  const child = fork(script, [], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    execArgv: ['--no-deprecation', ...(options.execArgv ?? [])],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start`)), options.timeoutMs ?? 30_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code ?? 'signal'}`)));
    child.on('message', (message: unknown) => {
      if (isReady(message)) {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
  });
  const startMs = performance.now() - started;
  const pid = child.pid ?? 0;
  return {
    name,
    child,
    pid,
    url: `http://127.0.0.1:${port}`,
    startMs,
    rssMb: () => rssMbOf(pid),
    stop: () => stopChild(child),
  };
}

function isReady(message: unknown): message is ServerReadyMessage {
  return typeof message === 'object' && message !== null && (message as { ready?: unknown }).ready === true;
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Samples a process's RSS while a load runs; `max` is the peak seen. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly cpuStart: number;

  constructor(
    private readonly pid: number,
    intervalMs = 250,
  ) {
    this.cpuStart = cpuMsOf(pid);
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** CPU ms the process used since the sampler started. */
  cpuMs(): number {
    return cpuMsOf(this.pid) - this.cpuStart;
  }

  private sample(): void {
    this.peak = Math.max(this.peak, rssMbOf(this.pid));
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** One measured slice of load against one server. */
export interface LoadResult {
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Completed operations (requests or turns). */
  completed: number;
  rssMb: number;
  /**
   * Server CPU time per completed operation, ms: robust to other processes on the machine
   * (they slow the wall clock, not the work one request costs).
   */
  cpuMsPerOp: number;
  /** The load generator's own CPU per operation, ms, when it runs in the runner process (row d). */
  generatorCpuMsPerOp?: number;
  /** The server's mark-compacts per second of load and their mean pause, ms (row d). */
  majorGcsPerS?: number;
  majorGcPauseMs?: number;
}

export interface HttpLoadOptions {
  url: string;
  connections: number;
  durationS: number;
  /** The body of each request; `connection` is stable for one connection (e.g. its conversation). */
  body: (connection: number, request: number) => string;
  /** Server process whose RSS is sampled. */
  pid: number;
}

/** autocannon with a fixed number of connections for a bounded duration; non-2xx count as errors. */
export async function httpLoad(options: HttpLoadOptions): Promise<LoadResult> {
  let nextConnection = 0;
  const sampler = new RssSampler(options.pid);
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections,
    duration: options.durationS,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request, context) => {
          const state = context as { connection?: number; sent?: number };
          state.connection ??= nextConnection++;
          state.sent = (state.sent ?? 0) + 1;
          return { ...request, body: options.body(state.connection, state.sent) };
        },
      },
    ],
  });
  const cpuMs = sampler.cpuMs();
  const rssMb = sampler.stop();
  return {
    cpuMsPerOp: perOp(cpuMs, result.requests.total),
    throughput: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    completed: result.requests.total,
    rssMb,
  };
}

/** ms per operation, 3 decimals. */
export function perOp(ms: number, operations: number): number {
  return operations > 0 ? Math.round((ms / operations) * 1000) / 1000 : 0;
}
