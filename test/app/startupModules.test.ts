import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * The modules a fresh process has loaded once it has imported the composition root, as
 * `node dist/index.js` does before it builds the service. Start-up time and the heap every
 * mark-compact marks again both grow with them (bench/README.md, items 18, 20 and 22).
 */
function modulesLoadedByCompose(): string[] {
  const script =
    "require('./app/compose'); process.stdout.write(JSON.stringify(Object.keys(require.cache)));";
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '--no-deprecation', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test' },
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`loading app/compose failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as string[]).map((path) => path.replace(/\\/g, '/'));
}

describe('modules loaded at start-up', () => {
  let loaded: string[];
  beforeAll(() => {
    loaded = modulesLoadedByCompose();
  });

  it('really lists what the composition root loads', () => {
    expect(loaded.some((p) => p.endsWith('/app/compose.ts'))).toBe(true);
    expect(loaded.some((p) => p.includes('/node_modules/botbuilder-dialogs/lib/dialogSet.js'))).toBe(true);
    expect(loaded.some((p) => p.includes('/node_modules/botbuilder-core/'))).toBe(true);
  });

  it("does not load botbuilder-dialogs' index, with its date and unit recognizers", () => {
    expect(loaded.filter((p) => p.includes('/node_modules/botbuilder-dialogs/lib/index.js'))).toEqual([]);
    expect(loaded.filter((p) => p.includes('/node_modules/@microsoft/recognizers-text-date-time/'))).toEqual(
      [],
    );
  });

  it('does not load the botbuilder package, only botbuilder-core', () => {
    expect(loaded.filter((p) => p.includes('/node_modules/botbuilder/'))).toEqual([]);
  });

  it('does not load telegraf when no Telegram token is set', () => {
    expect(loaded.filter((p) => p.includes('/node_modules/telegraf/'))).toEqual([]);
  });
});
