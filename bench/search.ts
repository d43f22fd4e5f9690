import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import TfIdf from 'natural/lib/natural/tfidf/tfidf';
import type { KnowledgeEntry } from '../knowledge/entry';
import { loadKnowledgeBase } from '../knowledge/loader';
import { KnowledgeSearch } from '../knowledge/search';
import { SynonymDictionary } from '../knowledge/synonymDictionary';
import type { BenchRow } from './benchRow';

export interface SearchBenchOptions {
  kbDir?: string;
  synonymsFile?: string;
  sizes?: number[];
  queries?: number;
  /** Also time natural's TfIdf on the largest KB, for comparison (about 10 s). */
  tfIdf?: boolean;
}

const DEFAULTS = {
  kbDir: process.env.KB_DIR ?? 'knowledge/entries',
  synonymsFile: 'knowledge/synonyms.yaml',
  sizes: [100, 1_000, 10_000],
  queries: 2_000,
  tfIdf: true,
};

/** Small deterministic PRNG (mulberry32), so every run measures the same KB and queries. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES =
  'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu str pr tr gl gn sc'.split(
    ' ',
  );

/** Italian-looking invented words: the vocabulary grows with the KB, as it would with real entries. */
function pseudoWords(count: number, random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    const n = 2 + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)] ?? 'ma';
    words.add(`${w}${['a', 'e', 'i', 'o', 'zione', 'mento'][Math.floor(random() * 6)] ?? ''}`);
  }
  return [...words];
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** Real entries, each copied with some of its words swapped for invented ones. */
export function syntheticEntries(base: readonly KnowledgeEntry[], size: number, seed = 42): KnowledgeEntry[] {
  const random = prng(seed);
  const vocabulary = pseudoWords(Math.max(2_000, size * 3), random);
  const vary = (text: string): string =>
    text
      .split(' ')
      .map((w) => (w.length > 4 && random() < 0.3 ? pick(vocabulary, random) : w))
      .join(' ');
  const out: KnowledgeEntry[] = [];
  for (let i = 0; i < size; i++) {
    const e = base[i % base.length];
    if (!e) break;
    const extra = Array.from({ length: 3 }, () => pick(vocabulary, random));
    out.push({
      ...e,
      id: `${e.id}-${i}`,
      title: `${vary(e.title)} ${extra[0]}`,
      keywords: [...e.keywords.filter(() => random() < 0.6).map(vary), ...extra],
      summary: vary(e.summary),
      ...(e.description ? { description: vary(e.description) } : {}),
    });
  }
  return out;
}

/** Questions like citizens': a few words of an entry, some misspelt, some padded with chatter. */
export function syntheticQueries(entries: readonly KnowledgeEntry[], count: number, seed = 7): string[] {
  const random = prng(seed);
  const chatter = 'buongiorno vorrei sapere come devo fare per la mia pratica grazie mille'.split(' ');
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const e = pick(entries, random);
    const words = `${e.title} ${e.keywords.join(' ')}`.split(/\s+/).filter((w) => w.length > 3);
    const n = 2 + Math.floor(random() * 5);
    const q = Array.from({ length: n }, () => {
      const w = pick(words, random);
      if (random() < 0.15 && w.length > 5) {
        const k = 1 + Math.floor(random() * (w.length - 2));
        return w.slice(0, k) + w.slice(k + 1);
      }
      return w;
    });
    if (random() < 0.3) q.unshift(...chatter.slice(0, 4 + Math.floor(random() * 6)));
    queries.push(q.join(' '));
  }
  return queries;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

/** CPU time of this process, ms: on a shared machine it says what the code costs, not the wait. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timeQueries(
  run: (q: string) => unknown,
  queries: readonly string[],
): { p50: number; p99: number; total: number; cpuMean: number; cpuP50: number; cpuP99: number } {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const cpu0 = cpuMs();
  const start = performance.now();
  for (const q of queries) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run(q);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
  }
  const total = performance.now() - start;
  const cpuMean = (cpuMs() - cpu0) / Math.max(1, queries.length);
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    total,
    cpuMean,
    cpuP50: percentile(cpuTimes, 50),
    cpuP99: percentile(cpuTimes, 99),
  };
}

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

/**
 * Knowledge search over synthetic KBs of 100, 1,000 and 10,000 entries: index build time and
 * per-question latency of `interpret` (what the bot calls on every message).
 */
export async function benchSearch(options: SearchBenchOptions = {}): Promise<BenchRow[]> {
  const o = { ...DEFAULTS, ...options };
  const base = loadKnowledgeBase(o.kbDir).entries;
  const synonyms = existsSync(o.synonymsFile)
    ? SynonymDictionary.load(resolve(o.synonymsFile))
    : new SynonymDictionary();
  const rows: BenchRow[] = [];
  let largest: KnowledgeEntry[] = [];
  let largestQueries: string[] = [];
  for (const size of o.sizes) {
    const entries = syntheticEntries(base, size);
    const queries = syntheticQueries(entries, o.queries);
    const cpu0 = cpuMs();
    const t0 = performance.now();
    // No interpretation cache: this row measures the engine, and the warm-up asks the timed questions.
    const search = new KnowledgeSearch(entries, synonyms, { interpretationCacheSize: 0 });
    const buildMs = performance.now() - t0;
    const buildCpuMs = cpuMs() - cpu0;
    // Warm up the JIT and the stem cache before timing.
    for (const q of queries.slice(0, 200)) search.interpret(q);
    const { p50, p99, total, cpuMean, cpuP50, cpuP99 } = timeQueries((q) => search.interpret(q), queries);
    rows.push({
      name: `knowledge search, ${size.toLocaleString('en')} entries (BM25F)`,
      throughput: round((queries.length / total) * 1000, 0),
      p50Ms: round(p50),
      p99Ms: round(p99),
      errors: 0,
      rssMb: round(process.memoryUsage().rss / 1e6, 0),
      notes: `index build ${round(buildMs, 0)} ms (CPU ${round(buildCpuMs, 0)} ms); CPU per query mean ${round(cpuMean)} p50 ${round(cpuP50)} p99 ${round(cpuP99)} ms; ${queries.length} queries; load ${round(loadavg()[0] ?? 0, 1)}`,
    });
    await new Promise((r) => setImmediate(r));
    largest = entries;
    largestQueries = queries;
  }
  if (o.tfIdf && largest.length > 0) {
    const cpu0 = cpuMs();
    const t0 = performance.now();
    const tfidf = new TfIdf();
    for (const e of largest)
      tfidf.addDocument(`${e.title} ${e.keywords.join(' ')} ${e.summary} ${e.description ?? ''}`, e.id);
    const buildMs = performance.now() - t0;
    const buildCpuMs = cpuMs() - cpu0;
    const sample = largestQueries.slice(0, 50);
    const { p50, p99, total, cpuMean } = timeQueries((q) => tfidf.tfidfs(q), sample);
    rows.push({
      name: `natural TfIdf, ${largest.length.toLocaleString('en')} entries (comparison)`,
      throughput: round((sample.length / total) * 1000, 0),
      p50Ms: round(p50),
      p99Ms: round(p99),
      errors: 0,
      rssMb: round(process.memoryUsage().rss / 1e6, 0),
      notes: `index build ${round(buildMs, 0)} ms (CPU ${round(buildCpuMs, 0)} ms); mean CPU ${round(cpuMean)} ms/query; ${sample.length} queries (scans every document)`,
    });
  }
  return rows;
}

if (require.main === module) {
  benchSearch()
    .then((rows) => {
      for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    });
}
