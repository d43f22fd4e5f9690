import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, for rate limits and throttles. Behind `trustedProxies`
 * reverse proxies (TRUST_PROXY), each of which appends the address it saw to X-Forwarded-For,
 * the client is that many entries from the right: the last entry behind one proxy, the one
 * before it behind a CDN and a load balancer. Entries further left are whatever the client sent,
 * so a limit keyed on them could be dodged by sending a different one each time.
 */
export function clientAddress(
  req: Pick<IncomingMessage, 'headers' | 'socket'>,
  trustedProxies: number,
): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const list = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (list.length === 0) return socket;
  // Fewer entries than proxies: the leftmost was still written by one of ours.
  return list[Math.max(0, list.length - trustedProxies)] ?? socket;
}
