import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Request, Response, Server } from 'restify';

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
};

/** Sends a file under `root`, refusing paths that climb out of it. */
export function sendFile(res: Response, root: string, relative: string, cacheSeconds = 0): void {
  const base = resolve(root);
  const path = normalize(join(base, relative));
  if ((path !== base && !path.startsWith(base + sep)) || !existsSync(path) || !statSync(path).isFile()) {
    res.send(404, { error: { code: 'NotFound', message: 'Not found' } });
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
    'Content-Length': statSync(path).size,
    'Cache-Control': cacheSeconds > 0 ? `public, max-age=${cacheSeconds}` : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  createReadStream(path).pipe(res);
}

/** Serves every file below `root` at `prefix/*`. */
export function mountDirectory(server: Server, prefix: string, root: string, cacheSeconds = 0): void {
  const handler = async (req: Request, res: Response) => {
    const rest = decodeURIComponent((req.path() ?? '').slice(prefix.length + 1));
    sendFile(res, root, rest, cacheSeconds);
  };
  server.get(`${prefix}/*`, handler);
  server.head(`${prefix}/*`, handler);
}

export interface WebRoutesOptions {
  /** Project root (where node_modules and web/public are). */
  root: string;
}

/**
 * The citizen page, the privacy notice and the front-end libraries, all served from this server
 * and node_modules: nothing is loaded from a CDN.
 */
export function mountWebRoutes(server: Server, options: WebRoutesOptions): void {
  const pub = join(options.root, 'web', 'public');
  const modules = join(options.root, 'node_modules');
  server.get('/', async (_req: Request, res: Response) => sendFile(res, pub, 'index.html'));
  server.get('/privacy', async (_req: Request, res: Response) => sendFile(res, pub, 'privacy.html'));
  server.get('/favicon.ico', async (_req: Request, res: Response) => {
    res.send(204);
  });
  mountDirectory(server, '/static', pub);
  mountDirectory(server, '/vendor/webchat', join(modules, 'botframework-webchat', 'dist'), 86400);
  mountDirectory(server, '/vendor/bootstrap-italia', join(modules, 'bootstrap-italia', 'dist'), 86400);
  mountDirectory(server, '/vendor/chart.js', join(modules, 'chart.js', 'dist'), 86400);
}
