import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { survivesJson, YamlCache, type YamlReader, yamlParser } from '../../config/yamlReader';
import { loadKnowledge } from '../../knowledge/loadKnowledge';
import { loadHandoffConfig } from '../../handoff/handoffConfig';

/** The real parser, counting the texts it actually parses. */
function countingParser(): YamlReader & { calls: number } {
  const parser = {
    calls: 0,
    read(text: string) {
      parser.calls++;
      return yamlParser.read(text);
    },
  };
  return parser;
}

describe('yamlParser', () => {
  it('gives the value of a document', () => {
    expect(yamlParser.read('id: aua\nkeywords: [scarichi, emissioni]\n')).toEqual({
      value: { id: 'aua', keywords: ['scarichi', 'emissioni'] },
    });
  });

  it('gives the first syntax error with its line', () => {
    const reading = yamlParser.read('id: aua\ntitle: ok\nkeywords: [unclosed\n');
    expect(reading).toEqual({ error: { message: expect.any(String), line: expect.any(Number) } });
    if ('error' in reading) expect(reading.error.line).toBeGreaterThanOrEqual(3);
  });
});

describe('YamlCache', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'yaml-cache-')), 'yaml');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('parses a text once: the next start reads the stored value', () => {
    const text = 'id: aua\ntitle: Autorizzazione unica ambientale\nkeywords: [scarichi]\n';
    const first = countingParser();
    const value = new YamlCache({ dir, parser: first }).read(text);
    expect(first.calls).toBe(1);

    const next = countingParser();
    const cache = new YamlCache({ dir, parser: next });
    expect(cache.read(text)).toEqual(value);
    expect(next.calls).toBe(0);
    // An edited file is another text: parsed, never the old value.
    expect(cache.read(text.replace('scarichi', 'emissioni'))).toEqual({
      value: { id: 'aua', title: 'Autorizzazione unica ambientale', keywords: ['emissioni'] },
    });
    expect(next.calls).toBe(1);
  });

  it('does not keep texts with syntax errors: they are reported every time', () => {
    const parser = countingParser();
    const cache = new YamlCache({ dir, parser });
    expect(cache.read('a: [1')).toHaveProperty('error');
    expect(cache.read('a: [1')).toHaveProperty('error');
    expect(parser.calls).toBe(2);
  });

  it('does not keep values JSON would change (.inf)', () => {
    const parser = countingParser();
    const cache = new YamlCache({ dir, parser });
    expect(cache.read('limit: .inf\n')).toEqual({ value: { limit: Infinity } });
    expect(cache.read('limit: .inf\n')).toEqual({ value: { limit: Infinity } });
    expect(parser.calls).toBe(2);
  });

  it('parses again, and repairs, a damaged cache file', () => {
    const text = 'a: 1\n';
    new YamlCache({ dir }).read(text);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), '{"value": ');
    const parser = countingParser();
    expect(new YamlCache({ dir, parser }).read(text)).toEqual({ value: { a: 1 } });
    const later = countingParser();
    expect(new YamlCache({ dir, parser: later }).read(text)).toEqual({ value: { a: 1 } });
    expect([parser.calls, later.calls]).toEqual([1, 0]);
  });

  it('goes on parsing, and says so once, when the directory cannot be written', () => {
    const blocked = join(dir, '..', 'a-file');
    writeFileSync(blocked, 'not a directory');
    const errors: unknown[] = [];
    const cache = new YamlCache({ dir: join(blocked, 'yaml'), onWriteError: (err) => errors.push(err) });
    expect(cache.read('a: 1\n')).toEqual({ value: { a: 1 } });
    expect(cache.read('b: 2\n')).toEqual({ value: { b: 2 } });
    expect(errors).toHaveLength(1);
  });

  describe('values no start reads any more', () => {
    const DAY = 24 * 60 * 60 * 1000;
    const now = Date.parse('2026-11-26T12:00:00Z');
    const ago = (days: number) => new Date(now - days * DAY);
    const files = () => (existsSync(dir) ? readdirSync(dir).sort() : []);
    const age = (file: string) => Math.round((now - statSync(join(dir, file)).mtimeMs) / DAY);

    /** Stores the values of `texts`, each file then last touched `days` ago; their file names. */
    function cacheWith(texts: string[], days: number): string[] {
      const cache = new YamlCache({ dir, now: () => now });
      return texts.map((text) => {
        const before = new Set(files());
        cache.read(text);
        const added = files().find((f) => !before.has(f)) ?? '';
        utimesSync(join(dir, added), ago(days), ago(days));
        return added;
      });
    }

    it('are deleted after 30 days unused, when the cache next stores a value (an edit)', () => {
      // (Each helper's cache prunes on its first write: the old values are made last.)
      const recent = cacheWith(['c: 3\n'], 10);
      const old = cacheWith(['a: 1\n', 'b: 2\n'], 45);
      const interrupted = `${old[0]}.4242.tmp`;
      writeFileSync(join(dir, interrupted), '{"val');
      utimesSync(join(dir, interrupted), ago(45), ago(45));
      writeFileSync(join(dir, 'README'), 'not ours');
      utimesSync(join(dir, 'README'), ago(400), ago(400));
      const before = files();

      const parser = countingParser();
      const cache = new YamlCache({ dir, parser, now: () => now });
      // Reading only cached values deletes nothing: no start is made to pay for a clean-up.
      cache.read('c: 3\n');
      expect(files()).toEqual(before);
      cache.read('d: 4\n');
      const after = files();
      expect(after).not.toContain(old[0]);
      expect(after).not.toContain(old[1]);
      expect(after).not.toContain(interrupted);
      expect(after).toEqual(expect.arrayContaining([...recent, 'README']));
      expect(after).toHaveLength(before.length - 3 + 1);
      expect(parser.calls).toBe(1);
    });

    it('are kept while starts read them: a read makes the value young again', () => {
      const [used, unused] = cacheWith(['used: true\n', 'unused: true\n'], 45);
      const cache = new YamlCache({ dir, now: () => now });
      expect(cache.read('used: true\n')).toEqual({ value: { used: true } });
      expect(age(used!)).toBeLessThan(1);
      cache.read('edited: true\n');
      expect(files()).toContain(used);
      expect(files()).not.toContain(unused);
    });
  });

  it('gives the real knowledge base and handoff.yaml exactly as parsing them does', () => {
    const root = join(__dirname, '..', '..');
    const kbDir = join(root, 'knowledge', 'entries');
    const synonymsFile = join(root, 'knowledge', 'synonyms.yaml');
    const handoffFile = join(root, 'config', 'handoff.yaml');
    const parsed = loadKnowledge({ kbDir, synonymsFile });
    const parsedHandoff = loadHandoffConfig(handoffFile);
    for (const round of ['filling the cache', 'from the cache']) {
      const parser = countingParser();
      const yaml = new YamlCache({ dir, parser });
      const cached = loadKnowledge({ kbDir, synonymsFile, yaml });
      expect(cached.kb.entries).toEqual(parsed.kb.entries);
      expect(cached.search.search('rinnovo autorizzazione scarichi')).toEqual(
        parsed.search.search('rinnovo autorizzazione scarichi'),
      );
      expect(loadHandoffConfig(handoffFile, yaml)).toEqual(parsedHandoff);
      if (round === 'from the cache') expect(parser.calls).toBe(0);
      else expect(parser.calls).toBe(parsed.kb.entries.length + 2);
    }
  });
});

describe('survivesJson', () => {
  it.each([
    [{ a: [1, 'x', true, null, { b: 2.5 }] }, true],
    [{ a: Number.NaN }, false],
    [{ a: new Date(0) }, false],
    [[new Map()], false],
    [{ a: undefined }, false],
  ])('%p → %p', (value, expected) => {
    expect(survivesJson(value)).toBe(expected);
  });
});
