import type { Response } from 'restify';

/** The error body every API of ours returns: `{"error":{"code","message"}}` (Direct Line's shape). */
export interface ErrorBody {
  error: { code: string; message: string };
}

export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): void {
  if (headers) for (const [k, v] of Object.entries(headers)) res.header(k, v);
  res.send(status, { error: { code, message } } satisfies ErrorBody);
}
