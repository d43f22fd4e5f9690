import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../../app/clientAddress';

function req(
  forwardedFor: string | string[] | undefined,
  remote = '10.0.0.5',
): Pick<IncomingMessage, 'headers' | 'socket'> {
  return {
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    socket: { remoteAddress: remote } as IncomingMessage['socket'],
  };
}

describe('clientAddress', () => {
  it('is the connection address when no proxy is trusted, or none wrote the header', () => {
    expect(clientAddress(req('203.0.113.7'), 0)).toBe('10.0.0.5');
    expect(clientAddress(req(undefined), 1)).toBe('10.0.0.5');
    expect(clientAddress(req(' , '), 1)).toBe('10.0.0.5');
  });

  it('behind one proxy, is the entry it appended (the last), whatever the client sent before it', () => {
    expect(clientAddress(req('203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(req('198.51.100.1, 203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(req(['198.51.100.1', '203.0.113.7 ']), 1)).toBe('203.0.113.7');
  });

  it('behind a CDN and a load balancer (2), is the entry the first of them appended', () => {
    // forged by the client, the client as the CDN saw it, the CDN edge as the balancer saw it
    expect(clientAddress(req('198.51.100.1, 203.0.113.7, 192.0.2.10'), 2)).toBe('203.0.113.7');
    // Fewer entries than proxies: the leftmost, which one of ours still wrote.
    expect(clientAddress(req('203.0.113.7'), 2)).toBe('203.0.113.7');
  });
});
