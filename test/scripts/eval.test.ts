import { parseEvalArgs } from '../../scripts/eval';

describe('npm run eval arguments', () => {
  it('takes the evaluation directory and any number of extra question files', () => {
    expect(parseEvalArgs([])).toEqual({ questionFiles: [] });
    expect(
      parseEvalArgs(['../shared/eval', '--questions', 'a.tsv', '-q', 'b.tsv', '--questions=c.tsv']),
    ).toEqual({ evalDir: '../shared/eval', questionFiles: ['a.tsv', 'b.tsv', 'c.tsv'] });
  });

  it('rejects a missing file, an unknown option and a second directory', () => {
    expect(() => parseEvalArgs(['--questions'])).toThrow(/needs a file/);
    expect(() => parseEvalArgs(['--verbose'])).toThrow(/unknown option/);
    expect(() => parseEvalArgs(['a', 'b'])).toThrow(/unexpected argument/);
  });
});
