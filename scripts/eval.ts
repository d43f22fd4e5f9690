import { join } from 'node:path';
import { projectRoot } from '../app/projectRoot';
import { runEntityEval } from './evalEntities';
import { runQuestionEval } from './evalQuestions';

export interface EvalArgs {
  /** Directory of the evaluation data (dev questions and entities). */
  evalDir?: string;
  /** Extra question files (same TSV format) scored besides the evaluation directory's. */
  questionFiles: string[];
}

/** `[evalDir] [--questions <file>]...`; `--questions=<file>` is accepted too. */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const out: EvalArgs = { questionFiles: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--questions' || arg === '-q') {
      const file = argv[++i];
      if (!file) throw new Error(`${arg} needs a file`);
      out.questionFiles.push(file);
    } else if (arg.startsWith('--questions=')) {
      out.questionFiles.push(arg.slice('--questions='.length));
    } else if (arg.startsWith('-')) {
      throw new Error(`unknown option ${arg} (usage: npm run eval -- [evalDir] [--questions <file>]...)`);
    } else if (out.evalDir === undefined) {
      out.evalDir = arg;
    } else {
      throw new Error(`unexpected argument ${arg}`);
    }
  }
  return out;
}

/**
 * `npm run eval`: how well the bot understands citizens, on the evaluation data beside the
 * project (EVAL_DIR, default ../shared/eval): knowledge questions and Italian entities.
 * `npm run eval -- --questions <file>` also scores another question file (e.g. our blind sets
 * under test/fixtures/eval/).
 */
async function main(): Promise<void> {
  const root = projectRoot();
  const args = parseEvalArgs(process.argv.slice(2));
  const evalDir = args.evalDir ?? process.env.EVAL_DIR ?? join(root, '..', 'shared', 'eval');
  const kbDir = process.env.KB_DIR ?? join(root, 'knowledge', 'entries');
  const questions = await runQuestionEval(evalDir, kbDir, undefined, args.questionFiles);
  process.stdout.write(`# Knowledge questions (${evalDir})\n${questions.report}\n\n`);
  const entities = await runEntityEval(evalDir);
  process.stdout.write(`# Italian entities (${evalDir})\n${entities.report}\n`);
  process.exitCode = questions.passed && entities.passed ? 0 : 1;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`npm run eval: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  });
}
