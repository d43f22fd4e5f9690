import { projectRoot } from '../app/projectRoot';
import { DEFAULT_YAML_CACHE_DIR, type YamlReader, yamlReaderFor } from '../config/yamlReader';
import { synonymsFileBeside } from '../knowledge/loadKnowledge';
import { checkKnowledgeBase, type KbCheckResult, type KbProblem } from '../knowledge/loader';
import { SynonymDictionary } from '../knowledge/synonymDictionary';

function where(p: KbProblem): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}`;
}

export function formatCheck(dir: string, result: KbCheckResult): string {
  const lines = [
    `Knowledge base ${dir}: ${result.entries.length} valid entries, ${result.problems.length} with errors.`,
  ];
  for (const p of result.problems)
    lines.push(`ERROR ${where(p)}: ${p.field ? `${p.field}: ` : ''}${p.reason}`);
  for (const p of result.warnings) lines.push(`warning ${where(p)}: ${p.field}: ${p.reason}`);
  if (result.reviewNeeded.length > 0) {
    lines.push(
      `Needing review (reviewNeeded: true), ${result.reviewNeeded.length}: ${result.reviewNeeded.join(', ')}`,
    );
  }
  if (result.stale.length > 0) {
    lines.push(`Last reviewed more than a year ago, ${result.stale.length}: ${result.stale.join(', ')}`);
  }
  return lines.join('\n');
}

/** synonyms.yaml beside the entries, as the server loads it: a broken one is a problem too. */
function checkSynonyms(dir: string, yaml: YamlReader, result: KbCheckResult): void {
  const file = synonymsFileBeside(dir);
  if (!file) return;
  try {
    SynonymDictionary.load(file, yaml);
  } catch (err) {
    result.problems.push({ file, field: '', reason: err instanceof Error ? err.message : String(err) });
  }
}

/** Validates the knowledge base for editors; returns the exit code (1 when any file is broken). */
export function main(
  argv: readonly string[],
  now: Date = new Date(),
  yamlCacheDir: string = process.env.YAML_CACHE_DIR ?? DEFAULT_YAML_CACHE_DIR,
): number {
  const dir = argv[0] ?? process.env.KB_DIR ?? 'knowledge/entries';
  // YAML_CACHE_DIR as the server reads it: the check leaves every file it parsed in the cache, so
  // the next start (or every container of an image built after `npm run kb:check`) reads JSON.
  const yaml = yamlReaderFor(yamlCacheDir, projectRoot());
  let result: KbCheckResult;
  try {
    result = checkKnowledgeBase(dir, now, yaml);
    checkSynonyms(dir, yaml, result);
  } catch (err) {
    process.stderr.write(
      `kb:check: cannot read ${dir}: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 2;
  }
  const report = formatCheck(dir, result);
  (result.problems.length > 0 ? process.stderr : process.stdout).write(`${report}\n`);
  return result.problems.length > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
