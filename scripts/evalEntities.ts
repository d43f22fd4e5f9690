import { promises as fs } from 'fs';
import * as path from 'path';
import { ENTITY_TYPES, type EntityType } from '../nlu/entity';
import { recognizeEntities } from '../nlu/recognizeEntities';

/** Reference day of the labelled sets (a Thursday), unless a line carries its own. */
export const EVAL_REFERENCE_DATE = '2026-11-26';
export const EVAL_TARGET = 0.97;

interface Expected {
  type: EntityType;
  value: unknown;
  valid?: boolean;
}

interface EvalLine {
  text: string;
  expect: Expected[];
  referenceDate?: string;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** JSON with sorted keys, so {amount, currency} compares equal whatever the order. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function describe(e: { type: string; value: unknown; valid?: boolean }): string {
  return `${e.type}=${canonical(e.value)}${e.valid === undefined ? '' : e.valid ? ' (valid)' : ' (not valid)'}`;
}

function parseLines(raw: string, file: string): EvalLine[] {
  return raw
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l, i) => {
      const parsed = JSON.parse(l) as Partial<EvalLine>;
      if (typeof parsed.text !== 'string' || !Array.isArray(parsed.expect))
        throw new Error(`${file}:${i + 1}: expected {"text", "expect": [...]}`);
      return { text: parsed.text, expect: parsed.expect, referenceDate: parsed.referenceDate };
    });
}

function pct(n: number, d: number): string {
  return d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
}

/** Scores one file: per-type counts and the misses, as report lines. */
function scoreFile(lines: EvalLine[], counts: Map<EntityType, Counts>, misses: string[]): void {
  for (const line of lines) {
    const got = recognizeEntities(line.text, { referenceDate: line.referenceDate ?? EVAL_REFERENCE_DATE });
    const unmatched = [...got];
    const missing: Expected[] = [];
    for (const exp of line.expect) {
      const i = unmatched.findIndex(
        (g) =>
          g.type === exp.type &&
          canonical(g.value) === canonical(exp.value) &&
          (exp.valid === undefined || g.valid === exp.valid),
      );
      const c = counts.get(exp.type) ?? { tp: 0, fp: 0, fn: 0 };
      counts.set(exp.type, c);
      if (i >= 0) {
        c.tp++;
        unmatched.splice(i, 1);
      } else {
        c.fn++;
        missing.push(exp);
      }
    }
    for (const extra of unmatched) {
      const c = counts.get(extra.type) ?? { tp: 0, fp: 0, fn: 0 };
      counts.set(extra.type, c);
      c.fp++;
    }
    if (missing.length || unmatched.length) {
      misses.push(`  ${JSON.stringify(line.text)}`);
      for (const m of missing) misses.push(`      missed   ${describe(m)}`);
      for (const u of unmatched) misses.push(`      spurious ${describe(u)}  <- ${JSON.stringify(u.text)}`);
    }
  }
}

/** The labelled files at `location`: the file itself, or every `*entities*.jsonl` in a directory. */
async function entityFiles(location: string): Promise<string[]> {
  if (!(await fs.stat(location)).isDirectory()) return [location];
  const files = (await fs.readdir(location)).filter((f) => /entities.*\.jsonl$/.test(f)).sort();
  if (files.length === 0) throw new Error(`no *entities*.jsonl file in ${location}`);
  return files.map((f) => path.join(location, f));
}

/**
 * Runs the entity evaluation on `dev-entities.jsonl` and any other `*entities*.jsonl` in
 * `location` (or on `location` itself when it is a file, e.g. the blind set in
 * test/fixtures/eval): precision and recall per type (type + value, and `valid` where
 * labelled), misses.
 */
export async function runEntityEval(location: string): Promise<{ passed: boolean; report: string }> {
  const out: string[] = [];
  let passed = true;
  for (const filePath of await entityFiles(location)) {
    const file = path.basename(filePath);
    const lines = parseLines(await fs.readFile(filePath, 'utf8'), file);
    const counts = new Map<EntityType, Counts>();
    const misses: string[] = [];
    scoreFile(lines, counts, misses);
    out.push(`Entities: ${file} (${lines.length} sentences, target ${EVAL_TARGET * 100}% P and R per type)`);
    out.push(
      `  ${'type'.padEnd(14)} ${'support'.padStart(7)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`,
    );
    const total: Counts = { tp: 0, fp: 0, fn: 0 };
    for (const type of ENTITY_TYPES) {
      const c = counts.get(type);
      if (!c) continue;
      total.tp += c.tp;
      total.fp += c.fp;
      total.fn += c.fn;
      const p = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
      const r = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
      const ok = p >= EVAL_TARGET && r >= EVAL_TARGET;
      if (!ok) passed = false;
      out.push(
        `  ${type.padEnd(14)} ${String(c.tp + c.fn).padStart(7)} ${pct(c.tp, c.tp + c.fp).padStart(9)} ${pct(c.tp, c.tp + c.fn).padStart(7)}${ok ? '' : '  < target'}`,
      );
    }
    out.push(
      `  ${'all'.padEnd(14)} ${String(total.tp + total.fn).padStart(7)} ${pct(total.tp, total.tp + total.fp).padStart(9)} ${pct(total.tp, total.tp + total.fn).padStart(7)}`,
    );
    out.push(misses.length ? `  Misses:\n${misses.join('\n')}` : '  No misses.');
  }
  out.push(passed ? 'Entities: PASS' : 'Entities: FAIL');
  return { passed, report: out.join('\n') };
}

/** `node dist/scripts/evalEntities.js [dir-or-file …]`: default EVAL_DIR or ../shared/eval. */
async function main(locations: string[]): Promise<boolean> {
  let passed = true;
  for (const location of locations) {
    const result = await runEntityEval(location);
    console.log(result.report);
    passed &&= result.passed;
  }
  return passed;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  main(args.length ? args : [process.env.EVAL_DIR ?? '../shared/eval'])
    .then((passed) => {
      process.exitCode = passed ? 0 : 1;
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 2;
    });
}
