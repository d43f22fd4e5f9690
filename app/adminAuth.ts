import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';

/** Constant-time comparison of two secrets; hashing first gives equal lengths, so length does not leak. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** True when the request carries `Authorization: Bearer <key>`. */
export function hasAdminKey(req: Request, key: string | undefined): boolean {
  if (!key) return false;
  const header = req.header('authorization') ?? '';
  return header.startsWith('Bearer ') && sameSecret(header.slice(7), key);
}
