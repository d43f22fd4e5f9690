import { createReadStream, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { Request, Response } from 'restify';
import { sendError } from '../app/httpErrors';

/** Content types of the files our pages use. */
export const CONTENT_TYPES: Record<string, string> = {
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

/** The `*` part of a wildcard route, decoded; a malformed escape becomes a path that is refused. */
export function wildcardPath(req: Request): string {
  const params = req.params as Record<string, string | undefined>;
  try {
    return decodeURIComponent(params['*'] ?? '');
  } catch {
    return '\0';
  }
}

/** Streams a file with the given extra headers; resolves when the response is finished. */
export async function sendFile(res: Response, file: string, headers: Record<string, string>): Promise<void> {
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
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(size),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  await new Promise<void>((done) => {
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    res.on('close', done);
    stream.pipe(res);
  });
}

/** Sends `rel` from inside `dir`, refusing paths that climb out of it (../, absolute, NUL). */
export async function serveFrom(
  res: Response,
  dir: string,
  rel: string,
  headers: Record<string, string>,
): Promise<void> {
  const base = resolve(dir);
  const file = resolve(join(base, rel));
  if (!file.startsWith(base + sep) || rel.includes('\0')) {
    sendError(res, 404, 'NotFound', 'Not found');
    return;
  }
  await sendFile(res, file, headers);
}
