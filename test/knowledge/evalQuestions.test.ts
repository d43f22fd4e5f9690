import { join } from 'node:path';
import { questionFiles, readQuestions, runQuestionEval } from '../../scripts/evalQuestions';

const FIXTURES = join(__dirname, '..', 'fixtures', 'knowledge');
const EVAL = join(FIXTURES, 'eval');

describe('question eval', () => {
  it('reads dev-questions.tsv first, then any other *questions*.tsv', () => {
    expect(questionFiles(EVAL).map((f) => f.split('/').pop())).toEqual([
      'dev-questions.tsv',
      'heldout-questions.tsv',
    ]);
    expect(readQuestions(join(EVAL, 'dev-questions.tsv'))[0]).toMatchObject({
      id: 'accessi-carrai',
      kind: 'plain',
    });
  });

  it('reports accuracy per kind, off-topic handling and the misses', async () => {
    const { passed, report } = await runQuestionEval(
      EVAL,
      join(FIXTURES, 'kb'),
      join(FIXTURES, 'synonyms.yaml'),
    );
    expect(report).toMatch(/dev-questions\.tsv \(8 rows/);
    expect(report).toMatch(/plain\s+100\.0% \(1\/1/);
    expect(report).toMatch(/none\s+100\.0% \(2\/2/);
    // the held-out file asks for autoscuole with words of another entry: a miss, so the run fails
    expect(report).toMatch(/\[short\] autoscuole: "scuola nautica"/);
    expect(passed).toBe(false);
  });

  it('scores extra question files after those of the directory', async () => {
    const { report } = await runQuestionEval(EVAL, join(FIXTURES, 'kb'), join(FIXTURES, 'synonyms.yaml'), [
      join(EVAL, 'dev-questions.tsv'),
    ]);
    expect(report.match(/dev-questions\.tsv \(8 rows/g)).toHaveLength(2);
    expect(report.indexOf('heldout-questions.tsv')).toBeLessThan(report.lastIndexOf('dev-questions.tsv'));
  });
});
