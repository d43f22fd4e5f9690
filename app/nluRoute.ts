import type { Request, Response, Server } from 'restify';
import { type NluParseDeps, parseRequest } from '../knowledge/nluParse';
import { hasAdminKey } from './adminAuth';
import { sendError } from './httpErrors';

/**
 * `POST /api/nlu/parse` (like Rasa's /model/parse). Open in development; with ADMIN_API_KEY set
 * it requires `Authorization: Bearer ADMIN_API_KEY`.
 */
export function mountNluRoute(server: Server, deps: NluParseDeps, adminApiKey: string | undefined): void {
  server.post('/api/nlu/parse', async (req: Request, res: Response) => {
    if (adminApiKey && !hasAdminKey(req, adminApiKey)) {
      sendError(res, 401, 'Unauthorized', 'Authorization: Bearer ADMIN_API_KEY required', {
        'WWW-Authenticate': 'Bearer',
      });
      return;
    }
    const result = parseRequest(req.body, deps);
    res.send(result.status, result.body);
  });
}
