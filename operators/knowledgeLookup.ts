/** Agent assist: the knowledge base as the console sees it. */
export interface KnowledgeHit {
  id: string;
  title: string;
  summary: string;
}

export interface KnowledgeLookup {
  search(text: string, limit: number): KnowledgeHit[];
}
