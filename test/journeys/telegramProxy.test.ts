import type { App } from '../../app/compose';
import { startTestApp } from '../support/app';
import { ConnectProxy } from '../support/connectProxy';
import { FakeTelegramApi } from '../support/fakeTelegramApi';
import { TelegramCitizen } from './telegramCitizen';

jest.setTimeout(60_000);

/** TELEGRAM_PROXY: the servers of many administrations reach the internet only through a proxy. */
describe('Telegram through an outbound proxy (TELEGRAM_PROXY)', () => {
  let fake: FakeTelegramApi;
  let proxy: ConnectProxy;
  let app: App | undefined;
  let apiRoot: string;

  beforeAll(async () => {
    fake = new FakeTelegramApi();
    proxy = new ConnectProxy();
    apiRoot = await fake.start();
    app = await startTestApp({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: apiRoot,
      TELEGRAM_PROXY: await proxy.start(),
    });
  });

  afterAll(async () => {
    await app?.stop();
    await proxy?.stop();
    await fake?.stop();
  });

  it('polls and answers through the proxy tunnel', async () => {
    await fake.waitForCalls('getUpdates', 1, 10_000);
    const c = new TelegramCitizen(fake, 770_001, 'polling');
    const since = c.mark();
    await c.say('Come si ottiene la licenza di pesca?');
    await c.waitForButton('Costi', { since });
    // The Bot API was reached only through CONNECT tunnels to its address.
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(apiRoot).host]));
  });
});
