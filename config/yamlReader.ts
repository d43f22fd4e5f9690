import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type * as Yaml from 'yaml';

/** YAML_CACHE_DIR's default, relative to the project root. */
export const DEFAULT_YAML_CACHE_DIR = 'node_modules/.cache/linea-amica/yaml';

/** A YAML document's value, or its first syntax error with the 1-based line. */
export type YamlReading = { value: unknown } | { error: { message: string; line: number } };

/** Turns the text of a YAML file into plain data (the knowledge base, synonyms, handoff.yaml). */
export interface YamlReader {
  read(text: string): YamlReading;
}

// 'yaml' is loaded on the first document actually parsed: a start whose files are all in the
// cache does not load it at all.
let yamlModule: typeof Yaml | undefined;
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yamlModule ??= require('yaml') as typeof Yaml;
  return yamlModule;
}

/** Parses every text with the `yaml` package (YAML 1.2 core schema, unique keys). */
export const yamlParser: YamlReader = {
  read(text) {
    const doc = yaml().parseDocument(text, { prettyErrors: false });
    const first = doc.errors[0];
    if (first) {
      return {
        error: {
          message: first.message.split('\n')[0] ?? 'invalid YAML',
          line: text.slice(0, first.pos[0]).split('\n').length,
        },
      };
    }
    return { value: doc.toJS() };
  },
};

/** True when JSON.stringify then JSON.parse gives back an equal value (no Infinity, Date, Map...). */
export function survivesJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(survivesJson);
  if (typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every(survivesJson);
}

export interface YamlCacheOptions {
  /** Directory of the cached values (created on the first write). */
  dir: string;
  /** A cache file could not be written: the start goes on, parsing as usual. */
  onWriteError?: (err: unknown) => void;
  /** The parser behind the cache (tests count its calls). */
  parser?: YamlReader;
  /** Cached values no start has read for this long are deleted (see YamlCache). Default 30. */
  unusedDays?: number;
  now?: () => number;
}

const DEFAULT_UNUSED_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Parsed YAML kept on disk as JSON, addressed by a hash of the text and of the `yaml` version:
 * the same text is parsed once, by whichever process starts first, and every later start reads
 * the JSON (about 60 times faster than parsing the YAML). An edited file has a new hash, so
 * nothing is ever stale; validation (zod) still runs on every start, so a new schema applies
 * at once. Texts with syntax errors are not cached. The directory may be deleted at any time.
 *
 * Every edit leaves the old text's value behind, so the directory would only grow: each value
 * read has its modification time refreshed (once a day at most), and the first value a process
 * writes (an edit, a new file) makes it delete the values no start has read for `unusedDays`.
 */
export class YamlCache implements YamlReader {
  private readonly parser: YamlReader;
  private readonly now: () => number;
  private readonly unusedMs: number;
  private writable = true;
  private dirReady = false;
  private pruned = false;

  constructor(private readonly options: YamlCacheOptions) {
    this.parser = options.parser ?? yamlParser;
    this.now = options.now ?? Date.now;
    this.unusedMs = (options.unusedDays ?? DEFAULT_UNUSED_DAYS) * DAY_MS;
  }

  read(text: string): YamlReading {
    const file = join(this.options.dir, `${cacheKey(text)}.json`);
    const cached = readCached(file);
    if (cached) {
      this.markUsed(file);
      return cached;
    }
    const reading = this.parser.read(text);
    if ('value' in reading && this.writable && survivesJson(reading.value)) this.write(file, reading.value);
    return reading;
  }

  private write(file: string, value: unknown): void {
    try {
      if (!this.dirReady) mkdirSync(this.options.dir, { recursive: true });
      this.dirReady = true;
      // Written aside then renamed: a process starting meanwhile reads the whole file or none.
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify({ value }));
      renameSync(temp, file);
    } catch (err) {
      this.writable = false;
      this.options.onWriteError?.(err);
      return;
    }
    if (!this.pruned) this.prune();
  }

  /** A value read now is in use: its file is kept by prune() for another `unusedDays`. */
  private markUsed(file: string): void {
    try {
      const now = this.now();
      if (now - statSync(file).mtimeMs < DAY_MS) return;
      utimesSync(file, new Date(now), new Date(now));
    } catch {
      // A read-only cache (an image's) is never pruned by this process either.
    }
  }

  /** Deletes the values (and interrupted writes) no start has read for `unusedDays`. */
  private prune(): void {
    this.pruned = true;
    const oldest = this.now() - this.unusedMs;
    try {
      for (const name of readdirSync(this.options.dir)) {
        if (!/^[0-9a-f]{64}\.json(\.\d+\.tmp)?$/.test(name)) continue;
        const file = join(this.options.dir, name);
        try {
          if (statSync(file).mtimeMs < oldest) unlinkSync(file);
        } catch {
          // Gone already (another process pruned it): nothing to do.
        }
      }
    } catch {
      // An unreadable directory: the values stay, the start goes on.
    }
  }
}

/**
 * The reader for YAML_CACHE_DIR, as the server and `kb:check` use it: 'off' parses every time;
 * a relative directory is below `root` (the project root).
 */
export function yamlReaderFor(
  cacheDir: string,
  root: string,
  onWriteError?: (err: unknown) => void,
): YamlReader {
  if (cacheDir === 'off') return yamlParser;
  return new YamlCache({ dir: isAbsolute(cacheDir) ? cacheDir : join(root, cacheDir), onWriteError });
}

/** The version of the parser is part of the key: another `yaml` may read a text differently. */
let keyPrefix: string | undefined;
function cacheKey(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  keyPrefix ??= `yaml@${(require('yaml/package.json') as { version: string }).version}\n`;
  return createHash('sha256').update(keyPrefix).update(text).digest('hex');
}

function readCached(file: string): { value: unknown } | undefined {
  let json: string;
  try {
    json = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed === 'object' && parsed !== null && 'value' in parsed) return { value: parsed.value };
  } catch {
    // A damaged file is parsed again and overwritten.
  }
  return undefined;
}
