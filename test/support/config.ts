import { type Config, loadConfig } from '../../config/config';

/** A valid Config for tests: defaults plus the given overrides, never reading the real environment. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides }, '/nonexistent/.env');
}
