import restify, { type Request, type Response } from 'restify';
import { announce } from './serverReady';

/**
 * Row a, the ceiling: restify 11 with only the JSON body parser and a POST handler that answers
 * at once. Nothing our bot does can be faster than this on the same machine.
 */
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ mapParams: false }));
// restify 11 rejects non-async handlers taking (req, res): the handler must be async.
server.post('/api/messages', async (_req: Request, res: Response) => {
  res.send(200, { id: 'ok' });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => announce(server.server));
