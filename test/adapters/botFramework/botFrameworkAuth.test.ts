import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import {
  AppCredentials,
  type AuthenticatorResult,
  ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { postJson } from '../../support/app';
import { FakeChannelServer } from '../../support/channelServer';
import { activity, type BotFrameworkHarness, startBotFramework } from './harness';

const APP_ID = '00000000-0000-0000-0000-0000000000aa';
const ISSUER = 'https://api.botframework.com';

/** Outgoing credentials that never call Azure AD: a fixed token, counted. */
let tokensIssued = 0;
class FixedTokenCredentials extends AppCredentials {
  constructor(appId: string, scope: string | undefined) {
    super(appId, undefined, scope);
  }
  protected refreshToken(): Promise<AuthenticatorResult> {
    tokensIssued += 1;
    return Promise.resolve({ accessToken: 'bot-token-1', expiresOn: new Date(Date.now() + 3_600_000) });
  }
}
class FixedTokenFactory extends ServiceClientCredentialsFactory {
  isValidAppId(appId: string): Promise<boolean> {
    return Promise.resolve(appId === APP_ID);
  }
  isAuthenticationDisabled(): Promise<boolean> {
    return Promise.resolve(false);
  }
  createCredentials(appId: string, audience: string | undefined): Promise<FixedTokenCredentials> {
    return Promise.resolve(new FixedTokenCredentials(appId, audience));
  }
}

/** The channel's OpenID metadata and signing keys, served locally instead of by login.botframework.com. */
async function startOpenIdServer(
  publicKey: KeyObject,
  kid: string,
): Promise<{ url: string; server: Server }> {
  let url = '';
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (req.url === '/keys')
      res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid }] }));
    else res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${url}/keys` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, server };
}

function jwt(claims: Record<string, unknown>, privateKey: KeyObject, kid: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part(claims)}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

describe('BotFrameworkAdapter with MicrosoftAppId set (botframework-connector checks the JWT)', () => {
  const channel = new FakeChannelServer();
  const channelKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attackerKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let serviceUrl: string;
  let openId: { url: string; server: Server };
  let bot: BotFrameworkHarness;
  const turns: Array<{ text?: string; callerId?: string }> = [];

  const claims = (extra: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return { iss: ISSUER, aud: APP_ID, serviceurl: serviceUrl, nbf: now - 10, exp: now + 600, ...extra };
  };
  const post = (body: unknown, authorization?: string) =>
    postJson(`${bot.url}/api/messages`, body, authorization ? { Authorization: authorization } : {});

  beforeAll(async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    serviceUrl = await channel.start();
    openId = await startOpenIdServer(channelKeys.publicKey, 'channel-key');
    bot = await startBotFramework(
      async (context: TurnContext) => {
        turns.push({ text: context.activity.text, callerId: context.activity.callerId });
        await context.sendActivity('Risposta autenticata');
      },
      {
        appId: APP_ID,
        appPassword: 'not-used',
        appType: 'MultiTenant',
        credentialsFactory: new FixedTokenFactory(),
        endpoints: {
          ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
          ToChannelFromBotOAuthScope: 'https://api.botframework.com',
          ToBotFromChannelTokenIssuer: ISSUER,
          OAuthUrl: 'https://api.botframework.com',
          ToBotFromChannelOpenIdMetadataUrl: `${openId.url}/.well-known/openid-configuration`,
          ToBotFromEmulatorOpenIdMetadataUrl: `${openId.url}/emulator/.well-known/openid-configuration`,
          CallerId: 'urn:botframework:azure',
        },
      },
    );
  });
  afterAll(async () => {
    await bot.stop();
    await channel.stop();
    await new Promise<void>((resolve) => openId.server.close(() => resolve()));
    jest.restoreAllMocks();
  });

  it('runs a turn signed by the channel and signs its reply with the bot token', async () => {
    const token = jwt(claims(), channelKeys.privateKey, 'channel-key');
    const before = channel.requests.length;
    const res = await post(
      activity(serviceUrl, 'conv-auth', { text: 'autenticato', callerId: 'urn:botframework:forged' }),
      `Bearer ${token}`,
    );
    expect(res.status).toBe(200);
    // The caller is who the token says, not what the body claims.
    expect(turns.at(-1)).toEqual({ text: 'autenticato', callerId: 'urn:botframework:azure' });
    const [reply] = channel.requests.slice(before);
    expect(reply).toMatchObject({
      method: 'POST',
      path: '/v3/conversations/conv-auth/activities/act-1',
      authorization: 'Bearer bot-token-1',
      body: { text: 'Risposta autenticata' },
    });
    // Proactive messages are signed too, and the token is reused (botframework-connector's cache).
    await bot.adapter.continueConversationAsync(
      APP_ID,
      {
        channelId: 'emulator',
        serviceUrl,
        conversation: { id: 'conv-auth', isGroup: false, conversationType: '', name: '' },
      },
      async (context) => {
        await context.sendActivity('Messaggio proattivo');
      },
    );
    expect(channel.requests.at(-1)).toMatchObject({
      authorization: 'Bearer bot-token-1',
      body: { text: 'Messaggio proattivo' },
    });
    expect(tokensIssued).toBe(1);
  });

  it.each([
    ['no Authorization header', () => undefined],
    ['an unsigned token (alg none)', () => 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.'],
    [
      'a token signed by another key under the channel key id',
      () => `Bearer ${jwt(claims(), attackerKeys.privateKey, 'channel-key')}`,
    ],
    [
      'a token signed by an unknown key',
      () => `Bearer ${jwt(claims(), attackerKeys.privateKey, 'attacker-key')}`,
    ],
    [
      'a token for another bot',
      () => `Bearer ${jwt(claims({ aud: 'another-app' }), channelKeys.privateKey, 'channel-key')}`,
    ],
    [
      'a token from another issuer',
      () => `Bearer ${jwt(claims({ iss: 'https://evil.example' }), channelKeys.privateKey, 'channel-key')}`,
    ],
    [
      'an expired token',
      () =>
        `Bearer ${jwt(claims({ exp: Math.floor(Date.now() / 1000) - 3600 }), channelKeys.privateKey, 'channel-key')}`,
    ],
    ['a Basic header', () => `Basic ${Buffer.from(`${APP_ID}:x`).toString('base64')}`],
  ])('answers 401 to %s, without running the bot or calling the channel', async (_what, header) => {
    const turnsBefore = turns.length;
    const before = channel.requests.length;
    const res = await post(activity(serviceUrl, 'conv-forged', { text: 'intruso' }), header());
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'Unauthorized' } });
    expect(turns.length).toBe(turnsBefore);
    expect(channel.requests.length).toBe(before);
  });

  it('answers 401 when a valid token was issued for another serviceUrl (no reply, no token leaves)', async () => {
    const elsewhere = new FakeChannelServer();
    const elsewhereUrl = await elsewhere.start();
    try {
      const token = jwt(claims(), channelKeys.privateKey, 'channel-key');
      const res = await post(activity(elsewhereUrl, 'conv-redirect'), `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.stop();
    }
  });
});
