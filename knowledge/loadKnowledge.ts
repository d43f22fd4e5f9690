import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { YamlReader } from '../config/yamlReader';
import type { KnowledgeBase } from './knowledgeBase';
import { loadKnowledgeBase } from './loader';
import { KnowledgeSearch, type KnowledgeSearchOptions } from './search';
import { SynonymDictionary } from './synonymDictionary';

/**
 * knowledge/synonyms.yaml, found both from the sources (knowledge/) and from the build
 * (dist/knowledge/, where tsc does not copy YAML files).
 */
export function defaultSynonymsFile(): string {
  const candidates = [
    join(__dirname, 'synonyms.yaml'),
    resolve(__dirname, '..', '..', 'knowledge', 'synonyms.yaml'),
  ];
  return candidates.find((f) => existsSync(f)) ?? resolve('knowledge', 'synonyms.yaml');
}

/** The synonyms.yaml beside a knowledge-base directory (`entries/`), when there is one. */
export function synonymsFileBeside(kbDir: string): string | undefined {
  const file = join(dirname(kbDir), 'synonyms.yaml');
  return existsSync(file) ? file : undefined;
}

export interface LoadKnowledgeOptions {
  /** Directory of the entry files (config KB_DIR). */
  kbDir: string;
  /** Synonym dictionary; knowledge/synonyms.yaml by default. */
  synonymsFile?: string;
  search?: Partial<KnowledgeSearchOptions>;
  /** How the YAML files are read (the composition root passes its YamlCache). */
  yaml?: YamlReader;
}

export interface Knowledge {
  kb: KnowledgeBase;
  search: KnowledgeSearch;
}

/** Loads and validates the KB and builds its search; throws KbValidationError on a broken file. */
export function loadKnowledge(options: LoadKnowledgeOptions): Knowledge {
  const kb = loadKnowledgeBase(options.kbDir, options.yaml);
  const synonyms = SynonymDictionary.load(options.synonymsFile ?? defaultSynonymsFile(), options.yaml);
  return { kb, search: new KnowledgeSearch(kb.entries, synonyms, options.search) };
}
