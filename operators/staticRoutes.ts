import { resolve } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { sendFile, serveFrom, wildcardPath } from '../web/staticFiles';

export interface OperatorStaticOptions {
  /** The console page: web/public/operator. */
  pageDir: string;
  /** bootstrap-italia's dist folder, served under /vendor/bootstrap-italia/ (undefined: served elsewhere). */
  bootstrapItaliaDir: string | undefined;
  /** The API description, served at /operator/openapi.yaml. */
  openApiFile: string;
}

export const DEFAULT_OPERATOR_STATIC_OPTIONS: OperatorStaticOptions = {
  pageDir: 'web/public/operator',
  bootstrapItaliaDir: 'node_modules/bootstrap-italia/dist',
  openApiFile: 'docs/openapi-operator.yaml',
};

/** Only our own files: no inline script, no third-party origin, no framing (clickjacking). */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The console's pages: no framing, no referrer, only our own scripts. */
function headers(cache: string): Record<string, string> {
  return {
    'Cache-Control': cache,
    'Content-Security-Policy': CONSOLE_CSP,
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };
}

/** Serves the operator console page, bootstrap-italia and the API description. */
export function mountOperatorStatic(server: Server, options: Partial<OperatorStaticOptions> = {}): void {
  const o = { ...DEFAULT_OPERATOR_STATIC_OPTIONS, ...options };
  const pageDir = resolve(o.pageDir);
  const vendorDir = o.bootstrapItaliaDir === undefined ? undefined : resolve(o.bootstrapItaliaDir);
  server.get('/operator', async (_req: Request, res: Response) => {
    res.header('Location', '/operator/');
    res.send(301);
  });
  server.get('/operator/openapi.yaml', async (_req: Request, res: Response) =>
    sendFile(res, resolve(o.openApiFile), headers('no-cache')),
  );
  server.get('/operator/*', async (req: Request, res: Response) =>
    serveFrom(res, pageDir, wildcardPath(req) || 'index.html', headers('no-cache')),
  );
  if (vendorDir !== undefined)
    server.get('/vendor/bootstrap-italia/*', async (req: Request, res: Response) =>
      serveFrom(res, vendorDir, wildcardPath(req), headers('public, max-age=86400')),
    );
}
