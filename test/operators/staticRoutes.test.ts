import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Server } from 'restify';
import { createHttpServer } from '../../app/server';
import { mountOperatorStatic } from '../../operators/staticRoutes';

let server: Server;
let url: string;
beforeAll(async () => {
  server = createHttpServer({ maxBodyBytes: 1024, logger: pino({ level: 'silent' }) });
  mountOperatorStatic(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('operator console static routes', () => {
  it('redirects /operator to /operator/ and serves the page with a strict CSP', async () => {
    const redirect = await fetch(`${url}/operator`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/operator/');
    const page = await fetch(`${url}/operator/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('<html lang="it">');
    const js = await fetch(`${url}/operator/operator.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves bootstrap-italia from node_modules and the OpenAPI description', async () => {
    const css = await fetch(`${url}/vendor/bootstrap-italia/css/bootstrap-italia.min.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const spec = await fetch(`${url}/operator/openapi.yaml`);
    expect(spec.status).toBe(200);
    expect(await spec.text()).toMatch(/^openapi: 3/);
  });

  it('never serves files outside its folders', async () => {
    for (const path of [
      '/operator/..%2f..%2fpackage.json',
      '/operator/%2e%2e/%2e%2e/package.json',
      '/vendor/bootstrap-italia/..%2f..%2f..%2fpackage.json',
      '/operator/nonexistent.js',
      '/operator/%E0%A4%A',
    ]) {
      const res = await fetch(`${url}${path}`);
      expect([400, 404]).toContain(res.status);
      expect(await res.text()).not.toContain('"dependencies"');
    }
  });
});
