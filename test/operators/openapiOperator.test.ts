import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type Harness, startConsole } from './support/consoleHarness';

/** docs/openapi-operator.yaml describes exactly the routes OperatorApi mounts, and the page uses only those. */
interface Spec {
  openapi: string;
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
}

const spec = parse(readFileSync(join(__dirname, '../../docs/openapi-operator.yaml'), 'utf8')) as Spec;
const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

function documented(): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(spec.paths))
    for (const m of Object.keys(item)) if (METHODS.includes(m)) out.push(`${m.toUpperCase()} ${path}`);
  return out.sort();
}

let h: Harness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => {
  await h.stop();
});

describe('docs/openapi-operator.yaml', () => {
  it('is OpenAPI 3 and every operation documents its responses', () => {
    expect(spec.openapi).toMatch(/^3\./);
    for (const [path, item] of Object.entries(spec.paths))
      for (const [m, op] of Object.entries(item))
        if (METHODS.includes(m))
          expect([path, m, Object.keys(op.responses ?? {}).length > 0]).toEqual([path, m, true]);
  });

  it('documents exactly the mounted routes', () => {
    const routes = h.server.getDebugInfo().routes as Array<{ method: string; path: string }>;
    const mounted = routes
      .map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .filter((r) => r.includes('/api/operator/'))
      .sort();
    expect(mounted).toEqual(documented());
  });

  it('covers every API call the page makes', () => {
    const js = readFileSync(join(__dirname, '../../web/public/operator/operator.js'), 'utf8');
    const calls = [...js.matchAll(/api\('(GET|POST|PUT|DELETE)', (['`])(.*?)\2/g)].map(
      ([, method, , path]) =>
        `${method} /api/operator${(path ?? '').split('?')[0]?.replace(/\$\{[^}]+\}/g, '{id}')}`,
    );
    expect(calls.length).toBeGreaterThan(15);
    const docs = new Set(documented());
    expect(calls.filter((c) => !docs.has(c))).toEqual([]);
    expect(js).toContain('/events');
  });
});
