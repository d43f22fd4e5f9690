import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import ts from 'typescript';
import { RedisCaseStore } from '../../handoff/redisCaseStore';
import { type TestRedis, cleanPrefix, connectTestRedis, testRedisUrl, uniquePrefix } from '../support/redis';

const ROOT = join(__dirname, '../..');

/**
 * A separate Node process writing through the real RedisCaseStore: the handoff sources are
 * transpiled to a temp dir, and the child requires them like the built service would.
 */
const CHILD = `
const { createClient } = require('redis');
const { RedisCaseStore } = require('./redisCaseStore.js');
const [url, prefix, mode] = process.argv.slice(2);
const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
(async () => {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  const store = new RedisCaseStore(client, { prefix });
  if (mode === 'write') {
    // Five writers at once, so the kill lands in the middle of some script calls.
    await Promise.all([0, 1, 2, 3, 4].map(async (w) => {
      for (let i = 0; ; i++) {
        const c = await store.create({
          kind: 'live', queue: 'trasporti', channel: 'webchat', conversationId: 'w' + w + '-' + i,
          conversationReference: { conversation: { id: 'w' + w + '-' + i } },
          transcript: [{ from: 'bot', text: 'Benvenuto', at: new Date().toISOString() }],
        });
        say({ created: c.id });
        if (i % 2 === 0) {
          await store.claim(c.id, 'op' + w, 'Operatore ' + w);
          say({ claimed: c.id });
        }
        for (let j = 0; j < 3; j++) {
          const m = await store.appendMessage(c.id, { from: 'citizen', text: 'm' + j, at: new Date().toISOString() });
          say({ caseId: c.id, seq: m.seq });
        }
      }
    }));
  } else {
    // The restarted process: everything it can find, and one claim to show it works.
    const snapshot = await store.queues();
    const queued = snapshot.flatMap((q) => q.waiting);
    const assigned = [];
    for (let w = 0; w < 5; w++) assigned.push(...(await store.assignedTo('op' + w)));
    const messages = {};
    for (const c of [...queued, ...assigned]) messages[c.id] = (await store.messages(c.id)).map((m) => m.seq);
    const first = queued[0];
    const claimed = first ? await store.claim(first.id, 'after-restart', 'Dopo') : undefined;
    say({ queued: queued.map((c) => c.id), assigned: assigned.map((c) => c.id), messages, claimed: claimed && claimed.id });
    await client.quit();
  }
})().catch((err) => { console.error(err); process.exit(1); });
`;

function transpileHandoff(): string {
  const out = mkdtempSync(join(tmpdir(), 'la-handoff-js-'));
  for (const file of readdirSync(join(ROOT, 'handoff')).filter((f) => f.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(ROOT, 'handoff', file), 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
      fileName: file,
    });
    writeFileSync(join(out, file.replace(/\.ts$/, '.js')), outputText);
  }
  writeFileSync(join(out, 'child.js'), CHILD);
  return out;
}

function runChild(dir: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [join(dir, 'child.js'), ...args], {
    cwd: dir,
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

interface Acks {
  created: Set<string>;
  claimed: Set<string>;
  seqs: Map<string, number>;
}

describe('a process killed with SIGKILL', () => {
  let dir: string;
  let redis: TestRedis;
  const prefix = uniquePrefix('sigkill');

  beforeAll(async () => {
    dir = transpileHandoff();
    redis = await connectTestRedis();
  });
  afterAll(async () => {
    await cleanPrefix(redis, prefix);
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  });

  test('and restarted loses no acknowledged case and no acknowledged message, and leaves nothing half-written', async () => {
    const acks: Acks = { created: new Set(), claimed: new Set(), seqs: new Map() };
    const writer = runChild(dir, [testRedisUrl(), prefix, 'write']);
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      writer.once('exit', (_code, signal) => resolve(signal)),
    );
    let lines = 0;
    await new Promise<void>((resolve, reject) => {
      writer.once('exit', () => reject(new Error('the writer stopped before it was killed')));
      createInterface({ input: writer.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        const ack = JSON.parse(line) as { created?: string; claimed?: string; caseId?: string; seq?: number };
        if (ack.created) acks.created.add(ack.created);
        if (ack.claimed) acks.claimed.add(ack.claimed);
        if (ack.caseId && ack.seq)
          acks.seqs.set(ack.caseId, Math.max(acks.seqs.get(ack.caseId) ?? 0, ack.seq));
        if (++lines === 300) {
          writer.kill('SIGKILL');
          resolve();
        }
      });
    });
    expect(await exited).toBe('SIGKILL');

    const reader = runChild(dir, [testRedisUrl(), prefix, 'read']);
    const out: string[] = [];
    reader.stdout?.on('data', (chunk: Buffer) => out.push(chunk.toString()));
    const code = await new Promise<number | null>((resolve) => reader.once('exit', resolve));
    expect(code).toBe(0);
    const found = JSON.parse(out.join('')) as {
      queued: string[];
      assigned: string[];
      messages: Record<string, number[]>;
      claimed?: string;
    };

    const everything = new Set([...found.queued, ...found.assigned]);
    for (const id of acks.created) expect(everything.has(id)).toBe(true);
    for (const id of acks.claimed) expect(found.assigned).toContain(id);
    for (const [id, seq] of acks.seqs) expect(found.messages[id]?.length ?? 0).toBeGreaterThanOrEqual(seq);
    // Every case found is whole: its messages are exactly 1..n, the transcript first.
    for (const [, seqs] of Object.entries(found.messages)) {
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect(seqs.length).toBeGreaterThanOrEqual(1);
    }
    expect(found.claimed).toBe(found.queued[0]);

    // And the store in this process agrees with the restarted one.
    const store = new RedisCaseStore(redis, { prefix });
    const ids = (await store.queues()).flatMap((q) => q.waiting.map((c) => c.id));
    expect(ids).toEqual(found.queued.filter((id) => id !== found.claimed));
  });
});
