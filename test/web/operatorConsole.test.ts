import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Harness, PASSWORD, startConsole } from '../operators/support/consoleHarness';

const CHROMIUM = '/usr/bin/chromium';
const AXE = readFileSync(join(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

/** Runs axe-core in the page for WCAG 2.0/2.1 A and AA rules; returns the violations. */
async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
    };
    const result = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

describe('operator console in Chromium', () => {
  if (!existsSync(CHROMIUM)) {
    it('needs /usr/bin/chromium', () => {
      throw new Error(`${CHROMIUM} is missing: install chromium to run the browser test`);
    });
    return;
  }

  let h: Harness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    h = await startConsole({ streamHeartbeatMs: 5000 }, true);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    // bypassCSP only lets the test inject axe-core; the page itself runs under the real CSP.
    context = await browser.newContext({ bypassCSP: true });
    // Record desktop notifications and sounds instead of showing and playing them; the operator
    // is looking at another window (no focus), which is when a notification is due.
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      const notes: Array<{ title: string; body: string }> = [];
      const beeps: number[] = [];
      w.__notes = notes;
      w.__beeps = beeps;
      class FakeNotification {
        static permission = 'default';
        static async requestPermission() {
          FakeNotification.permission = 'granted';
          return 'granted';
        }
        onclick: unknown = null;
        constructor(title: string, options: { body: string }) {
          notes.push({ title, body: options.body });
        }
      }
      class FakeAudioContext {
        currentTime = 0;
        destination = {};
        createOscillator() {
          return {
            frequency: {},
            connect: (n: unknown) => n,
            start: () => beeps.push(Date.now()),
            stop: () => undefined,
          };
        }
        createGain() {
          return {
            gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined },
            connect: (n: unknown) => n,
          };
        }
      }
      w.Notification = FakeNotification;
      w.AudioContext = FakeAudioContext;
      document.hasFocus = () => false;
    });
    page = await context.newPage();
    // 401 answers are expected (not logged in yet, wrong password); anything else is a bug.
    page.on('response', (r) => {
      if (r.status() >= 400 && r.status() !== 401) consoleErrors.push(`${r.status()} ${r.url()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('shows an accessible login page in Italian', async () => {
    await page.goto(`${h.url}/operator/`);
    await page.getByLabel('Nome utente').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('it');
    expect(await axe(page)).toEqual([]);
  });

  it('refuses a wrong password with a message', async () => {
    await page.getByLabel('Nome utente').fill('anna');
    await page.getByLabel('Password').fill('sbagliata-123');
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByRole('alert').getByText('Nome utente o password errati').waitFor();
  });

  it('logs in, sees a case arrive live, claims, chats both ways, closes', async () => {
    await page.getByLabel('Nome utente').fill('anna');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByText('Nessun caso in attesa.').waitFor();
    await page.getByRole('button', { name: 'Attiva notifiche' }).click();
    await page.getByRole('button', { name: 'Attiva notifiche' }).waitFor({ state: 'hidden' });
    // Wait until the event stream is subscribed, then a citizen asks for an operator.
    for (let i = 0; i < 100 && h.events.subscribers === 0; i++) await page.waitForTimeout(20);
    const c = await h.newCase({ summary: 'Rinnovo abbonamento studenti', kind: 'live' });
    const claim = page.getByRole('button', { name: 'Prendi in carico: Rinnovo abbonamento studenti' });
    await claim.waitFor({ timeout: 5000 });
    await expect(page.locator(`[data-case="${c.id}"]`).textContent()).resolves.toMatch(/In diretta/);
    // The arrival is announced to screen readers, with a sound and a desktop notification.
    await page
      .locator('#announcer')
      .getByText('Nuovo caso in coda Trasporti: Rinnovo abbonamento studenti')
      .waitFor();
    const notes = await page.evaluate(() => (window as unknown as { __notes: unknown[] }).__notes);
    expect(notes).toEqual([
      {
        title: 'Linea Amica – nuovo caso',
        body: 'Nuovo caso in coda Trasporti: Rinnovo abbonamento studenti',
      },
    ]);
    expect(
      await page.evaluate(() => (window as unknown as { __beeps: unknown[] }).__beeps.length),
    ).toBeGreaterThanOrEqual(2);

    await claim.click();
    await page.getByText('cittadino@example.org').waitFor();
    // The bot transcript is there, and agent assist suggests the entry for the citizen's last message.
    await page.getByRole('log').getByText("Come rinnovo l'abbonamento studenti?").waitFor();
    await page.locator('#kb-suggestions').getByText('Abbonamento studenti', { exact: true }).waitFor();
    expect((await h.cases.get(c.id))?.operator).toBe('anna');

    // Operator → citizen.
    await page.getByLabel('Risposta al cittadino').fill('Buongiorno, la aiuto io.');
    await page.getByRole('button', { name: 'Invia', exact: true }).click();
    await page.getByRole('log').getByText('Buongiorno, la aiuto io.').waitFor();
    expect(h.gateway.sent.filter((s) => s.activity.type === 'message').map((s) => s.activity)).toEqual([
      {
        type: 'message',
        text: 'Buongiorno, la aiuto io.',
        channelData: { operator: 'Anna Bianchi', handoff: { caseId: c.id, state: 'assigned' } },
      },
    ]);
    expect(h.gateway.sent.some((s) => s.activity.type === 'typing')).toBe(true);

    // Citizen → operator, live.
    await h.cases.appendMessage(c.id, {
      from: 'citizen',
      text: 'Grazie, ho la tessera scaduta.',
      at: new Date().toISOString(),
    });
    await page.getByRole('log').getByText('Grazie, ho la tessera scaduta.').waitFor();

    // Agent assist: one click inserts a summary into the reply box.
    await page.getByLabel('Cerca nella base di conoscenza').fill('licenza pesca');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await page.getByRole('button', { name: 'Inserisci nella risposta: Licenza di pesca' }).click();
    await expect(page.getByLabel('Risposta al cittadino').inputValue()).resolves.toContain(
      'La licenza di pesca si rinnova ogni anno.',
    );
    // A canned reply too.
    await page.getByRole('button', { name: 'Inserisci risposta pronta' }).click();
    await expect(page.getByLabel('Risposta al cittadino').inputValue()).resolves.toContain(
      'Buongiorno, come posso aiutarla?',
    );
    await page.getByLabel('Risposta al cittadino').fill('');

    // Internal note: recorded, never sent.
    const sentBefore = h.gateway.sent.length;
    await page.getByLabel('Nota interna (non inviata al cittadino)').fill('Verificare ISEE');
    await page.getByRole('button', { name: 'Salva nota' }).click();
    await page.getByRole('log').getByText('Verificare ISEE').waitFor();
    expect(h.gateway.sent.length).toBe(sentBefore);

    expect(await axe(page)).toEqual([]);
    if (process.env.OPERATOR_SCREENSHOT)
      await page.screenshot({ path: process.env.OPERATOR_SCREENSHOT, fullPage: true });

    // Close with an outcome: the citizen is told, the bot resumes (onCaseClosed).
    await page.getByLabel('Esito').selectOption('risolto');
    await page.getByRole('button', { name: 'Chiudi il caso' }).click();
    await page.getByText('Prendi in carico un caso dalla coda per iniziare.').waitFor();
    expect(h.closed.map((x) => [x.id, x.outcome])).toEqual([[c.id, 'risolto']]);
    expect(h.gateway.sent.at(-1)?.activity.channelData).toEqual({
      operator: 'Anna Bianchi',
      handoff: { caseId: c.id, state: 'closed' },
    });
    expect(consoleErrors).toEqual([]);
  });

  it('marks callback cases (a message left outside office hours) apart from live ones', async () => {
    const c = await h.newCase({
      summary: 'Richiamatemi per la licenza',
      kind: 'callback',
      queue: 'caccia-pesca',
    });
    const card = page.locator(`[data-case="${c.id}"]`);
    await card.waitFor();
    await expect(card.textContent()).resolves.toMatch(/Da richiamare/);
    await page.getByRole('heading', { name: 'Caccia e pesca (1)' }).waitFor();
  });

  it('transfers with a note and shows supervisors the queues and who holds what', async () => {
    const c = await h.newCase({ summary: 'Rifiuti abbandonati', queue: 'strade' });
    await page.getByRole('button', { name: 'Prendi in carico: Rifiuti abbandonati' }).click();
    await page.getByLabel('Coda', { exact: true }).selectOption('ambiente');
    await page.getByLabel('Nota per il collega').fill('Competenza ambiente');
    await page.getByRole('button', { name: 'Trasferisci' }).click();
    await page.getByRole('heading', { name: 'Ambiente (1)' }).waitFor();
    expect((await h.cases.get(c.id))?.queue).toBe('ambiente');

    const sv = await (await browser.newContext({ bypassCSP: true })).newPage();
    try {
      await sv.goto(`${h.url}/operator/`);
      await sv.getByLabel('Nome utente').fill('sara');
      await sv.getByLabel('Password').fill(PASSWORD);
      await sv.getByRole('button', { name: 'Accedi' }).click();
      await sv.getByRole('button', { name: 'Supervisione' }).click();
      const row = sv.getByRole('row', { name: /Ambiente/ });
      await row.waitFor();
      await expect(row.textContent()).resolves.toMatch(/Ambiente\s*1/);
      await sv.getByRole('row', { name: /Anna Bianchi/ }).waitFor();
      // Supervisors edit canned replies.
      await sv.getByLabel('Titolo').fill('Orari uffici');
      await sv.getByLabel('Testo').fill('Gli uffici sono aperti dal lunedì al venerdì, 9-12.');
      await sv.getByRole('button', { name: 'Salva risposta' }).click();
      await sv.getByRole('button', { name: 'Modifica: Orari uffici' }).waitFor();
      if (process.env.OPERATOR_SCREENSHOT)
        await sv.screenshot({
          path: process.env.OPERATOR_SCREENSHOT.replace('.png', '-sv.png'),
          fullPage: true,
        });
      expect(await axe(sv)).toEqual([]);
    } finally {
      await sv.close();
    }
  });

  it('shows an operator of trasporti only that queue, live, and the supervisor who serves what', async () => {
    const tinaContext = await browser.newContext({ bypassCSP: true });
    const tina = await tinaContext.newPage();
    tina.on('pageerror', (e) => consoleErrors.push(e.message));
    try {
      await tina.goto(`${h.url}/operator/`);
      await tina.getByLabel('Nome utente').fill('tina');
      await tina.getByLabel('Password').fill(PASSWORD);
      await tina.getByRole('button', { name: 'Accedi' }).click();
      await tina.getByText('Tina Trasporti (operatore – Trasporti)').waitFor();
      for (let i = 0; i < 100 && h.events.subscribers === 0; i++) await tina.waitForTimeout(20);
      const environment = await h.newCase({ summary: 'Scarico nella roggia', queue: 'ambiente' });
      const transport = await h.newCase({ summary: 'Abbonamento smarrito', queue: 'trasporti' });
      // The trasporti case arrives live; the ambiente one (queued first) never shows up.
      await tina.getByRole('button', { name: 'Prendi in carico: Abbonamento smarrito' }).waitFor();
      expect(await tina.locator(`[data-case="${environment.id}"]`).count()).toBe(0);
      expect(await tina.getByRole('heading', { name: /^Ambiente/ }).count()).toBe(0);
      expect(await axe(tina)).toEqual([]);

      // Anna serves every queue: she sees both.
      await page.locator(`[data-case="${environment.id}"]`).waitFor();
      await page.locator(`[data-case="${transport.id}"]`).waitFor();
    } finally {
      await tinaContext.close();
    }
    // The supervisor sees both, and that tina serves trasporti only.
    const svContext = await browser.newContext({ bypassCSP: true });
    const sv = await svContext.newPage();
    try {
      await sv.goto(`${h.url}/operator/`);
      await sv.getByLabel('Nome utente').fill('sara');
      await sv.getByLabel('Password').fill(PASSWORD);
      await sv.getByRole('button', { name: 'Accedi' }).click();
      await sv.getByRole('heading', { name: /^Ambiente/ }).waitFor();
      await sv.getByRole('heading', { name: /^Trasporti/ }).waitFor();
      await sv.getByRole('button', { name: 'Supervisione' }).click();
      const row = sv.getByRole('row', { name: /Tina Trasporti/ });
      await row.waitFor();
      expect(await row.getByRole('cell').allTextContents()).toContain('Trasporti');
    } finally {
      await svContext.close();
    }
  });
});
