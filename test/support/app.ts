import { type App, buildApp } from '../../app/compose';
import { testConfig } from './config';

/** Builds and starts the whole service on a free port with test defaults. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<App> {
  const app = await buildApp(testConfig({ PORT: '0', HOST: '127.0.0.1', ...overrides }));
  await app.start();
  return app;
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
