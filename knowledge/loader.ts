import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type YamlReader, yamlParser } from '../config/yamlReader';
import { entrySchema, type KnowledgeEntry } from './entry';
import { KbValidationError } from './kbValidationError';
import { KnowledgeBase } from './knowledgeBase';

const YAML_FILE = /\.ya?ml$/i;
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** Reads and validates one entry file; throws KbValidationError naming file, field and reason. */
export function parseEntryFile(file: string, text: string, yaml: YamlReader = yamlParser): KnowledgeEntry {
  const reading = yaml.read(text);
  if ('error' in reading) {
    throw new KbValidationError(file, '', `YAML syntax error: ${reading.error.message}`, reading.error.line);
  }
  const result = entrySchema.safeParse(reading.value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(entry)';
    throw new KbValidationError(file, field, issue?.message ?? 'invalid entry');
  }
  return result.data;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => YAML_FILE.test(f))
    .sort();
}

/**
 * Loads every *.yaml file of `dir`. A broken file or a duplicate id throws KbValidationError:
 * the service must not start with a knowledge base the office did not mean to publish.
 */
export function loadKnowledgeBase(dir: string, yaml: YamlReader = yamlParser): KnowledgeBase {
  const entries: KnowledgeEntry[] = [];
  const fileOf = new Map<string, string>();
  for (const name of yamlFiles(dir)) {
    const file = join(dir, name);
    const entry = parseEntryFile(file, readFileSync(file, 'utf8'), yaml);
    const previous = fileOf.get(entry.id);
    if (previous !== undefined) {
      throw new KbValidationError(file, 'id', `duplicate id "${entry.id}", already used in ${previous}`);
    }
    fileOf.set(entry.id, file);
    entries.push(entry);
  }
  return new KnowledgeBase(entries);
}

export interface KbProblem {
  file: string;
  field: string;
  reason: string;
  line?: number;
}

export interface KbCheckResult {
  /** Files that cannot be loaded; the service would refuse to start. */
  problems: KbProblem[];
  /** Valid entries. */
  entries: KnowledgeEntry[];
  /** Usable but worth fixing, e.g. a file not named after its id. */
  warnings: KbProblem[];
  /** Ids of entries the office flagged as needing review. */
  reviewNeeded: string[];
  /** Ids of entries last reviewed more than a year before `now`. */
  stale: string[];
}

/** Like loadKnowledgeBase, but collects every problem instead of stopping at the first. */
export function checkKnowledgeBase(
  dir: string,
  now: Date = new Date(),
  yaml: YamlReader = yamlParser,
): KbCheckResult {
  const problems: KbProblem[] = [];
  const warnings: KbProblem[] = [];
  const entries: KnowledgeEntry[] = [];
  const fileOf = new Map<string, string>();
  for (const name of yamlFiles(dir)) {
    const file = join(dir, name);
    try {
      const entry = parseEntryFile(file, readFileSync(file, 'utf8'), yaml);
      const previous = fileOf.get(entry.id);
      if (previous !== undefined) {
        problems.push({
          file,
          field: 'id',
          reason: `duplicate id "${entry.id}", already used in ${previous}`,
        });
        continue;
      }
      fileOf.set(entry.id, file);
      entries.push(entry);
      const expected = basename(file).replace(YAML_FILE, '');
      if (entry.id !== expected) {
        warnings.push({
          file,
          field: 'id',
          reason: `"${entry.id}" differs from the file name; name the file ${entry.id}.yaml`,
        });
      }
    } catch (err) {
      if (!(err instanceof KbValidationError)) throw err;
      problems.push({
        file: err.file,
        field: err.field,
        reason: err.reason,
        ...(err.line !== undefined ? { line: err.line } : {}),
      });
    }
  }
  const reviewNeeded = entries.filter((e) => e.reviewNeeded).map((e) => e.id);
  const stale = entries
    .filter((e) => now.getTime() - Date.parse(`${e.lastReviewed}T00:00:00Z`) > ONE_YEAR_MS)
    .map((e) => e.id);
  return { problems, warnings, entries, reviewNeeded, stale };
}
