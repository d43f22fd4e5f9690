import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from '../knowledge/loadKnowledge';
import type { Interpretation, KnowledgeSearch } from '../knowledge/search';

/** Kinds of eval rows; `offtopic` rows have the id `none`. */
const KINDS = ['plain', 'colloquial', 'typo', 'short', 'lexical', 'english'] as const;

export const QUESTION_TARGETS = { overall: 0.92, perKind: 0.85, english: 0.7, none: 0.9 } as const;

export interface EvalQuestion {
  id: string;
  kind: string;
  question: string;
  source: string;
}

export interface QuestionEvalResult {
  passed: boolean;
  report: string;
}

/** Reads a `id<TAB>kind<TAB>question` file with a header line. */
export function readQuestions(file: string): EvalQuestion[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const out: EvalQuestion[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const [id, kind, ...rest] = line.split('\t');
    const question = rest.join('\t').trim();
    if (!id || !kind || !question) continue;
    out.push({ id: id.trim(), kind: kind.trim(), question, source: file });
  }
  return out;
}

/** dev-questions.tsv first, then any held-out `*questions*.tsv` of the same format. */
export function questionFiles(evalDir: string): string[] {
  return readdirSync(evalDir)
    .filter((f) => /questions.*\.tsv$/i.test(f))
    .sort((a, b) => (a === 'dev-questions.tsv' ? -1 : b === 'dev-questions.tsv' ? 1 : a.localeCompare(b)))
    .map((f) => join(evalDir, f));
}

/**
 * Top-1 accuracy of the knowledge search on the eval questions (the directory's, then
 * `extraFiles`), overall and per kind, the share of off-topic rows that get no entry, and the misses.
 */
export async function runQuestionEval(
  evalDir: string,
  kbDir: string,
  synonymsFile?: string,
  extraFiles: readonly string[] = [],
): Promise<QuestionEvalResult> {
  const { kb, search } = loadKnowledge({ kbDir, ...(synonymsFile ? { synonymsFile } : {}) });
  const lines: string[] = [];
  let passed = true;
  for (const file of [...questionFiles(evalDir), ...extraFiles]) {
    const questions = readQuestions(file);
    const result = evaluate(search, questions);
    lines.push(`Questions: ${file} (${questions.length} rows, KB ${kb.size} entries)`, ...result.lines, '');
    passed &&= result.passed;
  }
  if (lines.length === 0) lines.push(`No *questions*.tsv in ${evalDir}`);
  return { passed, report: lines.join('\n') };
}

interface Tally {
  total: number;
  hits: number;
}

function evaluate(search: KnowledgeSearch, questions: EvalQuestion[]): { passed: boolean; lines: string[] } {
  const perKind = new Map<string, Tally>();
  const overall: Tally = { total: 0, hits: 0 };
  const none: Tally = { total: 0, hits: 0 };
  const decisions = new Map<string, number>();
  const misses: string[] = [];
  for (const q of questions) {
    const result = search.interpret(q.question);
    decisions.set(result.decision, (decisions.get(result.decision) ?? 0) + 1);
    if (q.id === 'none') {
      none.total += 1;
      if (result.decision === 'none') none.hits += 1;
      else misses.push(`  [offtopic] "${q.question}" -> ${describe(result)}`);
      continue;
    }
    const hit = isHit(result, q.id);
    const tally = perKind.get(q.kind) ?? { total: 0, hits: 0 };
    tally.total += 1;
    overall.total += 1;
    if (hit) {
      tally.hits += 1;
      overall.hits += 1;
    } else {
      const top = search.search(q.question, { limit: 3 }).map((h) => `${h.id} ${h.score.toFixed(2)}`);
      misses.push(
        `  [${q.kind}] ${q.id}: "${q.question}" -> ${describe(result)} (bm25: ${top.join(', ') || '-'})`,
      );
    }
    perKind.set(q.kind, tally);
  }
  const lines: string[] = [];
  let passed = true;
  const check = (label: string, t: Tally, target: number): void => {
    if (t.total === 0) return;
    const ok = t.hits / t.total >= target;
    passed &&= ok;
    lines.push(
      `  ${label.padEnd(12)} ${pct(t)} (${t.hits}/${t.total}, target ${(target * 100).toFixed(0)}%) ${ok ? 'ok' : 'BELOW TARGET'}`,
    );
  };
  const nonEnglish: Tally = { total: 0, hits: 0 };
  for (const [kind, t] of perKind) {
    if (kind === 'english') continue;
    nonEnglish.total += t.total;
    nonEnglish.hits += t.hits;
  }
  check('overall', nonEnglish, QUESTION_TARGETS.overall);
  if (overall.total > 0) lines.push(`  (with english: ${pct(overall)}, ${overall.hits}/${overall.total})`);
  for (const kind of [
    ...KINDS,
    ...[...perKind.keys()].filter((k) => !(KINDS as readonly string[]).includes(k)),
  ]) {
    const t = perKind.get(kind);
    if (t) check(kind, t, kind === 'english' ? QUESTION_TARGETS.english : QUESTION_TARGETS.perKind);
  }
  check('none', none, QUESTION_TARGETS.none);
  lines.push(`  decisions: ${[...decisions].map(([d, n]) => `${d} ${n}`).join(', ')}`);
  if (misses.length > 0) lines.push('  misses:', ...misses);
  return { passed, lines };
}

/** A row is answered when the bot would show the expected entry first (answer or "Intendevi…?"). */
function isHit(result: Interpretation, id: string): boolean {
  return (result.decision === 'answer' || result.decision === 'ambiguous') && result.procedures[0]?.id === id;
}

function describe(result: Interpretation): string {
  const ids = result.procedures.slice(0, 2).map((p) => `${p.id} ${p.score}`);
  return `${result.decision}${ids.length > 0 ? ` [${ids.join(', ')}]` : ''}${result.area ? ` area=${result.area}` : ''}`;
}

function pct(t: Tally): string {
  return `${((t.hits / Math.max(1, t.total)) * 100).toFixed(1)}%`;
}

if (require.main === module) {
  const evalDir = process.argv[2] ?? process.env.EVAL_DIR ?? '../shared/eval';
  const kbDir = process.argv[3] ?? process.env.KB_DIR ?? 'knowledge/entries';
  runQuestionEval(evalDir, kbDir)
    .then(({ passed, report }) => {
      process.stdout.write(`${report}\n`);
      process.exitCode = passed ? 0 : 1;
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    });
}
