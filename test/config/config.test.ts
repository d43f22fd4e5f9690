import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, configSchema, loadConfig } from '../../config/config';

const root = join(__dirname, '..', '..');

describe('loadConfig', () => {
  it('starts with no environment at all: embedded defaults', () => {
    const config = loadConfig({}, '/nonexistent/.env');
    expect(config.PORT).toBe(3978);
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.DIRECTLINE_TOKEN_TTL_SECONDS).toBe(1800);
  });

  it.each([
    ['PORT', 'abc', /PORT="abc": must be a number/],
    ['PORT', '70000', /PORT="70000": must be between 0 and 65535/],
    ['REDIS_URL', 'foo', /REDIS_URL="foo": must be a URL starting with redis:\/\/ or rediss:\/\//],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud"/],
    ['PII_MASKING', 'maybe', /PII_MASKING="maybe": must be true or false/],
    ['TRUST_PROXY', 'maybe', /TRUST_PROXY="maybe": must be true, false or the number of proxies in front/],
  ])('%s=%s is refused with a message naming the variable', (key, value, message) => {
    expect(() => loadConfig({ [key]: value }, '/nonexistent/.env')).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value }, '/nonexistent/.env')).toThrow(message);
  });

  it.each([
    ['false', 0],
    ['no', 0],
    ['true', 1],
    ['yes', 1],
    ['1', 1],
    ['2', 2],
  ])('TRUST_PROXY=%s trusts %p proxies', (value, proxies) => {
    expect(loadConfig({ TRUST_PROXY: value }, '/nonexistent/.env').TRUST_PROXY).toBe(proxies);
  });

  it('reads an optional .env file, and the real environment wins over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'la-env-'));
    writeFileSync(join(dir, '.env'), 'PORT=4000\nLOG_LEVEL=debug\n');
    const config = loadConfig({ LOG_LEVEL: 'warn' }, join(dir, '.env'));
    expect(config.PORT).toBe(4000);
    expect(config.LOG_LEVEL).toBe('warn');
  });

  it('.env.example documents every variable, each with a comment', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    for (const key of Object.keys(configSchema.shape)) {
      const line = example.split('\n').findIndex((l) => new RegExp(`^#?\\s*${key}=`).test(l));
      expect({ key, documented: line >= 0 }).toEqual({ key, documented: true });
      expect(example.split('\n')[line - 1]).toMatch(/^#/);
    }
  });
});

describe('starting with a bad value', () => {
  it('exits with a non-zero code and names the variable', () => {
    const result = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'index.ts')],
      { env: { ...process.env, PORT: 'abc' }, encoding: 'utf8', timeout: 20000 },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/PORT="abc": must be a number/);
  });

  it('a broken knowledge-base file stops the start, naming the file', () => {
    const result = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'index.ts')],
      {
        env: {
          ...process.env,
          PORT: '0',
          KB_DIR: join(root, 'test', 'fixtures', 'knowledge', 'broken', 'missing-field'),
        },
        encoding: 'utf8',
        timeout: 30000,
      },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/licenza-pesca\.yaml/);
  });
});
