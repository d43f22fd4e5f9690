import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type YamlReader, yamlParser } from '../config/yamlReader';
import { analyzeStems } from './analyzer';
import type { Language } from './stemmer';

/** A family: a list, or one line with the expressions separated by "|". */
const family = z
  .union([z.string().transform((line) => line.split('|').map((m) => m.trim())), z.array(z.string())])
  .pipe(z.array(z.string().min(1, 'must not be empty')).min(2, 'needs at least two expressions'));

const synonymsFileSchema = z
  .object({
    /** Italian families: every expression means the first one (the wording the KB uses). */
    families: z.array(family).default([]),
    /** English families, same rule. */
    familiesEn: z.array(family).default([]),
  })
  .strict();

export type SynonymFamilies = z.output<typeof synonymsFileSchema>;

export interface SynonymExpansion {
  /** A stem of the family's first expression, not in the text. */
  stem: string;
  /** The stems of the text's expression that matched. */
  sources: readonly string[];
}

interface Rule {
  sequence: string[];
  canonical: string[];
}

/**
 * Synonyms and jargon ("passo carrabile" -> "accesso carraio"). Matching is on stems, so
 * plurals and accents do not matter; a matched expression adds the stems of its family's first
 * member, on the question and on the entries alike, so either side may use any member.
 */
export class SynonymDictionary {
  private readonly rules: Record<Language, Map<string, Rule[]>> = { it: new Map(), en: new Map() };

  constructor(families: Partial<SynonymFamilies> = {}) {
    this.addFamilies(families.families ?? [], 'it');
    this.addFamilies(families.familiesEn ?? [], 'en');
  }

  /** Throws on a YAML syntax error (with its line) or a family that is not valid. */
  static fromYaml(text: string, yaml: YamlReader = yamlParser): SynonymDictionary {
    const reading = yaml.read(text);
    if ('error' in reading) throw new Error(`line ${reading.error.line}: ${reading.error.message}`);
    return new SynonymDictionary(synonymsFileSchema.parse(reading.value));
  }

  static load(file: string, yaml: YamlReader = yamlParser): SynonymDictionary {
    return SynonymDictionary.fromYaml(readFileSync(file, 'utf8'), yaml);
  }

  /** Stems to add to `stems` (in text order) for the expressions found in it; none already present. */
  expand(stems: readonly string[], language: Language): string[] {
    const rules = this.rules[language];
    // Most texts match no rule: the set of present stems is only built on the first match.
    let present: Set<string> | undefined;
    const added: string[] = [];
    for (let i = 0; i < stems.length; i++) {
      const first = stems[i];
      if (first === undefined) continue;
      const candidates = rules.get(first);
      if (candidates === undefined) continue;
      for (const rule of candidates) {
        if (!matchesAt(rule.sequence, stems, i)) continue;
        present ??= new Set(stems);
        for (const s of rule.canonical) {
          if (!present.has(s)) {
            present.add(s);
            added.push(s);
          }
        }
      }
    }
    return added;
  }

  /**
   * Like `expand`, with the stems of the expression that brought in each added stem: the search
   * credits a match on the family's wording to the question's own words, so a synonym says what
   * the question means without counting as more of it.
   */
  expandWithSources(stems: readonly string[], language: Language): SynonymExpansion[] {
    const rules = this.rules[language];
    let present: Set<string> | undefined;
    // An added stem two expressions bring in is listed once per expression.
    const added: SynonymExpansion[] = [];
    for (let i = 0; i < stems.length; i++) {
      const first = stems[i];
      if (first === undefined) continue;
      for (const rule of rules.get(first) ?? []) {
        if (!matchesAt(rule.sequence, stems, i)) continue;
        present ??= new Set(stems);
        for (const s of rule.canonical) if (!present.has(s)) added.push({ stem: s, sources: rule.sequence });
      }
    }
    return added;
  }

  private addFamilies(families: string[][], language: Language): void {
    for (const family of families) {
      const [head, ...members] = family.map((m) => analyzeStems(m, language));
      if (!head || head.length === 0) continue;
      for (const sequence of members) {
        const first = sequence[0];
        if (first === undefined) continue;
        const list = this.rules[language].get(first) ?? [];
        list.push({ sequence, canonical: head });
        this.rules[language].set(first, list);
      }
    }
  }
}

function matchesAt(sequence: readonly string[], stems: readonly string[], at: number): boolean {
  for (let k = 0; k < sequence.length; k++) if (stems[at + k] !== sequence[k]) return false;
  return true;
}
