import { buildApp } from '../../app/compose';
import { loadConfig } from '../../config/config';
import { cacheConnectorClientsInProcess } from './cachingAuthentication';
import { cacheDialogStateConfigurationInProcess } from './dialogStateConfigCache';
import { keepTranscriptOutOfStateInProcess } from './transcriptOutOfState';
import { listenForMemoryRequests, listenForProfilerCommands } from './profiler';
import { announce } from './serverReady';

/**
 * Rows c, d and the soak: the real service from the composition root, configured from the
 * environment the runner passes (never from .env).
 */
async function main(): Promise<void> {
  // Bench experiment (row c+): the proposed connector cache, buildApp otherwise untouched.
  if (process.env.BENCH_CACHED_CONNECTOR === '1') cacheConnectorClientsInProcess();
  // Bench experiment (row d-): the transcript kept outside the hashed conversation state.
  if (process.env.BENCH_TRANSCRIPT_OUT_OF_STATE === '1') keepTranscriptOutOfStateInProcess();
  // Bench experiment (row d~): one dialog-state configuration for all turns.
  if (process.env.BENCH_DIALOG_CONFIG_CACHE === '1') cacheDialogStateConfigurationInProcess();
  const config = loadConfig(process.env, '/nonexistent/.env');
  const app = await buildApp(config);
  await app.start();
  listenForProfilerCommands();
  listenForMemoryRequests();
  announce(app.server.server, () => app.stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`bench server failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
