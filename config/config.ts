import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { DEFAULT_YAML_CACHE_DIR } from './yamlReader';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const positiveInt = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .positive('must be > 0');

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

/**
 * Every environment variable the service reads. `.env.example` documents each one;
 * a test keeps the two in step.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3978),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PII_MASKING: bool.default(true),

  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  REDIS_KEY_PREFIX: z.string().default('la:'),

  DIRECTLINE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  DIRECTLINE_TOKEN_TTL_SECONDS: positiveInt.default(1800),
  MAX_TEXT_LENGTH: positiveInt.default(4000),
  MAX_BODY_BYTES: positiveInt.default(262144),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(60),

  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().optional(),

  KB_DIR: z.string().default('knowledge/entries'),
  YAML_CACHE_DIR: z.string().default(DEFAULT_YAML_CACHE_DIR),
  ADMIN_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  PRIVACY_URL: z.string().default('/privacy'),

  TELEGRAM_BOT_TOKEN: z.string().optional(),
  TELEGRAM_WEBHOOK_URL: url(['https:', 'http:']).optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -')
    .optional(),
  TELEGRAM_API_ROOT: url(['http:', 'https:']).default('https://api.telegram.org'),
  TELEGRAM_PROXY: url(['http:', 'https:']).optional(),

  HANDOFF_CONFIG: z.string().default('config/handoff.yaml'),
  HANDOFF_HEARTBEAT_TIMEOUT_SECONDS: positiveInt.default(60),
  RATING_IDLE_MINUTES: positiveInt.default(15),
  RATING_RETENTION_DAYS: positiveInt.default(730),
  SESSION_TTL_HOURS: positiveInt.default(12),
  OPERATORS_FILE: z.string().default('data/operators.json'),
  /** Reverse proxies in front of the service: true/yes = 1, false/no = 0, or their number. */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|yes|no|\d{1,2})$/, 'must be true, false or the number of proxies in front')
    .default('false')
    .transform((v) => (v === 'true' || v === 'yes' ? 1 : v === 'false' || v === 'no' ? 0 : Number(v))),
  CONVERSATIONS_PER_MINUTE_PER_IP: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (no limit) or more')
    .default(60),

  EVAL_DIR: z.string().default('../shared/eval'),
});

export type Config = z.infer<typeof configSchema>;

/** A configuration value that cannot be used; the message names the variable and the reason. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads KEY=VALUE pairs from an optional .env file; the real environment wins. */
export function readDotenv(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return parseDotenv(readFileSync(path));
}

/** Validates the environment (empty strings count as unset) into a typed Config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, dotenvPath = '.env'): Config {
  const merged: Record<string, string> = { ...readDotenv(dotenvPath) };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) merged[k] = v;
  const input: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const v = merged[key];
    if (v !== undefined && v.trim() !== '') input[key] = v.trim();
  }
  const result = configSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const key = String(i.path[0] ?? '?');
        return `${key}=${JSON.stringify(input[key] ?? '')}: ${i.message}`;
      }),
    );
  }
  return result.data;
}
