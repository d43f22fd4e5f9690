import { join } from 'node:path';
import { projectRoot } from '../app/projectRoot';
import { runEntityEval } from './evalEntities';
import { runQuestionEval } from './evalQuestions';

/**
 * `npm run eval`: how well the bot understands citizens, on the evaluation data beside the
 * project (EVAL_DIR, default ../shared/eval): knowledge questions and Italian entities.
 */
async function main(): Promise<void> {
  const root = projectRoot();
  const evalDir = process.argv[2] ?? process.env.EVAL_DIR ?? join(root, '..', 'shared', 'eval');
  const kbDir = process.env.KB_DIR ?? join(root, 'knowledge', 'entries');
  const questions = await runQuestionEval(evalDir, kbDir);
  process.stdout.write(`# Knowledge questions (${evalDir})\n${questions.report}\n\n`);
  const entities = await runEntityEval(evalDir);
  process.stdout.write(`# Italian entities (${evalDir})\n${entities.report}\n`);
  process.exitCode = questions.passed && entities.passed ? 0 : 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`npm run eval: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
