import type { Server } from 'restify';
import { createHttpServer } from '../../app/server';
import { createLogger } from '../../ops/logger';
import { MemoryConversationLog } from '../../ratings/memoryConversationLog';
import { MemoryRatingStore } from '../../ratings/memoryRatingStore';
import { type AuthorizeResult, ReportsRoutes } from '../../ratings/reportsRoute';
import { ReportService } from '../../ratings/reportService';
import type { PerformanceReport, SatisfactionReport, TrendReport } from '../../ratings/reports';
import { seed } from './seed';

const KEY = 'Bearer chiave-amministratore-di-prova';

/** Stand-in for the composition root's rule: the admin key is ok, an operator cookie is forbidden. */
async function authorize(req: {
  headers: Record<string, string | string[] | undefined>;
}): Promise<AuthorizeResult> {
  if (req.headers.authorization === KEY) return 'ok';
  if (req.headers.cookie === 'ruolo=operatore') return 'forbidden';
  return 'unauthenticated';
}

let server: Server;
let base = '';
beforeAll(async () => {
  const ratings = new MemoryRatingStore();
  const log = new MemoryConversationLog();
  await seed(ratings, log);
  server = createHttpServer({
    maxBodyBytes: 10_000,
    logger: createLogger({ level: 'silent', maskPersonalData: true }),
  });
  new ReportsRoutes(new ReportService(ratings, log), {
    authorize,
    now: () => Date.parse('2026-11-20T10:00:00Z'),
  }).mount(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const get = (path: string, headers: Record<string, string> = { authorization: KEY }) =>
  fetch(`${base}${path}`, { headers });

describe('ReportsRoutes', () => {
  it('answers 401 without credentials and 403 to a non-supervisor, on every report and both prefixes', async () => {
    for (const path of ['/api/reports', '/api/operator/reports'].flatMap((base) =>
      ['satisfaction', 'satisfaction.csv', 'performance', 'performance.csv', 'trend'].map(
        (r) => `${base}/${r}`,
      ),
    )) {
      const anonymous = await get(path, {});
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({
        error: { code: 'Unauthorized', message: expect.any(String) },
      });
      const operator = await get(path, { cookie: 'ruolo=operatore' });
      expect(operator.status).toBe(403);
      expect((await operator.json()).error.code).toBe('Forbidden');
    }
  });

  it('returns the satisfaction report for whole Rome days, `to` included', async () => {
    const res = await get('/api/reports/satisfaction?from=2026-11-01&to=2026-11-30&groupBy=channel');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const report = (await res.json()) as SatisfactionReport;
    expect(report.from).toBe('2026-10-31T23:00:00.000Z');
    expect(report.to).toBe('2026-11-30T23:00:00.000Z');
    expect(report.total).toMatchObject({ conversations: 10, rated: 6, participationPct: 60 });
    expect(report.groups.map((g) => g.key)).toEqual(['webchat', 'telegram']);
  });

  it('serves the same report under /api/operator/reports, where the console session cookie goes', async () => {
    const a = await (
      await get('/api/reports/satisfaction?from=2026-11-01&to=2026-11-30&groupBy=queue')
    ).json();
    const b = await (
      await get('/api/operator/reports/satisfaction?from=2026-11-01&to=2026-11-30&groupBy=queue')
    ).json();
    expect(b).toEqual(a);
  });

  it('accepts a range of up to 731 days, both ends included, and no more', async () => {
    expect((await get('/api/reports/satisfaction?from=2025-11-01&to=2027-11-01&groupBy=month')).status).toBe(
      200,
    );
    expect((await get('/api/reports/satisfaction?from=2025-11-01&to=2027-11-02&groupBy=month')).status).toBe(
      400,
    );
  });

  it('defaults to the 30 days ending today, grouped by day', async () => {
    const report = (await (await get('/api/reports/satisfaction')).json()) as SatisfactionReport;
    expect(report.groupBy).toBe('day');
    expect(report.groups).toHaveLength(30);
    expect(report.groups[0]?.key).toBe('2026-10-22');
    expect(report.groups.at(-1)?.key).toBe('2026-11-20');
  });

  it('returns performance and trend', async () => {
    const perf = (await (
      await get('/api/reports/performance?from=2026-11-01&to=2026-11-30&groupBy=queue')
    ).json()) as PerformanceReport;
    expect(perf.total).toMatchObject({ conversations: 10, escalated: 4, wait: { p50Ms: 60_000 } });
    const trend = (await (
      await get('/api/reports/trend?from=2026-11-01&to=2026-11-30&period=week')
    ).json()) as TrendReport;
    expect(trend.points.map((p) => p.rated)).toEqual([0, 6, 0, 0, 0, 0]);
  });

  it('downloads the CSV as an attachment named after the query', async () => {
    const res = await get('/api/reports/satisfaction.csv?from=2026-11-01&to=2026-11-30&groupBy=week');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="soddisfazione_2026-11-01_2026-11-30_week.csv"',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('\r\nsettimana 45/2026 (dal 02/11);2026-W45;7;6;85,7;');
    expect(text).toMatch(/\r\nTotale;;10;6;60;3;2;1;50;33,3;16,7;1;0;0;0;0;0\r\n$/);
  });

  it('answers 400 with our error body to unusable parameters', async () => {
    for (const query of [
      'groupBy=year',
      'from=2026-13-01',
      'to=30/11/2026',
      'from=2026-11-30&to=2026-11-01',
      'from=2020-01-01&to=2026-11-30',
    ]) {
      const res = await get(`/api/reports/satisfaction?${query}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('BadArgument');
      expect(body.error.message.length).toBeGreaterThan(5);
    }
    expect((await get('/api/reports/trend?period=year')).status).toBe(400);
  });

  it('answers 500 without details when a store fails', async () => {
    const broken = new MemoryRatingStore();
    broken.list = async () => {
      throw new Error('redis down at 10.0.0.1');
    };
    const errors: object[] = [];
    const s = createHttpServer({
      maxBodyBytes: 1000,
      logger: createLogger({ level: 'silent', maskPersonalData: true }),
    });
    new ReportsRoutes(new ReportService(broken, new MemoryConversationLog()), {
      authorize: async () => 'ok',
      logger: { error: (obj) => errors.push(obj) },
    }).mount(s);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const address = s.server.address();
    try {
      const res = await fetch(
        `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/reports/satisfaction`,
      );
      expect(res.status).toBe(500);
      expect(JSON.stringify(await res.json())).not.toContain('10.0.0.1');
      expect(errors).toHaveLength(1);
    } finally {
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  });
});
