import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStartOptions, startNodeOptions } from '../../bench/startCommand';

const root = join(__dirname, '..', '..');
const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } })
  .scripts.start;
const HEAP_LIMIT = `node -p "require('v8').getHeapStatistics().heap_size_limit"`;

/** V8's heap limit (bytes) of a node started by package.json's "start" line, through the shell. */
function heapLimitOfStart(callerNodeOptions: string): number {
  const probe = start.replace('node dist/index.js', HEAP_LIMIT);
  expect(probe).not.toBe(start);
  return Number(
    execFileSync('sh', ['-c', probe], {
      env: { ...process.env, NODE_OPTIONS: callerNodeOptions },
    }).toString(),
  );
}

function heapLimitWith(nodeOptions: string): number {
  return Number(
    execFileSync('sh', ['-c', HEAP_LIMIT], { env: { ...process.env, NODE_OPTIONS: nodeOptions } }).toString(),
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

  it('runs node in place of its shell, so a SIGTERM (npm, container stop) reaches the service', () => {
    const probe = start.replace('node dist/index.js', 'node -p process.ppid');
    const parent = Number(
      execFileSync('sh', ['-c', probe], { env: { ...process.env, NODE_OPTIONS: '' } }).toString(),
    );
    expect(parent).toBe(process.pid);
  });

  it('gives the bench soak the same Node options as the service', () => {
    expect(parseStartOptions(start)).toBe('--max-old-space-size=256');
    expect(heapLimitWith(startNodeOptions(root, ''))).toBe(heapLimitOfStart(''));
    expect(heapLimitWith(startNodeOptions(root, '--max-old-space-size=512'))).toBe(
      heapLimitOfStart('--max-old-space-size=512'),
    );
  });

  it('refuses a start line of another shape, so the soak is never run with other options unnoticed', () => {
    expect(() => parseStartOptions('node dist/index.js')).toThrow(/start/);
    expect(() => parseStartOptions('node --max-old-space-size=256 dist/index.js')).toThrow(/start/);
  });
});
