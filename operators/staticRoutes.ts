import { createReadStream, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { sendError } from '../app/httpErrors';

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

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.yaml': 'application/yaml; charset=utf-8',
  '.map': 'application/json',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
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
    sendFile(res, resolve(o.openApiFile), 'no-cache'),
  );
  server.get('/operator/*', async (req: Request, res: Response) =>
    serveFrom(res, pageDir, wildcard(req) || 'index.html', 'no-cache'),
  );
  if (vendorDir !== undefined)
    server.get('/vendor/bootstrap-italia/*', async (req: Request, res: Response) =>
      serveFrom(res, vendorDir, wildcard(req), 'public, max-age=86400'),
    );
}

function wildcard(req: Request): string {
  const params = req.params as Record<string, string | undefined>;
  try {
    return decodeURIComponent(params['*'] ?? '');
  } catch {
    return '\0'; // malformed escape: refused below like any other bad path
  }
}

async function serveFrom(res: Response, dir: string, rel: string, cache: string): Promise<void> {
  const file = resolve(join(dir, rel));
  // No escaping the folder with ../ or an absolute path.
  if (!file.startsWith(dir + sep) || rel.includes('\0')) {
    sendError(res, 404, 'NotFound', 'Not found');
    return;
  }
  await sendFile(res, file, cache);
}

/** Streams a file; resolves when the response is finished (restify then runs its after-handlers). */
async function sendFile(res: Response, file: string, cache: string): Promise<void> {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    sendError(res, 404, 'NotFound', 'Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(size),
    'Cache-Control': cache,
    'Content-Security-Policy': CONSOLE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  });
  await new Promise<void>((done) => {
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    res.on('close', done);
    stream.pipe(res);
  });
}
