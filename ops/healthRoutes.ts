import type { Request, Response, Server } from 'restify';
import type { Metrics } from './metrics';

/** A dependency /readyz checks, e.g. Redis when REDIS_URL is set. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
}

/** /healthz (the process answers), /readyz (its dependencies answer), /metrics (Prometheus). */
export function mountHealthRoutes(
  server: Server,
  metrics: Metrics,
  checks: ReadinessCheck[],
  isStopping: () => boolean,
): void {
  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });
  server.get('/readyz', async (_req: Request, res: Response) => {
    const results: Record<string, 'ok' | 'down'> = {};
    await Promise.all(
      checks.map(async (c) => {
        const ok = await Promise.race([
          c.check().catch(() => false),
          new Promise<boolean>((r) => setTimeout(() => r(false), 1000).unref()),
        ]);
        results[c.name] = ok ? 'ok' : 'down';
      }),
    );
    const ready = !isStopping() && Object.values(results).every((v) => v === 'ok');
    res.send(ready ? 200 : 503, {
      status: ready ? 'ready' : isStopping() ? 'stopping' : 'not ready',
      checks: results,
    });
  });
  server.get('/metrics', async (_req: Request, res: Response) => {
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'Content-Type': metrics.registry.contentType });
    res.end(body);
  });
}
