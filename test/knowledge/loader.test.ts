import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KbValidationError } from '../../knowledge/kbValidationError';
import { checkKnowledgeBase, loadKnowledgeBase } from '../../knowledge/loader';

const FIXTURES = join(__dirname, '..', 'fixtures', 'knowledge');

/**
 * A directory holding the broken YAML fixture as autoscuole.yaml (it is stored as .txt so that
 * prettier --check does not trip over it).
 */
function badYamlDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-bad-yaml-'));
  copyFileSync(join(FIXTURES, 'broken', 'bad-yaml.yaml.txt'), join(dir, 'autoscuole.yaml'));
  return dir;
}

function loadError(dir: string): KbValidationError {
  try {
    loadKnowledgeBase(dir.startsWith('/') ? dir : join(FIXTURES, dir));
  } catch (err) {
    if (err instanceof KbValidationError) return err;
    throw err;
  }
  throw new Error(`${dir} loaded without error`);
}

describe('loadKnowledgeBase', () => {
  it('loads every entry of a valid directory and finds them by id', () => {
    const kb = loadKnowledgeBase(join(FIXTURES, 'kb'));
    expect(kb.size).toBe(10);
    expect(kb.get('accessi-carrai')?.title).toMatch(/accessi carrai/);
    expect(kb.get('nope')).toBeUndefined();
    // defaults filled in by the schema
    expect(kb.get('autoscuole')?.keywordsEn).toEqual([]);
    expect(kb.get('autoscuole')?.reviewNeeded).toBe(false);
  });

  it('stops at a YAML syntax error, naming the file and the line', () => {
    const dir = badYamlDir();
    const err = loadError(dir);
    rmSync(dir, { recursive: true, force: true });
    expect(err.file).toMatch(/autoscuole\.yaml$/);
    expect(err.line).toBeGreaterThan(1);
    expect(err.message).toMatch(/autoscuole\.yaml:\d+: YAML syntax error/);
  });

  it('names the missing field', () => {
    const err = loadError('broken/missing-field');
    expect(err.file).toMatch(/licenza-pesca\.yaml$/);
    expect(err.field).toBe('summary');
    expect(err.message).toContain('summary');
  });

  it('names a field of the wrong type and says why', () => {
    const err = loadError('broken/wrong-type');
    expect(err.field).toBe('deadlineDays');
    expect(err.reason).toMatch(/number/i);
  });

  it('refuses two files with the same id', () => {
    const err = loadError('broken/duplicate-id');
    expect(err.field).toBe('id');
    expect(err.reason).toMatch(/duplicate id "licenza-pesca"/);
  });

  it('requires the competent authority on rinvio entries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    try {
      writeFileSync(
        join(dir, 'rinvio-inps.yaml'),
        'id: rinvio-inps\ntype: rinvio\ntitle: Pensioni\narea: info\nsummary: Pensioni e NASpI sono di competenza INPS.\nlastReviewed: 2026-01-01\n',
      );
      expect(() => loadKnowledgeBase(dir)).toThrow(/competentAuthority/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('checkKnowledgeBase', () => {
  it('collects the problems of every broken file instead of stopping', () => {
    const result = checkKnowledgeBase(join(FIXTURES, 'broken', 'duplicate-id'));
    expect(result.problems).toHaveLength(1);
    expect(result.entries).toHaveLength(1);
  });

  it('lists entries flagged for review and entries reviewed more than a year ago', () => {
    const result = checkKnowledgeBase(join(FIXTURES, 'review'), new Date('2026-11-26T00:00:00Z'));
    expect(result.problems).toEqual([]);
    expect(result.reviewNeeded).toEqual(['licenza-pesca']);
    expect(result.stale).toEqual(['autoscuole']);
  });

  it('warns when a file is not named after its id', () => {
    const result = checkKnowledgeBase(join(FIXTURES, 'broken', 'duplicate-id'));
    expect(result.warnings.map((w) => w.reason).join()).not.toMatch(/licenza-pesca-copia/);
    const fresh = checkKnowledgeBase(join(FIXTURES, 'kb'));
    expect(fresh.warnings).toEqual([]);
  });
});
