import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/** IPC messages the runner sends a bench server to profile only the measured load. */
export type ProfilerCommand = { profile: 'start' } | { profile: 'stop'; file: string };

export interface ProfilerDone {
  profiled: string;
}

function post<T>(session: Session, method: string): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, (err: Error | null, result?: unknown) => (err ? reject(err) : resolve(result as T)));
  });
}

/**
 * V8 CPU profiling on request (node:inspector), so a profile holds the load window only, not the
 * start (module loading, knowledge base indexing) nor the idle time between rounds.
 */
export function listenForProfilerCommands(): void {
  let session: Session | undefined;
  process.on('message', (message: unknown) => {
    if (typeof message !== 'object' || message === null || !('profile' in message)) return;
    const command = message as ProfilerCommand;
    void (async () => {
      if (command.profile === 'start') {
        session = new Session();
        session.connect();
        await post(session, 'Profiler.enable');
        await post(session, 'Profiler.start');
      } else if (session) {
        const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
        session.disconnect();
        session = undefined;
        writeFileSync(command.file, JSON.stringify(profile));
        const done: ProfilerDone = { profiled: command.file };
        process.send?.(done);
      }
    })();
  });
}

/** IPC "memory" / "memory:gc": the server answers with process.memoryUsage() in MB. */
export interface MemoryReport {
  memory: { rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number };
}

export function listenForMemoryRequests(): void {
  process.on('message', (message: unknown) => {
    if ((message !== 'memory' && message !== 'memory:gc') || !process.send) return;
    // "memory:gc" with --expose-gc (the soak server, after its measured phase): the live heap,
    // not what the GC has yet to free. A forced GC would shrink RSS, so never during a measurement.
    if (message === 'memory:gc') (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    const mb = (n: number) => Math.round(n / 1e6);
    const report: MemoryReport = {
      memory: {
        rssMb: mb(m.rss),
        heapUsedMb: mb(m.heapUsed),
        heapTotalMb: mb(m.heapTotal),
        externalMb: mb(m.external + m.arrayBuffers),
      },
    };
    process.send(report);
  });
}
