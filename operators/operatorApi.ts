import { timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { clientAddress } from '../app/clientAddress';
import { z } from 'zod';
import { sendError } from '../app/httpErrors';
import type { CaseMessage, CaseOutcome, HandoffCase } from '../handoff/case';
import type { CaseStore } from '../handoff/caseStore';
import { typingEvent } from '../handoff/handoffEvent';
import type { HandoffEvents } from '../handoff/handoffEvents';
import { type OperatorPresence, servesQueue } from '../handoff/operatorPresence';
import type { Logger } from '../ops/logger';
import { CannedReplyNotFoundError } from './cannedReply';
import type { CannedReplyStore } from './cannedReplyStore';
import { caseErrorResponse } from './caseErrors';
import { caseDetailView, caseSummaryView } from './caseView';
import type { CitizenGateway } from './citizenGateway';
import { ConsoleEventStream } from './consoleEventStream';
import type { KnowledgeLookup } from './knowledgeLookup';
import { LoginLockedError, type LoginThrottle } from './loginThrottle';
import { type OperatorProfile, seesQueue, toProfile } from './operatorAccount';
import type { OperatorAccountStore } from './operatorAccountStore';
import type { OperatorSession } from './operatorSession';
import { verifyAgainstDummy, verifyPassword } from './passwordHash';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './sessionCookie';
import type { SessionStore } from './sessionStore';

export const API_BASE = '/api/operator';

/** Italian texts the citizen receives from the console itself. */
export interface ConsoleTexts {
  closed: string;
  released: string;
  transferred: string;
}

export const DEFAULT_CONSOLE_TEXTS: ConsoleTexts = {
  closed: "L'operatore ha chiuso la conversazione. Da ora ti risponde di nuovo l'assistente virtuale.",
  released: "L'operatore ti ha rimesso in coda: un collega ti risponderà appena possibile.",
  transferred:
    'Ti sto passando a un collega di un altro ufficio: resta in linea, ti risponderà appena possibile.',
};

export interface OperatorApiOptions {
  /** Session lifetime (SESSION_TTL_HOURS), for the cookie Max-Age. */
  sessionTtlMs: number;
  /** Queues a case may be transferred to. */
  queues: string[];
  /** true/false forces the cookie's Secure flag; 'auto' sets it when the request came over https. */
  secureCookies: boolean | 'auto';
  /** Use the first X-Forwarded-For address as client address (behind a reverse proxy). */
  /** TRUST_PROXY: reverse proxies in front (0: none; X-Forwarded-* are then ignored). */
  trustProxy: number;
  maxTextLength: number;
  /** How often an open event stream counts as a heartbeat, and sends a keep-alive comment. */
  streamHeartbeatMs: number;
  /**
   * How operator messages and typing reach the citizen. 'gateway': through CitizenGateway, then
   * recorded (the relay must then ignore `case.message` from operators). 'relay': only recorded
   * (appendMessage publishes `case.message`) and typing published as `case.typing`; the citizen's
   * process delivers them (handoff/README "Events"). Notices (release, transfer, close) always
   * go through CitizenGateway.
   */
  citizenDelivery: 'gateway' | 'relay';
  texts: ConsoleTexts;
}

export const DEFAULT_OPERATOR_API_OPTIONS: OperatorApiOptions = {
  sessionTtlMs: 12 * 3_600_000,
  queues: ['trasporti', 'strade', 'ambiente', 'caccia-pesca', 'lavoro', 'generale'],
  secureCookies: 'auto',
  trustProxy: 0,
  maxTextLength: 4000,
  streamHeartbeatMs: 15_000,
  citizenDelivery: 'gateway',
  texts: DEFAULT_CONSOLE_TEXTS,
};

export interface OperatorApiDeps {
  accounts: OperatorAccountStore;
  sessions: SessionStore;
  throttle: LoginThrottle;
  /** The PublishingCaseStore: every change it makes reaches HandoffEvents (and so the consoles). */
  cases: CaseStore;
  /** The console's live events come from here (and operator typing goes here in 'relay' mode). */
  events: HandoffEvents;
  presence: OperatorPresence;
  citizens: CitizenGateway;
  knowledge: KnowledgeLookup;
  cannedReplies: CannedReplyStore;
  logger: Logger;
  /** After a case is closed and the citizen told: the bot resumes and asks the rating. */
  onCaseClosed?: (closed: HandoffCase) => Promise<void>;
}

interface Caller {
  session: OperatorSession;
  user: OperatorProfile;
}

const loginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1024) });
const textBody = (max: number) => z.object({ text: z.string().trim().min(1).max(max) });
const transferBody = (queues: string[]) =>
  z.object({
    queue: z
      .string()
      .refine((q) => queues.includes(q), { message: `queue must be one of: ${queues.join(', ')}` }),
    note: z.string().trim().max(2000).optional(),
  });
const closeBody = z.object({ outcome: z.enum(['risolto', 'da-richiamare', 'non-di-competenza']) });
const cannedBody = z.object({
  title: z.string().trim().min(1).max(120),
  text: z.string().trim().min(1).max(4000),
});

/**
 * The operator console's HTTP API (documented in docs/openapi-operator.yaml), authenticated by a
 * session cookie; every state-changing call also needs the session's X-CSRF-Token.
 */
export class OperatorApi {
  private readonly options: OperatorApiOptions;
  private readonly stream: ConsoleEventStream;

  constructor(
    private readonly deps: OperatorApiDeps,
    options: Partial<OperatorApiOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPERATOR_API_OPTIONS, ...options };
    this.stream = new ConsoleEventStream(deps.events, {
      keepAliveMs: this.options.streamHeartbeatMs,
      onAlive: (user) => this.heartbeat(user),
      holderOf: async (caseId) => {
        const c = await deps.cases.get(caseId);
        return c?.state === 'assigned' ? c.operator : undefined;
      },
    });
  }

  mount(server: Server): void {
    const b = API_BASE;
    server.post(`${b}/session`, async (req: Request, res: Response) => this.login(req, res));
    server.del(
      `${b}/session`,
      this.authed({ csrf: true }, (req, res, c) => this.logout(req, res, c)),
    );
    server.get(
      `${b}/me`,
      this.authed({}, (_req, res, c) => this.me(res, c)),
    );
    server.post(
      `${b}/heartbeat`,
      this.authed({ csrf: true }, async (_req, res, c) => {
        await this.heartbeat(c.user);
        res.send(204);
      }),
    );
    server.get(
      `${b}/queues`,
      this.authed({}, (_req, res, c) => this.listQueues(res, c)),
    );
    server.get(
      `${b}/cases/:id`,
      this.authed({}, (req, res, c) => this.getCase(req, res, c)),
    );
    server.post(
      `${b}/cases/:id/claim`,
      this.authed({ csrf: true }, (req, res, c) => this.claim(req, res, c)),
    );
    server.post(
      `${b}/cases/:id/messages`,
      this.authed({ csrf: true }, (req, res, c) => this.message(req, res, c)),
    );
    server.post(
      `${b}/cases/:id/typing`,
      this.authed({ csrf: true }, (req, res, c) => this.typing(req, res, c)),
    );
    server.post(
      `${b}/cases/:id/notes`,
      this.authed({ csrf: true }, (req, res, c) => this.note(req, res, c)),
    );
    server.post(
      `${b}/cases/:id/transfer`,
      this.authed({ csrf: true }, (req, res, c) => this.transfer(req, res, c)),
    );
    server.post(
      `${b}/cases/:id/release`,
      this.authed({ csrf: true }, (req, res, c) => this.release(req, res, c)),
    );
    server.post(
      `${b}/cases/:id/close`,
      this.authed({ csrf: true }, (req, res, c) => this.close(req, res, c)),
    );
    server.get(
      `${b}/kb`,
      this.authed({}, (req, res) => this.kb(req, res)),
    );
    server.get(
      `${b}/canned-replies`,
      this.authed({}, async (_req, res) => {
        res.send(200, { replies: await this.deps.cannedReplies.list() });
      }),
    );
    server.post(
      `${b}/canned-replies`,
      this.authed({ csrf: true, supervisor: true }, (req, res, c) => this.saveCanned(req, res, c, undefined)),
    );
    server.put(
      `${b}/canned-replies/:id`,
      this.authed({ csrf: true, supervisor: true }, (req, res, c) =>
        this.saveCanned(req, res, c, String(req.params.id)),
      ),
    );
    server.del(
      `${b}/canned-replies/:id`,
      this.authed({ csrf: true, supervisor: true }, async (req, res) => {
        if (await this.deps.cannedReplies.delete(String(req.params.id))) res.send(204);
        else sendError(res, 404, 'NotFound', 'Canned reply not found');
      }),
    );
    server.get(
      `${b}/supervisor`,
      this.authed({ supervisor: true }, (_req, res) => this.supervisor(res)),
    );
    server.get(
      `${b}/queue-names`,
      this.authed({}, async (_req, res) => {
        res.send(200, { queues: this.options.queues });
      }),
    );
    server.get(
      `${b}/events`,
      this.authed({}, (req, res, c) =>
        this.stream.open(req, res, c.user, () => this.sessionValid(c.session.id)),
      ),
    );
  }

  /** Closes every open event stream (server shutdown). */
  shutdown(): void {
    this.stream.closeAll();
  }

  // --- authentication -------------------------------------------------------------------------

  private authed(
    rules: { csrf?: boolean; supervisor?: boolean },
    handler: (req: Request, res: Response, caller: Caller) => Promise<void>,
  ): (req: Request, res: Response) => Promise<void> {
    return async (req, res) => {
      res.header('Cache-Control', 'no-store');
      const id = readCookie(req.headers.cookie, SESSION_COOKIE);
      const session = id ? await this.deps.sessions.get(id) : undefined;
      if (!session) {
        // A citizen's Direct Line token (Authorization: Bearer) is not a console session either.
        sendError(res, 401, 'Unauthorized', 'Console login required');
        return;
      }
      const account = await this.deps.accounts.get(session.username);
      // A removed account, or one changed since login (password, role), needs a new login.
      if (!account || Date.parse(account.updatedAt) > Date.parse(session.createdAt)) {
        await this.deps.sessions.delete(session.id);
        sendError(res, 401, 'Unauthorized', 'Session ended: log in again');
        return;
      }
      if (rules.csrf && !sameToken(header(req, 'x-csrf-token'), session.csrfToken)) {
        sendError(res, 403, 'CsrfTokenInvalid', 'Missing or wrong X-CSRF-Token header');
        return;
      }
      if (rules.supervisor && account.role !== 'supervisor') {
        sendError(res, 403, 'Forbidden', 'Supervisors only');
        return;
      }
      try {
        await handler(req, res, { session, user: toProfile(account) });
      } catch (err) {
        const mapped = caseErrorResponse(err);
        if (mapped) {
          sendError(res, mapped.status, mapped.code, mapped.message);
          return;
        }
        this.deps.logger.error({ err, route: req.getRoute().path }, 'operator API error');
        sendError(res, 500, 'ServiceError', 'Internal error');
      }
    };
  }

  private async login(req: Request, res: Response): Promise<void> {
    res.header('Cache-Control', 'no-store');
    // A JSON body forces a CORS preflight from other sites: with SameSite=Strict, no login CSRF.
    if (!req.is('application/json')) {
      sendError(res, 415, 'UnsupportedMediaType', 'Send JSON');
      return;
    }
    const parsed = loginBody.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'BadArgument', 'username and password are required');
      return;
    }
    const { username, password } = parsed.data;
    const ip = this.clientIp(req);
    try {
      await this.deps.throttle.check(username, ip);
    } catch (err) {
      if (err instanceof LoginLockedError) {
        const retry = String(Math.ceil(err.retryAfterMs / 1000));
        sendError(res, 429, 'LoginLocked', 'Troppi tentativi falliti: riprova più tardi', {
          'Retry-After': retry,
        });
        return;
      }
      throw err;
    }
    const account = await this.deps.accounts.get(username);
    const ok = account
      ? await verifyPassword(account.passwordHash, password)
      : await verifyAgainstDummy(password);
    if (!account || !ok) {
      await this.deps.throttle.failure(username, ip);
      this.deps.logger.warn({ ip }, 'operator login failed');
      sendError(res, 401, 'LoginFailed', 'Nome utente o password errati');
      return;
    }
    await this.deps.throttle.success(username);
    const session = await this.deps.sessions.create(account.username);
    await this.heartbeat(toProfile(account));
    res.header(
      'Set-Cookie',
      sessionCookie(session.id, Math.floor(this.options.sessionTtlMs / 1000), this.secure(req)),
    );
    this.deps.logger.info({ operator: account.username }, 'operator logged in');
    res.send(201, { csrfToken: session.csrfToken, user: toProfile(account), expiresAt: session.expiresAt });
  }

  private async logout(req: Request, res: Response, caller: Caller): Promise<void> {
    await this.deps.sessions.delete(caller.session.id);
    await this.deps.presence.offline(caller.user.username);
    this.stream.closeSession(caller.user.username);
    res.header('Set-Cookie', clearedSessionCookie(this.secure(req)));
    res.send(204);
  }

  private async me(res: Response, caller: Caller): Promise<void> {
    const mine = await this.deps.cases.assignedTo(caller.user.username);
    res.send(200, {
      user: caller.user,
      csrfToken: caller.session.csrfToken,
      expiresAt: caller.session.expiresAt,
      cases: mine.map((c) => caseSummaryView(c)),
    });
  }

  private async sessionValid(id: string): Promise<boolean> {
    const session = await this.deps.sessions.get(id);
    if (!session) return false;
    const account = await this.deps.accounts.get(session.username);
    return account !== undefined && Date.parse(account.updatedAt) <= Date.parse(session.createdAt);
  }

  /** Presence records the queues the operator serves: the bot counts them available for those only. */
  private async heartbeat(user: OperatorProfile): Promise<void> {
    await Promise.all([
      this.deps.presence.heartbeat(user.username, user.queues),
      this.deps.cases.heartbeat(user.username),
    ]);
  }

  // --- cases ------------------------------------------------------------------------------------

  /** The queues the caller serves (supervisors: all) with their waiting cases, and the caller's cases. */
  private async listQueues(res: Response, caller: Caller): Promise<void> {
    const now = Date.now();
    const [snapshots, mine] = await Promise.all([
      this.deps.cases.queues(),
      this.deps.cases.assignedTo(caller.user.username),
    ]);
    const byName = new Map(snapshots.map((s) => [s.queue, s]));
    const names = [...new Set([...this.options.queues, ...byName.keys()])].filter((q) =>
      seesQueue(caller.user, q),
    );
    res.send(200, {
      queues: names.map((queue) => {
        const s = byName.get(queue);
        return {
          queue,
          oldestWaitMs: s?.oldestWaitMs ?? 0,
          waiting: (s?.waiting ?? []).map((c) => caseSummaryView(c, now)),
        };
      }),
      mine: mine.map((c) => caseSummaryView(c, now)),
    });
  }

  private async loadCase(req: Request, res: Response): Promise<HandoffCase | undefined> {
    const found = await this.deps.cases.get(String(req.params.id));
    if (!found) sendError(res, 404, 'NotFound', 'Case not found');
    return found;
  }

  /** The case, when the caller holds it (or is a supervisor and `supervisorToo`). */
  private async heldCase(
    req: Request,
    res: Response,
    caller: Caller,
    supervisorToo: boolean,
  ): Promise<HandoffCase | undefined> {
    const found = await this.loadCase(req, res);
    if (!found) return undefined;
    const holds = found.state === 'assigned' && found.operator === caller.user.username;
    if (holds || (supervisorToo && caller.user.role === 'supervisor' && found.state !== 'closed'))
      return found;
    if (found.state === 'closed') sendError(res, 409, 'CaseClosed', 'Case already closed');
    else sendError(res, 403, 'NotCaseHolder', 'Claim the case first');
    return undefined;
  }

  /**
   * The case, when the caller may see it: supervisors, its holder and the operators of its queue.
   * Others get 403 `QueueNotServed` (the case carries the citizen's contact details).
   */
  private async visibleCase(req: Request, res: Response, caller: Caller): Promise<HandoffCase | undefined> {
    const found = await this.loadCase(req, res);
    if (!found) return undefined;
    const holds = found.state === 'assigned' && found.operator === caller.user.username;
    if (holds || seesQueue(caller.user, found.queue)) return found;
    this.queueNotServed(res, found.queue);
    return undefined;
  }

  private queueNotServed(res: Response, queue: string): void {
    sendError(
      res,
      403,
      'QueueNotServed',
      `Non servi la coda "${queue}": questo caso spetta ai colleghi di quella coda`,
    );
  }

  private async getCase(req: Request, res: Response, caller: Caller): Promise<void> {
    const found = await this.visibleCase(req, res, caller);
    if (!found) return;
    const messages = await this.deps.cases.messages(found.id);
    res.send(200, { case: caseDetailView(found), messages });
  }

  /** Operators claim only from the queues they serve (supervisors from any). */
  private async claim(req: Request, res: Response, caller: Caller): Promise<void> {
    const found = await this.loadCase(req, res);
    if (!found) return;
    if (!seesQueue(caller.user, found.queue)) {
      this.queueNotServed(res, found.queue);
      return;
    }
    // The queue is checked again inside the claim: the case may be transferred meanwhile.
    const served =
      caller.user.role === 'supervisor' || caller.user.queues.length === 0 ? undefined : caller.user.queues;
    const claimed = await this.deps.cases.claim(
      found.id,
      caller.user.username,
      caller.user.displayName,
      served,
    );
    await this.heartbeat(caller.user);
    res.send(200, { case: caseDetailView(claimed), messages: await this.deps.cases.messages(claimed.id) });
  }

  private async message(req: Request, res: Response, caller: Caller): Promise<void> {
    const parsed = textBody(this.options.maxTextLength).safeParse(req.body);
    if (!parsed.success) {
      sendError(
        res,
        400,
        'BadArgument',
        `text is required (at most ${this.options.maxTextLength} characters)`,
      );
      return;
    }
    const held = await this.heldCase(req, res, caller, false);
    if (!held) return;
    if (this.options.citizenDelivery === 'relay') {
      res.send(201, { message: await this.recordOperatorMessage(held, caller, parsed.data.text) });
      return;
    }
    // Delivered first, recorded after: the transcript never shows a reply the citizen did not get.
    try {
      await this.deps.citizens.sendToCitizen(held, {
        type: 'message',
        text: parsed.data.text,
        channelData: { operator: caller.user.displayName, handoff: { caseId: held.id, state: held.state } },
      });
    } catch (err) {
      this.deps.logger.warn({ err, caseId: held.id }, 'operator message not delivered');
      sendError(res, 502, 'CitizenUnreachable', 'Messaggio non consegnato al cittadino: riprova');
      return;
    }
    res.send(201, { message: await this.recordOperatorMessage(held, caller, parsed.data.text) });
  }

  private recordOperatorMessage(held: HandoffCase, caller: Caller, text: string): Promise<CaseMessage> {
    return this.deps.cases.appendMessage(held.id, {
      from: 'operator',
      text,
      at: new Date().toISOString(),
      operator: caller.user.username,
    });
  }

  private async typing(req: Request, res: Response, caller: Caller): Promise<void> {
    const held = await this.heldCase(req, res, caller, false);
    if (!held) return;
    if (this.options.citizenDelivery === 'relay') {
      await this.deps.events.publish(typingEvent(held, 'operator', caller.user.displayName));
      res.send(204);
      return;
    }
    await this.deps.citizens.sendToCitizen(held, {
      type: 'typing',
      channelData: { operator: caller.user.displayName, handoff: { caseId: held.id, state: held.state } },
    });
    res.send(204);
  }

  private async note(req: Request, res: Response, caller: Caller): Promise<void> {
    const parsed = textBody(this.options.maxTextLength).safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'BadArgument', 'text is required');
      return;
    }
    const found = await this.visibleCase(req, res, caller);
    if (!found) return;
    const message = await this.deps.cases.appendMessage(found.id, {
      from: 'note',
      text: parsed.data.text,
      at: new Date().toISOString(),
      operator: caller.user.username,
    });
    res.send(201, { message });
  }

  private async transfer(req: Request, res: Response, caller: Caller): Promise<void> {
    const parsed = transferBody(this.options.queues).safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'BadArgument', parsed.error.issues[0]?.message ?? 'queue is required');
      return;
    }
    const held = await this.heldCase(req, res, caller, true);
    if (!held) return;
    const moved = await this.deps.cases.transfer(
      held.id,
      parsed.data.queue,
      caller.user.username,
      parsed.data.note,
    );
    await this.tellCitizen(moved, this.options.texts.transferred);
    res.send(200, { case: caseDetailView(moved) });
  }

  private async release(req: Request, res: Response, caller: Caller): Promise<void> {
    const held = await this.heldCase(req, res, caller, true);
    if (!held) return;
    const released = await this.deps.cases.release(held.id, held.operator ?? caller.user.username);
    await this.tellCitizen(released, this.options.texts.released);
    res.send(200, { case: caseDetailView(released) });
  }

  private async close(req: Request, res: Response, caller: Caller): Promise<void> {
    const parsed = closeBody.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'BadArgument', 'outcome must be risolto, da-richiamare or non-di-competenza');
      return;
    }
    const held = await this.heldCase(req, res, caller, true);
    if (!held) return;
    const outcome: CaseOutcome = parsed.data.outcome;
    const closed = await this.deps.cases.close(held.id, outcome, caller.user.username);
    await this.tellCitizen(closed, this.options.texts.closed, caller.user.displayName);
    if (this.deps.onCaseClosed) {
      try {
        await this.deps.onCaseClosed(closed);
      } catch (err) {
        this.deps.logger.error({ err, caseId: closed.id }, 'onCaseClosed failed');
      }
    }
    res.send(200, { case: caseDetailView(closed) });
  }

  /** A console notice to the citizen; a failure is logged, not fatal (the case already moved). */
  private async tellCitizen(c: HandoffCase, text: string, operator?: string): Promise<void> {
    try {
      await this.deps.citizens.sendToCitizen(c, {
        type: 'message',
        text,
        channelData: { ...(operator ? { operator } : {}), handoff: { caseId: c.id, state: c.state } },
      });
    } catch (err) {
      this.deps.logger.warn({ err, caseId: c.id }, 'citizen notice not delivered');
    }
  }

  // --- assist, canned replies, supervisor -------------------------------------------------------

  private async kb(req: Request, res: Response): Promise<void> {
    const query = req.query as Record<string, unknown> | undefined;
    const q = typeof query?.q === 'string' ? query.q.trim().slice(0, 500) : '';
    const limitRaw = Number(query?.limit ?? 5);
    const limit = Number.isInteger(limitRaw) ? Math.min(Math.max(limitRaw, 1), 20) : 5;
    res.send(200, { results: q ? this.deps.knowledge.search(q, limit) : [] });
  }

  private async saveCanned(
    req: Request,
    res: Response,
    caller: Caller,
    id: string | undefined,
  ): Promise<void> {
    const parsed = cannedBody.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 400, 'BadArgument', 'title and text are required');
      return;
    }
    if (id === undefined) {
      res.send(201, { reply: await this.deps.cannedReplies.create(parsed.data, caller.user.username) });
      return;
    }
    try {
      res.send(200, { reply: await this.deps.cannedReplies.update(id, parsed.data, caller.user.username) });
    } catch (err) {
      if (err instanceof CannedReplyNotFoundError) sendError(res, 404, 'NotFound', 'Canned reply not found');
      else throw err;
    }
  }

  private async supervisor(res: Response): Promise<void> {
    const now = Date.now();
    const [snapshots, online, accounts] = await Promise.all([
      this.deps.cases.queues(),
      this.deps.presence.online(),
      this.deps.accounts.list(),
    ]);
    const byName = new Map(snapshots.map((s) => [s.queue, s]));
    const names = [...new Set([...this.options.queues, ...byName.keys()])];
    const profiles = new Map(accounts.map((a) => [a.username, toProfile(a)]));
    const operators = await Promise.all(
      online.map(async (o) => ({
        ...(profiles.get(o.username) ?? {
          username: o.username,
          displayName: o.username,
          role: 'operator',
          queues: o.queues,
        }),
        lastSeenAt: o.lastSeenAt,
        cases: (await this.deps.cases.assignedTo(o.username)).map((c) => caseSummaryView(c, now)),
      })),
    );
    res.send(200, {
      queues: names.map((queue) => {
        const s = byName.get(queue);
        return {
          queue,
          waiting: s?.waiting.length ?? 0,
          oldestWaitMs: s?.oldestWaitMs ?? 0,
          // Who the bot counts as available for this queue (an operator without queues serves all).
          operatorsOnline: online.filter((o) => servesQueue(o, queue)).length,
        };
      }),
      operators,
    });
  }

  // --- helpers ----------------------------------------------------------------------------------

  private secure(req: Request): boolean {
    if (this.options.secureCookies !== 'auto') return this.options.secureCookies;
    return req.isSecure() || (this.options.trustProxy > 0 && header(req, 'x-forwarded-proto') === 'https');
  }

  private clientIp(req: Request): string {
    return clientAddress(req, this.options.trustProxy);
  }
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
