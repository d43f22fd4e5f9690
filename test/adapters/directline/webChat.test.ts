import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Request, Response } from 'restify';
import { launchChromium } from '../../support/browser';
import { type Harness, startHarness } from './harness';

const WEBCHAT_JS = readFileSync(
  join(__dirname, '..', '..', '..', 'node_modules', 'botframework-webchat', 'dist', 'webchat.js'),
);

/** The smallest page that does what ours does: token exchange, then the unmodified Web Chat. */
function page(webSocket: boolean): string {
  return `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Web Chat</title>
<script src="/test/webchat.js"></script></head><body><div id="chat" style="height:600px"></div><script>
fetch('/api/webchat/token', { method: 'POST' }).then((r) => r.json()).then((t) => {
  window.WebChat.renderWebChat({
    directLine: window.WebChat.createDirectLine({ token: t.token, domain: location.origin + '/v3/directline', webSocket: ${webSocket} }),
    userID: t.userId,
    locale: 'it-IT',
  }, document.getElementById('chat'));
});
</script></body></html>`;
}

describe('the official Web Chat 4.18 in Chromium', () => {
  let browser: Browser;
  let h: Harness;

  beforeAll(async () => {
    browser = await launchChromium();
    h = await startHarness();
    h.server.get('/test/webchat.js', (_req: Request, res: Response, next: () => void) => {
      res.sendRaw(200, WEBCHAT_JS, { 'Content-Type': 'text/javascript' });
      next();
    });
    h.server.get('/test/page', (req: Request, res: Response, next: () => void) => {
      const query = req.query as Record<string, string> | undefined;
      res.sendRaw(200, page(query?.ws !== 'false'), { 'Content-Type': 'text/html; charset=utf-8' });
      next();
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it.each([
    ['WebSocket', 'true'],
    ['polling', 'false'],
  ])(
    'greets, sends and shows the answer (%s)',
    async (_mode, ws) => {
      const tab = await browser.newPage();
      try {
        const errors: string[] = [];
        tab.on('pageerror', (err) => errors.push(err.message));
        await tab.goto(`${h.url}/test/page?ws=${ws}`);
        const bot = tab.locator('.webchat__bubble:not(.webchat__bubble--from-user)');
        const user = tab.locator('.webchat__bubble.webchat__bubble--from-user');
        await bot.filter({ hasText: 'Benvenuto in Linea Amica!' }).first().waitFor({ timeout: 20_000 });
        const box = tab.locator(
          'input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"]',
        );
        await box.fill('Quali sono gli orari?');
        await box.press('Enter');
        await bot.filter({ hasText: 'Eco: Quali sono gli orari?' }).first().waitFor({ timeout: 20_000 });
        // The user's message is shown once (the echo, matched by clientActivityID, replaced the
        // pending one), is no longer "sending", and nothing failed.
        await tab
          .locator('.webchat__activity-status--sending')
          .waitFor({ state: 'detached', timeout: 5_000 });
        expect(await user.allInnerTexts()).toEqual([expect.stringContaining('Quali sono gli orari?')]);
        expect(await bot.allInnerTexts()).toEqual([
          expect.stringContaining('Benvenuto in Linea Amica!'),
          expect.stringContaining('Eco: Quali sono gli orari?'),
        ]);
        expect(errors).toEqual([]);
      } finally {
        await tab.close();
      }
    },
    60_000,
  );
});
