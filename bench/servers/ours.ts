import { buildApp } from '../../app/compose';
import { loadConfig } from '../../config/config';
import { listenForGcRequests } from './gcStats';
import { listenForMemoryRequests, listenForProfilerCommands } from './profiler';
import { announce } from './serverReady';

/**
 * Rows c, d and the soak: the real service from the composition root, configured from the
 * environment the runner passes (never from .env).
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, '/nonexistent/.env');
  // Row d0: every question read and searched, as if no citizen had asked it before.
  const app = await buildApp(
    config,
    process.env.BENCH_NO_MESSAGE_CACHES === '1'
      ? { search: { interpretationCacheSize: 0 }, readingCacheSize: 0 }
      : {},
  );
  await app.start();
  listenForProfilerCommands();
  listenForMemoryRequests();
  listenForGcRequests();
  announce(app.server.server, () => app.stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`bench server failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
