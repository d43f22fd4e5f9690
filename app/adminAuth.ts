import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';

/** True when the request carries `Authorization: Bearer <key>` (constant-time compare). */
export function hasAdminKey(req: Request, key: string | undefined): boolean {
  if (!key) return false;
  const header = req.header('authorization') ?? '';
  if (!header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const expected = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
