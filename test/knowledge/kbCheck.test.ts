import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { YamlCache, yamlParser } from '../../config/yamlReader';
import { loadKnowledge } from '../../knowledge/loadKnowledge';
import { main } from '../../scripts/kbCheck';

const FIXTURES = join(__dirname, '..', 'fixtures', 'knowledge');

function run(dir: string, yamlCacheDir = 'off'): { code: number; out: string } {
  let out = '';
  const capture = (chunk: string | Uint8Array): boolean => {
    out += String(chunk);
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    return { code: main([dir], new Date('2026-11-26T00:00:00Z'), yamlCacheDir), out };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('kb:check', () => {
  it('leaves every file it parsed in the YAML cache: the next start parses nothing', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'kb-check-cache-'));
    try {
      expect(run(join(FIXTURES, 'kb'), cacheDir).code).toBe(0);
      expect(readdirSync(cacheDir)).toHaveLength(10 + 1); // the entries and synonyms.yaml
      let parsed = 0;
      const parser = {
        read: (text: string) => {
          parsed += 1;
          return yamlParser.read(text);
        },
      };
      const started = loadKnowledge({
        kbDir: join(FIXTURES, 'kb'),
        synonymsFile: join(FIXTURES, 'synonyms.yaml'),
        yaml: new YamlCache({ dir: cacheDir, parser }),
      });
      expect(started.kb.entries).toHaveLength(10);
      expect(parsed).toBe(0);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('exits 1 and names synonyms.yaml when it is broken', () => {
    const root = mkdtempSync(join(tmpdir(), 'kb-check-syn-'));
    try {
      mkdirSync(join(root, 'entries'));
      cpSync(join(FIXTURES, 'kb'), join(root, 'entries'), { recursive: true });
      writeFileSync(join(root, 'synonyms.yaml'), 'families:\n  - [solo]\n');
      const { code, out } = run(join(root, 'entries'));
      expect(code).toBe(1);
      expect(out).toMatch(/ERROR .*synonyms\.yaml: /);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('exits 0 on a valid knowledge base', () => {
    const { code, out } = run(join(FIXTURES, 'kb'));
    expect(code).toBe(0);
    expect(out).toContain('10 valid entries, 0 with errors');
  });

  it('exits 1 and names file and line of a YAML syntax error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-check-'));
    try {
      copyFileSync(join(FIXTURES, 'broken', 'bad-yaml.yaml.txt'), join(dir, 'autoscuole.yaml'));
      const { code, out } = run(dir);
      expect(code).toBe(1);
      expect(out).toMatch(/autoscuole\.yaml:\d+: YAML syntax error/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['missing-field', /licenza-pesca\.yaml: summary: /],
    ['wrong-type', /trasporti-eccezionali\.yaml: deadlineDays: /],
    ['duplicate-id', /id: duplicate id "licenza-pesca"/],
  ])('exits 1 and names file, field and reason for %s', (dir, message) => {
    const { code, out } = run(join(FIXTURES, 'broken', dir));
    expect(code).toBe(1);
    expect(out).toMatch(message);
  });

  it('lists entries needing review and stale ones without failing', () => {
    const { code, out } = run(join(FIXTURES, 'review'));
    expect(code).toBe(0);
    expect(out).toMatch(/Needing review.*licenza-pesca/);
    expect(out).toMatch(/more than a year ago.*autoscuole/);
  });

  it('exits 2 when the directory does not exist', () => {
    expect(run(join(FIXTURES, 'no-such-dir')).code).toBe(2);
  });
});
