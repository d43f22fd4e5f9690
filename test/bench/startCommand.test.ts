import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStartCommand, startCommand, startNodeOptions } from '../../bench/startCommand';

const root = join(__dirname, '..', '..');
const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } })
  .scripts.start;
const HEAP_LIMIT = `require('v8').getHeapStatistics().heap_size_limit`;

/** What `expression` prints in a node started by package.json's "start" line, through the shell. */
function printedByStart(expression: string, callerNodeOptions = ''): string {
  const probe = start.replace('dist/index.js', `-p "${expression}"`);
  expect(probe).not.toBe(start);
  return execFileSync('sh', ['-c', probe], { env: { ...process.env, NODE_OPTIONS: callerNodeOptions } })
    .toString()
    .trim();
}

function heapLimitOfStart(callerNodeOptions: string): number {
  return Number(printedByStart(HEAP_LIMIT, callerNodeOptions));
}

function heapLimitWith(nodeOptions: string): number {
  return Number(
    execFileSync(process.execPath, ['-p', HEAP_LIMIT], {
      env: { ...process.env, NODE_OPTIONS: nodeOptions },
    }).toString(),
  );
}

describe('npm start', () => {
  it('bounds the old space at 256 MB, and NODE_OPTIONS can change it', () => {
    const shipped = heapLimitOfStart('');
    // The old space limit plus the young generation and V8's own spaces.
    expect(shipped).toBeGreaterThan(256e6);
    expect(shipped).toBeLessThan(400e6);
    const raised = heapLimitOfStart('--max-old-space-size=512');
    expect(raised).toBeGreaterThan(512e6);
    expect(raised).toBeLessThan(700e6);
  });

  it('lets the heap double between mark-compacts, a flag this node accepts', () => {
    // node exits with "bad option" on a flag it does not know, so this also fails on a Node
    // whose V8 dropped the flag: the start line would not start at all.
    expect(printedByStart('process.execArgv[0]')).toBe('--heap-growing-percent=100');
  });

  it('runs node in place of its shell, so a SIGTERM (npm, container stop) reaches the service', () => {
    expect(Number(printedByStart('process.ppid'))).toBe(process.pid);
  });

  it('gives the bench servers the same Node options and flags as the service', () => {
    expect(startCommand(root)).toEqual({
      nodeOptions: '--max-old-space-size=256',
      nodeFlags: ['--heap-growing-percent=100'],
    });
    expect(heapLimitWith(startNodeOptions(root, ''))).toBe(heapLimitOfStart(''));
    expect(heapLimitWith(startNodeOptions(root, '--max-old-space-size=512'))).toBe(
      heapLimitOfStart('--max-old-space-size=512'),
    );
  });

  it('reads a start line without flags', () => {
    expect(
      parseStartCommand('NODE_OPTIONS="--max-old-space-size=256 $NODE_OPTIONS" exec node dist/index.js'),
    ).toEqual({
      nodeOptions: '--max-old-space-size=256',
      nodeFlags: [],
    });
  });

  it('refuses a start line of another shape, so the bench never runs with other options unnoticed', () => {
    expect(() => parseStartCommand('node dist/index.js')).toThrow(/start/);
    expect(() => parseStartCommand('node --max-old-space-size=256 dist/index.js')).toThrow(/start/);
    expect(() =>
      parseStartCommand('NODE_OPTIONS="$NODE_OPTIONS" exec node --require ./hook.js dist/index.js'),
    ).toThrow(/start/);
  });
});
