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
  it('is the connection address unless the proxy is trusted', () => {
    expect(clientAddress(req('203.0.113.7'), false)).toBe('10.0.0.5');
    expect(clientAddress(req(undefined), true)).toBe('10.0.0.5');
  });

  it('behind the trusted proxy, is the entry the proxy appended (the last), whatever the client sent before it', () => {
    expect(clientAddress(req('203.0.113.7'), true)).toBe('203.0.113.7');
    expect(clientAddress(req('198.51.100.1, 203.0.113.7'), true)).toBe('203.0.113.7');
    expect(clientAddress(req(['198.51.100.1', '203.0.113.7 ']), true)).toBe('203.0.113.7');
  });
});
