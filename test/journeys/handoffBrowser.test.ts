import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../app/compose';
import { MemoryOperatorAccountStore } from '../../operators/memoryOperatorAccountStore';
import { startTestApp } from '../support/app';
import { launchChromium } from '../support/browser';
import { ALWAYS_OPEN_HANDOFF, OPERATOR_PASSWORD, seedOperators } from '../support/journey';

jest.setTimeout(180_000);

const WAIT = { timeout: 30_000 };

/**
 * Issue 4 in Chromium: a citizen in Web Chat (/) asks for an operator; an operator logs in on
 * /operator in a second page, claims, they talk both ways, the operator closes and the citizen is
 * asked the "Mettiamoci la faccia" rating.
 */
describe('handoff in the browser: Web Chat and the operator console', () => {
  let app: App;
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'la-browser-'));
    const operatorsFile = join(dir, 'operators.json');
    await seedOperators(new MemoryOperatorAccountStore({ file: operatorsFile }), [
      { username: 'anna', displayName: 'Anna Bianchi' },
    ]);
    app = await startTestApp({ HANDOFF_CONFIG: ALWAYS_OPEN_HANDOFF, OPERATORS_FILE: operatorsFile });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A bot (or operator) bubble of Web Chat containing the text. */
  function botBubble(page: Page, text: string) {
    return page.locator('.webchat__bubble:not(.webchat__bubble--from-user)').filter({ hasText: text }).last();
  }

  async function citizenSays(page: Page, text: string): Promise<void> {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
  }

  it('citizen asks for an operator, they chat both ways, the operator closes, the rating is asked', async () => {
    const pageErrors: string[] = [];
    // The operator logs in first: an operator online makes it a live chat, not a callback.
    const operator = await (await browser.newContext({ locale: 'it-IT' })).newPage();
    operator.on('pageerror', (e) => pageErrors.push(`operator: ${e.message}`));
    await operator.goto(`${app.url()}/operator/`);
    await operator.getByLabel('Nome utente').fill('anna');
    await operator.getByLabel('Password').fill(OPERATOR_PASSWORD);
    await operator.getByRole('button', { name: 'Accedi' }).click();
    await operator.getByText('Nessun caso in attesa.').first().waitFor(WAIT);

    const citizen = await (await browser.newContext({ locale: 'it-IT' })).newPage();
    citizen.on('pageerror', (e) => pageErrors.push(`citizen: ${e.message}`));
    await citizen.goto(`${app.url()}/`);
    await botBubble(citizen, 'assistente virtuale').waitFor(WAIT);

    // Escalation: privacy notice and consent (a suggested action), contact skipped, summary.
    await citizenSays(citizen, 'voglio parlare con un operatore');
    await botBubble(citizen, 'Acconsenti').waitFor(WAIT);
    await citizen.getByRole('button', { name: 'Sì', exact: true }).last().click();
    await botBubble(citizen, 'indirizzo email o un numero di telefono').waitFor(WAIT);
    await citizenSays(citizen, 'salta');
    await botBubble(citizen, 'di che cosa hai bisogno?').waitFor(WAIT);
    await citizenSays(citizen, 'Autorizzazione per un passo carraio');
    await botBubble(citizen, 'Sei in coda').waitFor(WAIT);

    // The case arrives live in the console; the operator claims it and sees the transcript.
    const claim = operator.getByRole('button', {
      name: 'Prendi in carico: Autorizzazione per un passo carraio',
    });
    await claim.waitFor(WAIT);
    await claim.click();
    await operator.getByRole('log').getByText('voglio parlare con un operatore').waitFor(WAIT);

    // Operator → citizen.
    await operator.getByLabel('Risposta al cittadino').fill('Buongiorno, sono Anna: la aiuto io.');
    await operator.getByRole('button', { name: 'Invia', exact: true }).click();
    await botBubble(citizen, 'Buongiorno, sono Anna: la aiuto io.').waitFor(WAIT);

    // Citizen → operator; the bot does not answer it.
    await citizenSays(citizen, 'Grazie, il passo carraio è su una strada provinciale');
    await operator
      .getByRole('log')
      .getByText('Grazie, il passo carraio è su una strada provinciale')
      .waitFor(WAIT);
    await operator.getByLabel('Risposta al cittadino').fill('Allora serve la domanda alla Provincia.');
    await operator.getByRole('button', { name: 'Invia', exact: true }).click();
    await botBubble(citizen, 'serve la domanda alla Provincia').waitFor(WAIT);
    const botTexts = await citizen
      .locator('.webchat__bubble:not(.webchat__bubble--from-user)')
      .allTextContents();
    const afterQueue = botTexts
      .slice(botTexts.findIndex((t) => t.includes('Sei in coda')) + 1)
      .filter((t) => !t.includes('preso in carico'));
    expect(afterQueue).toHaveLength(2);
    // Each operator message is headed by the operator's name.
    expect(afterQueue.every((t) => t.includes('(Linea Amica)'))).toBe(true);
    expect(afterQueue.join('\n')).toMatch(/la aiuto io[\s\S]*domanda alla Provincia/);

    // The operator closes; the citizen is told and asked the rating with three faces.
    await operator.getByLabel('Esito').selectOption('risolto');
    await operator.getByRole('button', { name: 'Chiudi il caso' }).click();
    await botBubble(citizen, 'ha chiuso la conversazione').waitFor(WAIT);
    await botBubble(citizen, 'Mettiamoci la faccia').waitFor(WAIT);
    const green = citizen.getByRole('button', { name: /Soddisfatto/ });
    for (const face of [
      green,
      ...[/Non del tutto soddisfatto/, /Insoddisfatto/].map((name) => citizen.getByRole('button', { name })),
    ])
      await face.last().waitFor(WAIT);
    await green.last().click();
    await botBubble(citizen, 'Grazie per la tua valutazione').waitFor(WAIT);
    expect(pageErrors).toEqual([]);
  });
});
