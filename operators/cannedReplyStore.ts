import type { CannedReply, CannedReplyInput } from './cannedReply';

/** Canned replies. Memory and Redis implementations pass one contract suite. */
export interface CannedReplyStore {
  /** Sorted by title. */
  list(): Promise<CannedReply[]>;
  create(input: CannedReplyInput, by: string): Promise<CannedReply>;
  /** @throws CannedReplyNotFoundError */
  update(id: string, input: CannedReplyInput, by: string): Promise<CannedReply>;
  /** True when a reply was deleted. */
  delete(id: string): Promise<boolean>;
}

export function sortByTitle(replies: CannedReply[]): CannedReply[] {
  return replies.sort((a, b) => a.title.localeCompare(b.title, 'it'));
}
