/** A ready-made reply operators insert into the chat box; supervisors edit them. */
export interface CannedReply {
  id: string;
  title: string;
  text: string;
  updatedAt: string;
  updatedBy: string;
}

export type CannedReplyInput = Pick<CannedReply, 'title' | 'text'>;

export class CannedReplyNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`Canned reply "${id}" not found`);
    this.name = 'CannedReplyNotFoundError';
  }
}
