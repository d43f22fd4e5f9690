import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'restify';
import { createHttpServer } from '../../app/server';
import { createLogger } from '../../ops/logger';
import { MemoryConversationLog } from '../../ratings/memoryConversationLog';
import { MemoryRatingStore } from '../../ratings/memoryRatingStore';
import { ReportsRoutes } from '../../ratings/reportsRoute';
import { ReportService } from '../../ratings/reportService';
import { mountDirectory } from '../../web/staticRoutes';
import { seed } from '../ratings/seed';
import { launchChromium } from '../support/browser';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
const AXE_PATH = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const SESSION = { name: 'la_test_supervisor', value: 'si' };

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: unknown }>;
}

/** Pixels of a canvas that are not transparent, and those close to a colour. */
function canvasPixels(page: Page, id: string, rgb: [number, number, number]) {
  return page.evaluate(
    ({ id, rgb }) => {
      const canvas = document.getElementById(id) as HTMLCanvasElement;
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let painted = 0;
      let colour = 0;
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i + 3] ?? 0) === 0) continue;
        painted++;
        const d =
          Math.abs((data[i] ?? 0) - rgb[0]) +
          Math.abs((data[i + 1] ?? 0) - rgb[1]) +
          Math.abs((data[i + 2] ?? 0) - rgb[2]);
        if (d < 30) colour++;
      }
      return { painted, colour, width: canvas.width, height: canvas.height };
    },
    { id, rgb },
  );
}

async function runAxe(page: Page): Promise<Array<{ id: string; help: string; nodes: unknown[] }>> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: '/test/axe.min.js' });
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
    };
    const result = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target) }));
  });
}

describe('report page /operator/reports in Chromium', () => {
  if (!existsSync(CHROMIUM)) {
    it('needs /usr/bin/chromium', () => {
      throw new Error(`${CHROMIUM} is missing: install chromium to run the browser test`);
    });
    return;
  }

  let server: Server;
  let base = '';
  let browser: Browser;

  beforeAll(async () => {
    const ratings = new MemoryRatingStore();
    const log = new MemoryConversationLog();
    await seed(ratings, log);
    server = createHttpServer({
      maxBodyBytes: 10_000,
      logger: createLogger({ level: 'silent', maskPersonalData: true }),
    });
    new ReportsRoutes(new ReportService(ratings, log), {
      // Stand-in for the composition root's supervisor check.
      authorize: async (req) =>
        (req.headers.cookie ?? '').includes(`${SESSION.name}=${SESSION.value}`) ? 'ok' : 'unauthenticated',
      pageDir: join(ROOT, 'web', 'public', 'operator'),
    }).mount(server);
    mountDirectory(
      server,
      '/vendor/bootstrap-italia',
      join(ROOT, 'node_modules', 'bootstrap-italia', 'dist'),
    );
    mountDirectory(server, '/vendor/chart.js', join(ROOT, 'node_modules', 'chart.js', 'dist'));
    // Same origin, so the page's CSP (script-src 'self') lets the test load axe-core.
    server.get('/test/axe.min.js', async (_req, res) => {
      const body = readFileSync(AXE_PATH);
      res.writeHead(200, { 'Content-Type': 'text/javascript', 'Content-Length': body.length });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('shows the seeded figures, draws the charts, downloads the CSV and passes axe-core (WCAG 2.1 AA)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1800 } });
    // Scoped like the console's session cookie: only sent to /api/operator/*.
    await context.addCookies([{ ...SESSION, domain: '127.0.0.1', path: '/api/operator' }]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${m.text()} ${m.location().url}`);
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    try {
      await page.goto(`${base}/operator/reports?from=2026-11-01&to=2026-11-30&groupBy=channel&period=week`);
      await page.getByRole('status').filter({ hasText: 'Dati aggiornati' }).waitFor();
      expect(await page.getByRole('status').textContent()).toBe(
        'Dati aggiornati: 10 conversazioni, 6 valutate.',
      );

      // Figures from the seed, as the supervisor reads them.
      const summary = await page.locator('#summary').innerText();
      expect(summary).toMatch(/Partecipazione\s+60%/);
      expect(summary).toMatch(/Faccine gialle\s+33,3%/);
      const webchat = page.locator('#groups-table tbody tr', { hasText: 'Web chat' });
      expect(await webchat.locator('td').allInnerTexts()).toEqual([
        '6',
        '4',
        '66,7%',
        '2 (50%)',
        '1 (25%)',
        '1 (25%)',
      ]);
      expect(
        await page
          .locator('#reasons-table tbody tr', { hasText: 'Tempi di attesa' })
          .locator('td')
          .innerText(),
      ).toBe('1');
      expect(await page.locator('#trend-table tbody tr').count()).toBe(6);
      const anna = page
        .getByRole('table', { name: 'Prestazioni per operatore' })
        .locator('tr', { hasText: 'anna' });
      expect(await anna.locator('td').allInnerTexts()).toEqual([
        '2',
        '0 (0%)',
        '2 (100%)',
        '2',
        '1 min 00 s',
        '30 s',
        '1 min 30 s',
        '2',
        '7 min 30 s',
        '5 min 00 s',
      ]);

      // Charts: bars in the face colours are actually painted.
      const trend = await canvasPixels(page, 'trend-chart', [0x00, 0x84, 0x4a]);
      expect(trend.width).toBeGreaterThan(100);
      expect(trend.painted).toBeGreaterThan(1000);
      expect(trend.colour).toBeGreaterThan(100);
      const reasons = await canvasPixels(page, 'reasons-chart', [0xc0, 0x10, 0x2b]);
      expect(reasons.colour).toBeGreaterThan(100);

      // CSV export follows the filters.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Scarica i giudizi (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('soddisfazione_2026-11-01_2026-11-30_channel.csv');
      const csv = readFileSync((await download.path()) ?? '');
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.toString('utf8')).toContain('\r\nWeb chat;webchat;6;4;66,7;2;1;1;50;25;25;');

      // Changing the filters reloads the report.
      await page.getByLabel('Raggruppa per').selectOption('week');
      await page.getByRole('button', { name: 'Aggiorna' }).click();
      await page.locator('#groups-table tbody tr', { hasText: 'settimana 45/2026' }).waitFor();
      expect(await page.getByRole('heading', { level: 2, name: 'Giudizi per settimana' }).count()).toBe(1);
      expect(new URL(page.url()).searchParams.get('groupBy')).toBe('week');
      expect(await page.getByRole('table', { name: 'Prestazioni per settimana' }).count()).toBe(1);

      const violations = await runAxe(page);
      expect(violations).toEqual([]);
      // Phone width: wide tables scroll inside focusable regions.
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await runAxe(page)).toEqual([]);
      // No CSP violation, no script error under the page's real CSP.
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tells a visitor without a supervisor session to log in, and shows no data', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${base}/operator/reports`);
      await page.getByRole('status').filter({ hasText: 'Accesso riservato' }).waitFor();
      expect(
        await page.getByRole('link', { name: 'Accedi dalla console operatori' }).getAttribute('href'),
      ).toBe('/operator/');
      expect(await page.locator('#report').isHidden()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
