import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { sendError } from '../app/httpErrors';
import { CSV_CONTENT_TYPE, toCsv } from './reportCsv';
import { formatLocalDate, type LocalDate, parseLocalDate, type Period, PERIODS } from './reportCalendar';
import type { ReportService } from './reportService';
import { type GroupBy, isGroupBy, type PerformanceReport, type SatisfactionReport } from './reports';

import type { AuthorizeResult } from './reportsAuthorizer';

export type { AuthorizeResult } from './reportsAuthorizer';

export interface ReportsRoutesOptions {
  /** Who may read reports: the composition root allows supervisors and the admin API key. */
  authorize: (req: Request) => Promise<AuthorizeResult>;
  /** Longest range one request may cover, in days (default 731). */
  maxRangeDays?: number;
  /** Range when `from` is missing: this many days ending on `to` (default 30). */
  defaultDays?: number;
  now?: () => number;
  logger?: { error(obj: object, msg: string): void };
  /**
   * When set, also serves the page: GET /operator/reports (reports.html), /operator/reports.js and
   * /operator/reports.css from this folder (web/public/operator). The page itself is public; its
   * data is not. chart.js must be served at /vendor/chart.js/ and bootstrap-italia at
   * /vendor/bootstrap-italia/.
   */
  pageDir?: string;
  /**
   * Where the API is mounted (default both): /api/reports for API clients with the admin key, and
   * /api/operator/reports for the page, because the console's session cookie is scoped to /api/operator.
   */
  basePaths?: readonly string[];
}

export const DEFAULT_REPORT_BASE_PATHS: readonly string[] = ['/api/reports', '/api/operator/reports'];

/** Only our own origin: no inline script or style, no framing. chart.js styles its canvas via the DOM, which CSP allows. */
export const REPORTS_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const PAGE_FILES: Array<[path: string, file: string, type: string]> = [
  ['/operator/reports', 'reports.html', 'text/html; charset=utf-8'],
  ['/operator/reports.js', 'reports.js', 'text/javascript; charset=utf-8'],
  ['/operator/reports.css', 'reports.css', 'text/css; charset=utf-8'],
];

export const DEFAULT_MAX_RANGE_DAYS = 731;
export const DEFAULT_REPORT_DAYS = 30;

/** A query parameter that cannot be used; answered with 400. */
export class ReportQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportQueryError';
  }
}

interface ParsedQuery {
  from: Date;
  to: Date;
  fromDate: LocalDate;
  toDate: LocalDate;
  groupBy: GroupBy;
}

/**
 * The report API for /operator/reports (each path also under /api/operator/reports, see basePaths):
 *   GET /api/reports/satisfaction?from=YYYY-MM-DD&to=YYYY-MM-DD&groupBy=day|week|month|channel|procedure|queue|operator
 *   GET /api/reports/satisfaction.csv?...   (download)
 *   GET /api/reports/trend?from=&to=&period=day|week|month
 *   GET /api/reports/performance?...  and  /api/reports/performance.csv?...
 * `from` and `to` are calendar days in the report time zone, both included; `to` defaults to
 * today and `from` to 30 days ending on `to`; `groupBy` defaults to day.
 */
export class ReportsRoutes {
  constructor(
    private readonly reports: ReportService,
    private readonly options: ReportsRoutesOptions,
  ) {}

  mount(server: Server): void {
    const pageDir = this.options.pageDir;
    if (pageDir !== undefined) {
      for (const [path, file, type] of PAGE_FILES) {
        server.get(path, async (_req: Request, res: Response) => {
          try {
            const body = await readFile(join(pageDir, file));
            res.writeHead(200, {
              'Content-Type': type,
              'Content-Length': body.length,
              'Cache-Control': 'no-cache',
              'Content-Security-Policy': REPORTS_PAGE_CSP,
              'X-Content-Type-Options': 'nosniff',
              'Referrer-Policy': 'no-referrer',
              'X-Frame-Options': 'DENY',
            });
            res.end(body);
          } catch {
            sendError(res, 404, 'NotFound', 'Not found');
          }
        });
      }
    }
    for (const base of this.options.basePaths ?? DEFAULT_REPORT_BASE_PATHS) {
      server.get(
        `${base}/satisfaction`,
        this.handle(async (q, res) => this.json(res, await this.satisfaction(q))),
      );
      server.get(
        `${base}/satisfaction.csv`,
        this.handle(async (q, res) => this.csv(res, await this.satisfaction(q), 'soddisfazione', q)),
      );
      server.get(
        `${base}/performance`,
        this.handle(async (q, res) => this.json(res, await this.performance(q))),
      );
      server.get(
        `${base}/performance.csv`,
        this.handle(async (q, res) => this.csv(res, await this.performance(q), 'prestazioni', q)),
      );
      server.get(
        `${base}/trend`,
        this.handle(async (q, res, params) => {
          const period = params.get('period') ?? (PERIODS.includes(q.groupBy as Period) ? q.groupBy : 'day');
          if (!PERIODS.includes(period as Period))
            throw new ReportQueryError(`period must be one of ${PERIODS.join(', ')}`);
          this.json(res, await this.reports.trend({ from: q.from, to: q.to, period: period as Period }));
        }),
      );
    }
  }

  private satisfaction(q: ParsedQuery): Promise<SatisfactionReport> {
    return this.reports.satisfaction({ from: q.from, to: q.to, groupBy: q.groupBy });
  }

  private performance(q: ParsedQuery): Promise<PerformanceReport> {
    return this.reports.performance({ from: q.from, to: q.to, groupBy: q.groupBy });
  }

  private handle(
    run: (query: ParsedQuery, res: Response, params: URLSearchParams) => Promise<void>,
  ): (req: Request, res: Response) => Promise<void> {
    return async (req, res) => {
      try {
        const auth = await this.options.authorize(req);
        if (auth === 'unauthenticated') {
          sendError(res, 401, 'Unauthorized', 'Supervisor login or admin API key required');
          return;
        }
        if (auth !== 'ok') {
          sendError(res, 403, 'Forbidden', 'Reports are for supervisors');
          return;
        }
        const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
        await run(this.parse(params), res, params);
      } catch (err) {
        if (err instanceof ReportQueryError) {
          sendError(res, 400, 'BadArgument', err.message);
          return;
        }
        this.options.logger?.error({ err }, 'report failed');
        sendError(res, 500, 'ServiceError', 'The report could not be computed');
      }
    };
  }

  /** Parses and checks from, to and groupBy (exported behaviour: 400 on anything unusable). */
  private parse(params: URLSearchParams): ParsedQuery {
    const calendar = this.reports.calendar;
    const groupBy = params.get('groupBy') ?? 'day';
    if (!isGroupBy(groupBy))
      throw new ReportQueryError(
        'groupBy must be one of day, week, month, channel, procedure, queue, operator',
      );
    const date = (name: string): LocalDate | undefined => {
      const raw = params.get(name);
      if (raw === null || raw === '') return undefined;
      const parsed = parseLocalDate(raw);
      if (!parsed) throw new ReportQueryError(`${name} must be a date as YYYY-MM-DD`);
      return parsed;
    };
    const toDate = date('to') ?? calendar.localDate((this.options.now ?? Date.now)());
    const fromDate =
      date('from') ?? calendar.addDays(toDate, -((this.options.defaultDays ?? DEFAULT_REPORT_DAYS) - 1));
    const from = calendar.startOfDay(fromDate);
    const to = calendar.startOfDay(calendar.addDays(toDate, 1));
    if (from.getTime() >= to.getTime()) throw new ReportQueryError('from must not be after to');
    const maxDays = this.options.maxRangeDays ?? DEFAULT_MAX_RANGE_DAYS;
    const days =
      Math.round(
        (Date.UTC(toDate.year, toDate.month - 1, toDate.day) -
          Date.UTC(fromDate.year, fromDate.month - 1, fromDate.day)) /
          86_400_000,
      ) + 1;
    if (days > maxDays) throw new ReportQueryError(`the range must not exceed ${maxDays} days`);
    return { from, to, fromDate, toDate, groupBy };
  }

  private json(res: Response, body: unknown): void {
    res.header('Cache-Control', 'no-store');
    res.send(200, body);
  }

  private csv(
    res: Response,
    report: SatisfactionReport | PerformanceReport,
    name: string,
    q: ParsedQuery,
  ): void {
    const body = Buffer.from(toCsv(report), 'utf8');
    const filename = `${name}_${formatLocalDate(q.fromDate)}_${formatLocalDate(q.toDate)}_${q.groupBy}.csv`;
    res.writeHead(200, {
      'Content-Type': CSV_CONTENT_TYPE,
      'Content-Length': body.length,
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
  }
}
