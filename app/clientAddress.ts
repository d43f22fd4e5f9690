import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, for rate limits and throttles. With TRUST_PROXY (one reverse
 * proxy in front of the service), the last `X-Forwarded-For` entry: the address that proxy saw
 * and appended. Earlier entries are whatever the client sent, so a limit keyed on them could be
 * dodged by sending a different one each time.
 */
export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const list = Array.isArray(header) ? header.join(',') : header;
    const last = list?.split(',').pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
