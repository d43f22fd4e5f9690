import type { Browser } from 'playwright-core';
import type { App } from '../../app/compose';
import { startTestApp } from '../support/app';
import { axeViolations, launchChromium } from '../support/browser';

jest.setTimeout(90000);

describe('citizen page in Chromium', () => {
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('loads Web Chat from our server, greets, and answers a typed question', async () => {
    const page = await browser.newPage({ locale: 'it-IT' });
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(app.url()) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
        external.push(r.url());
    });
    await page.goto(`${app.url()}/`);
    await page.getByText('Provincia di Lecco', { exact: false }).first().waitFor();
    // The bot greets first (conversationUpdate reaches the bot).
    await page
      .locator('.webchat__bubble')
      .filter({ hasText: 'assistente virtuale' })
      .first()
      .waitFor({ timeout: 30000 });
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('Come si ottiene la licenza di pesca?');
    await input.press('Enter');
    // Our own message and the bot's reply both appear.
    await page.locator('.webchat__bubble--from-user').first().waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user)').length >= 2,
      undefined,
      {
        timeout: 30000,
      },
    );
    expect(await page.locator('a[href="/privacy"]').count()).toBeGreaterThan(0);
    expect(external).toEqual([]);
  });

  it('says why the chat does not start when this network opened too many chats', async () => {
    const limited = await startTestApp({ CONVERSATIONS_PER_MINUTE_PER_IP: '1' });
    try {
      const first = await browser.newPage({ locale: 'it-IT' });
      await first.goto(`${limited.url()}/`);
      await first.locator('.webchat__bubble').first().waitFor({ timeout: 30000 });
      // Another tab (its own session storage) from the same address, within the minute.
      const second = await browser.newContext({ locale: 'it-IT' }).then((c) => c.newPage());
      await second.goto(`${limited.url()}/`);
      await second.getByText('troppe chat nell’ultimo minuto', { exact: false }).waitFor({ timeout: 10000 });
      await second.context().close();
      await first.close();
    } finally {
      await limited.stop();
    }
  });

  it('has no WCAG 2.1 A/AA violation found by axe-core, on a 360 px phone screen too', async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 360, height: 740 },
    ]) {
      const page = await browser.newPage({ viewport, locale: 'it-IT' });
      await page.goto(`${app.url()}/`);
      await page.locator('.webchat__bubble').first().waitFor({ timeout: 30000 });
      const violations = await axeViolations(page);
      expect(violations).toEqual([]);
      // Nothing overflows horizontally on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    }
  });
});
