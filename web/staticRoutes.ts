import { join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { sendFile, serveFrom, wildcardPath } from './staticFiles';

const NO_CACHE = { 'Cache-Control': 'no-cache' };
const ONE_DAY = { 'Cache-Control': 'public, max-age=86400' };

/** Serves every file below `root` at `prefix/*` (GET and HEAD). */
export function mountDirectory(
  server: Server,
  prefix: string,
  root: string,
  headers: Record<string, string> = NO_CACHE,
): void {
  const handler = async (req: Request, res: Response) => serveFrom(res, root, wildcardPath(req), headers);
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
  server.get('/', async (_req: Request, res: Response) => sendFile(res, join(pub, 'index.html'), NO_CACHE));
  server.get('/privacy', async (_req: Request, res: Response) =>
    sendFile(res, join(pub, 'privacy.html'), NO_CACHE),
  );
  server.get('/favicon.ico', async (_req: Request, res: Response) => {
    res.send(204);
  });
  mountDirectory(server, '/static', pub, NO_CACHE);
  mountDirectory(server, '/vendor/webchat', join(modules, 'botframework-webchat', 'dist'), ONE_DAY);
  mountDirectory(server, '/vendor/bootstrap-italia', join(modules, 'bootstrap-italia', 'dist'), ONE_DAY);
  mountDirectory(server, '/vendor/chart.js', join(modules, 'chart.js', 'dist'), ONE_DAY);
}
