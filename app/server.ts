import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../ops/logger';
import { sendError } from './httpErrors';

export interface HttpServerOptions {
  maxBodyBytes: number;
  logger: Logger;
}

const bodyLimits = new WeakMap<Server, number>();

/** The body size limit of a server made by createHttpServer (for routes that read bodies themselves). */
export function maxBodyBytesOf(server: Server): number | undefined {
  return bodyLimits.get(server);
}

/**
 * The restify server shared by every channel and page. Bodies are parsed here once, with the
 * configured size limit; malformed JSON and oversized bodies get our `{"error":{code,message}}`.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const server = restify.createServer({ name: 'linea-amica', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.context());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(
    restify.plugins.bodyParser({
      maxBodySize: options.maxBodyBytes,
      mapParams: false,
      mapFiles: false,
      rejectUnknown: false,
    }),
  );
  server.on(
    'restifyError',
    (
      req: Request,
      res: Response,
      err: Error & { statusCode?: number; body?: unknown; toJSON?: () => unknown },
      cb: () => void,
    ) => {
      const status = err.statusCode ?? 500;
      let code = 'ServiceError';
      let message = 'Internal error';
      if (status === 413) {
        code = 'MessageSizeExceeded';
        message = `Request body larger than ${options.maxBodyBytes} bytes`;
      } else if (status === 400) {
        code = 'BadArgument';
        message = `Malformed request: ${err.message}`;
      } else if (status === 404) {
        code = 'NotFound';
        message = 'Not found';
      } else if (status === 405) {
        code = 'MethodNotAllowed';
        message = 'Method not allowed';
      } else if (status === 415) {
        code = 'UnsupportedMediaType';
        message = err.message;
      } else if (status < 500) {
        code = 'BadArgument';
        message = err.message;
      } else {
        options.logger.error({ err, url: req.url }, 'unhandled error in HTTP handler');
      }
      err.toJSON = () => ({ error: { code, message } });
      (err as { body?: unknown }).body = { error: { code, message } };
      cb();
    },
  );
  bodyLimits.set(server, options.maxBodyBytes);
  return server;
}

export { sendError };
