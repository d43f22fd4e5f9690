import type { Config } from '../config/config';
import { createLogger, type Logger } from '../ops/logger';
import { Metrics } from '../ops/metrics';

/** The running service: what index.ts starts and stops. */
export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Base URL the server listens on, known after start(). */
  url(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The composition root: the only place that builds and wires collaborators from the config. */
export async function buildApp(config: Config): Promise<App> {
  const logger = createLogger({ level: config.LOG_LEVEL, maskPersonalData: config.PII_MASKING });
  const metrics = new Metrics(config.NODE_ENV !== 'test');
  let listening = '';
  return {
    config,
    logger,
    metrics,
    url: () => listening,
    async start() {
      listening = `http://127.0.0.1:${config.PORT}`;
    },
    async stop() {},
  };
}
