import { ConfigError, loadConfig } from './config/config';

// restify 11 reads process.binding('http_parser') on Node 20 (DEP0111): known, harmless, and
// printed on every start. Every other warning is still printed.
process.removeAllListeners('warning');
process.on('warning', (warning: Error & { code?: string }) => {
  if (warning.code !== 'DEP0111') console.warn(`${warning.name}: ${warning.message}`);
});

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const { buildApp } = await import('./app/compose');
  const app = await buildApp(config);
  await app.start();
  const shutdown = (signal: string) => {
    app.logger.info({ signal }, 'shutting down');
    app
      .stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        app.logger.error({ err }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Fatal error at start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
