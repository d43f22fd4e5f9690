import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../app/compose';
import { projectRoot } from '../../app/projectRoot';
import { detectFacet, facetText } from '../../dialogs/facets';
import type { KnowledgeEntry } from '../../knowledge/entry';
import { loadKnowledge } from '../../knowledge/loadKnowledge';
import { MemoryOperatorAccountStore } from '../../operators/memoryOperatorAccountStore';
import {
  editedMessage,
  groupMessage,
  membershipChange,
  textMessage,
} from '../adapters/telegram/telegramUpdates';
import { DEFAULT_RATING_REASONS } from '../../ratings/reasons';
import type { SatisfactionReport } from '../../ratings/reports';
import { startTestApp } from '../support/app';
import { FakeTelegramApi } from '../support/fakeTelegramApi';
import { freePort } from '../support/globalSetup';
import {
  ADMIN_KEY,
  ALWAYS_OPEN_HANDOFF,
  eventually,
  OperatorClient,
  seedOperators,
  sleep,
} from '../support/journey';
import { plainText, TelegramCitizen, type TelegramDelivery } from './telegramCitizen';

jest.setTimeout(60_000);

const WEBHOOK_SECRET = 'journey_Secret-0123456789';
const PUBLIC_URL = 'https://chatbot.provincia.lecco.it';
const { kb, search: engine } = loadKnowledge({ kbDir: join(projectRoot(), 'knowledge', 'entries') });

/**
 * The first question the app's own search engine calls `decision`: the journeys check what the
 * channel does with such an answer, not how the engine is tuned.
 */
function questionThatIs(decision: 'ambiguous' | 'vague', questions: string[]): string {
  const found = questions.find((q) => engine.interpret(q, { language: 'it' }).decision === decision);
  if (!found) throw new Error(`none of these questions is ${decision} any more: ${questions.join(' | ')}`);
  return found;
}

function entry(id: string): KnowledgeEntry {
  const found = kb.get(id);
  if (!found) throw new Error(`no entry ${id} in the knowledge base`);
  return found;
}

/** The first paragraph of a facet answer, as the citizen reads it on Telegram. */
function facetLead(e: KnowledgeEntry, facet: 'costs' | 'times'): string {
  return plainText(facetText(e, facet, 'it').split('\n\n')[0] ?? '').replace(/\*\*/g, '');
}

interface Started {
  app: App;
  fake: FakeTelegramApi;
}

/** The whole app with Telegram enabled against a fake Bot API, once updates flow. */
async function startWithTelegram(
  delivery: TelegramDelivery,
  env: Record<string, string> = {},
): Promise<Started> {
  const fake = new FakeTelegramApi();
  const apiRoot = await fake.start();
  const overrides: Record<string, string> = {
    ...env,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: apiRoot,
  };
  if (delivery === 'webhook') {
    // The webhook URL must be known before the app listens: take a free port for it.
    const port = await freePort();
    overrides.PORT = String(port);
    overrides.TELEGRAM_WEBHOOK_URL = `http://127.0.0.1:${port}/api/telegram/updates`;
    overrides.TELEGRAM_WEBHOOK_SECRET = WEBHOOK_SECRET;
  }
  const app = await startTestApp(overrides);
  if (delivery === 'webhook') {
    await eventually(() => fake.webhook, 'setWebhook');
  } else {
    await fake.waitForCalls('getUpdates', 1, 10_000);
  }
  return { app, fake };
}

/**
 * Question, card with facet buttons, a button press, a typed follow-up, then an ambiguous and a
 * vague question: the same knowledge journey as on Web Chat.
 */
async function knowledgeJourney(c: TelegramCitizen): Promise<void> {
  const licence = entry('licenza-pesca');

  // /start: the greeting.
  let since = c.mark();
  await c.say('/start');
  const greeting = await c.waitForText('assistente virtuale', { since });
  expect(greeting.html).toContain('<b>Provincia di Lecco</b>');

  // A knowledge question: the summary, then the card with its facet buttons.
  since = c.mark();
  await c.say('Come si ottiene la licenza di pesca?');
  const card = await c.waitForButton('Costi', { since });
  expect(card.text).toContain(licence.title);
  expect(card.buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['Documenti', 'Costi', 'Tempi']));
  for (const b of card.buttons)
    if (b.callback_data !== undefined) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
  const answer = c.messages(since);
  expect(answer[0]?.text).toContain(plainText(licence.summary.split('\n')[0] ?? ''));
  expect(answer.findIndex((m) => m.index === card.index)).toBeGreaterThan(0);

  // The "Costi" button: the press is answered and the costs come.
  since = c.mark();
  const queryId = await c.press(card, 'Costi');
  const costs = await c.waitForText(`Costi – ${licence.title}`, { since });
  expect((await c.waitForAnswered(queryId)).payload.text).toBe('✓ Costi');
  expect(costs.html).toContain(`<b>Costi – ${licence.title}</b>`);
  expect(costs.text).toContain(facetLead(licence, 'costs'));
  // Costs shown: the other facets are offered next.
  expect(costs.buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['Documenti', 'Tempi']));
  expect(costs.buttons.map((b) => b.text)).not.toContain('Costi');

  // A typed follow-up on the same entry.
  since = c.mark();
  await c.say('e i tempi?');
  const times = await c.waitForText(`Tempi – ${licence.title}`, { since });
  expect(times.text).toContain(facetLead(licence, 'times'));

  // Two entries too close to call: "Intendevi…?" with both as buttons, and a choice answers.
  since = c.mark();
  await c.say(
    questionThatIs('ambiguous', [
      'consulente per la circolazione dei mezzi di trasporto',
      'autorizzazione scuola',
    ]),
  );
  const which = await c.waitForText('Intendevi', { since });
  const candidates = which.buttons.filter((b) => b.text !== 'Nessuna delle due');
  expect(candidates).toHaveLength(2);
  expect(which.buttons.map((b) => b.text)).toContain('Nessuna delle due');
  const chosen = candidates[1]?.text ?? '';
  since = c.mark();
  await c.press(which, chosen);
  const chosenCard = await c.waitForButton('Costi', { since });
  expect(chosenCard.text).toContain(chosen);

  // A vague question: asked for details, with topics to choose from.
  since = c.mark();
  await c.say(questionThatIs('vague', ['info strada provinciale', 'info patente', 'info ambiente']));
  const clarify = await c.waitForText('qualche dettaglio in più', { since });
  expect(clarify.buttons.length).toBeGreaterThan(0);
  expect(clarify.buttons.every((b) => b.callback_data !== undefined)).toBe(true);

  // A voice message: the bot says it cannot listen to it and asks for text.
  since = c.mark();
  await c.sendVoice();
  await c.waitForText('Non posso leggere allegati, foto o audio', { since });
}

describe('Telegram journeys on the composed app, long polling', () => {
  let started: Started;
  let dir: string;
  let chat = 880_000;
  const citizen = () => new TelegramCitizen(started.fake, ++chat, 'polling');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'la-telegram-journey-'));
    const operatorsFile = join(dir, 'operators.json');
    await seedOperators(new MemoryOperatorAccountStore({ file: operatorsFile }), [
      { username: 'giulia', displayName: 'Giulia di Linea Amica' },
    ]);
    started = await startWithTelegram('polling', {
      HANDOFF_CONFIG: ALWAYS_OPEN_HANDOFF,
      OPERATORS_FILE: operatorsFile,
      ADMIN_API_KEY: ADMIN_KEY,
    });
  });

  afterAll(async () => {
    await started?.app.stop();
    await started?.fake.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers a question with a card, a facet button, a typed follow-up, "Intendevi…?" and a clarifying question', async () => {
    await knowledgeJourney(citizen());
  });

  it('/valuta: three faces as buttons, a red face asks the reason, then a comment; stored once for Telegram', async () => {
    const c = citizen();
    let since = c.mark();
    await c.say('Come si ottiene la licenza di pesca?');
    await c.waitForButton('Costi', { since });

    since = c.mark();
    await c.say('/valuta');
    const prompt = await c.waitForText('Mettiamoci la faccia', { since });
    expect(prompt.buttons.map((b) => b.text)).toEqual([
      '🟢 Soddisfatto',
      '🟡 Non del tutto soddisfatto',
      '🔴 Insoddisfatto',
      'Salta',
    ]);

    since = c.mark();
    const red = await c.press(prompt, '🔴 Insoddisfatto');
    const reasons = await c.waitForText('motivo principale', { since });
    await c.waitForAnswered(red);
    expect(reasons.buttons.map((b) => b.text)).toEqual([
      ...DEFAULT_RATING_REASONS.map((r) => r.label),
      'Salta',
    ]);

    since = c.mark();
    await c.press(reasons, 'Informazioni poco chiare');
    const commentPrompt = await c.waitForText('Vuoi aggiungere un commento?', { since });
    expect(commentPrompt.buttons.map((b) => b.text)).toEqual(['Salta']);

    since = c.mark();
    await c.say('Non era chiaro dove pagare');
    await c.waitForText('Grazie per la tua valutazione', { since });

    // A second press of the same face changes nothing.
    since = c.mark();
    await c.press(prompt, '🔴 Insoddisfatto');
    await c.waitForText('Hai già valutato', { since });

    const report = await fetch(`${started.app.url()}/api/reports/satisfaction?groupBy=channel`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(report.status).toBe(200);
    const body = (await report.json()) as SatisfactionReport;
    const telegram = body.groups.find((g) => g.key === 'telegram');
    expect(telegram?.counts).toEqual({ positive: 0, neutral: 0, negative: 1 });
    expect(telegram?.reasons.find((r) => r.code === 'informazioni-poco-chiare')?.count).toBe(1);
    expect(telegram?.negativeWithoutReason).toBe(0);
  });

  /** /operatore, consent by button, contact, summary: the case waiting in the queue (not claimed). */
  async function escalate(c: TelegramCitizen, operator: OperatorClient, summary: string): Promise<string> {
    const waitingIds = async () =>
      (await operator.queues()).body.queues.flatMap((q) => q.waiting.map((w) => w.id));
    const before = new Set(await waitingIds());
    let since = c.mark();
    await c.say('/operatore');
    const consent = await c.waitForText('Acconsenti', { since });
    since = c.mark();
    await c.press(consent, 'Sì');
    await c.waitForText(/email o un numero di telefono/, { since });
    since = c.mark();
    await c.say('salta');
    // Asked what it is about only when nothing was asked before.
    const next = await c.waitForText(/In una riga|Sei in coda per Linea Amica/, { since });
    if (next.text.includes('In una riga')) {
      since = c.mark();
      await c.say(summary);
      await c.waitForText('Sei in coda per Linea Amica', { since });
    }
    return eventually(
      async () => (await waitingIds()).find((id) => !before.has(id)),
      `the case "${summary}" in the queue`,
    );
  }

  it('/operatore → consent → contact → queued; the operator chats live, the bot is silent; close → rating buttons', async () => {
    const c = citizen();
    const operator = await OperatorClient.login(started.app.url(), 'giulia');

    let since = c.mark();
    await c.say('/operatore');
    const consent = await c.waitForText('Acconsenti', { since });
    expect(consent.buttons.map((b) => b.text)).toEqual(['Sì', 'No']);

    since = c.mark();
    await c.press(consent, 'Sì');
    await c.waitForText(/email o un numero di telefono/, { since });
    since = c.mark();
    await c.say('mario.rossi@example.org');
    await c.waitForText('In una riga: di che cosa hai bisogno?', { since });
    since = c.mark();
    await c.say('Rinnovo della licenza di pesca');
    const queued = await c.waitForText('Sei in coda per Linea Amica', { since });
    expect(queued.buttons).toEqual([]);

    // The operator finds the case of this chat, with the contact, and claims it.
    const waiting = await eventually(async () => {
      const view = await operator.queues();
      return view.body.queues
        .flatMap((q) => q.waiting)
        .find((w) => w.channel === 'telegram' && w.summary === 'Rinnovo della licenza di pesca');
    }, 'the Telegram case in the queue');
    const caseId = waiting.id;
    expect((await operator.caseDetail(caseId)).body.case.contact?.email).toBe('mario.rossi@example.org');
    expect((await operator.claim(caseId)).status).toBe(200);

    // Operator → citizen: a proactive sendMessage to the chat.
    since = c.mark();
    expect((await operator.send(caseId, 'Buongiorno, sono Giulia: come posso aiutarla?')).status).toBe(201);
    const fromOperator = await c.waitForText('come posso aiutarla?', { since });
    // Telegram shows every message as the bot's: the operator's name heads the text.
    expect(fromOperator.html).toBe(
      '<b>Giulia di Linea Amica</b>\nBuongiorno, sono Giulia: come posso aiutarla?',
    );

    // Citizen → operator: a photo (unsupported media) and a text; the bot answers neither.
    since = c.mark();
    await c.sendPhoto();
    await c.say('Quanto costa il rinnovo?');
    const relayed = await eventually(async () => {
      const lines = (await operator.caseDetail(caseId)).body.messages.filter((m) => m.from === 'citizen');
      return lines.some((m) => m.text === 'Quanto costa il rinnovo?') ? lines : undefined;
    }, 'the citizen messages on the case');
    const photo = relayed.find((m) => (m.attachments ?? []).length > 0);
    expect(photo?.attachments?.[0]).toMatch(/foto|photo/i);
    expect(relayed.findIndex((m) => m === photo)).toBeLessThan(
      relayed.findIndex((m) => m.text === 'Quanto costa il rinnovo?'),
    );
    // The operator's next message comes after both turns: nothing from the bot in between.
    // Markdown and characters special in Telegram HTML arrive as the operator wrote them.
    await operator.send(caseId, 'Il rinnovo costa **23 €** & si paga con pagoPA (< 5 minuti).');
    const reply = await c.waitForText('Il rinnovo costa', { since });
    expect(reply.html).toBe(
      '<b>Giulia di Linea Amica</b>\nIl rinnovo costa <b>23 €</b> &amp; si paga con pagoPA (&lt; 5 minuti).',
    );
    expect(
      c
        .messages(since)
        .map((m) => m.text)
        .filter((t) => !/preso in carico/.test(t ?? '')),
    ).toEqual(['Giulia di Linea Amica\nIl rinnovo costa 23 € & si paga con pagoPA (< 5 minuti).']);

    // Close: the closing notice, then the rating buttons, once.
    since = c.mark();
    expect((await operator.close(caseId, 'risolto')).status).toBe(200);
    const prompt = await c.waitForText('Mettiamoci la faccia', { since });
    expect(prompt.buttons.map((b) => b.text)).toEqual([
      '🟢 Soddisfatto',
      '🟡 Non del tutto soddisfatto',
      '🔴 Insoddisfatto',
      'Salta',
    ]);
    const afterClose = c.messages(since);
    const notice = afterClose.findIndex((m) => m.text.includes("L'operatore ha chiuso la conversazione"));
    expect(notice).toBeGreaterThanOrEqual(0);
    expect(notice).toBeLessThan(afterClose.findIndex((m) => m.index === prompt.index));
    await sleep(300);
    expect(c.messages(since).filter((m) => m.text.includes('Mettiamoci la faccia'))).toHaveLength(1);

    // The green face, counted for the operator on Telegram.
    since = c.mark();
    await c.press(prompt, '🟢 Soddisfatto');
    await c.waitForText('Grazie per la tua valutazione', { since });
    const report = await fetch(`${started.app.url()}/api/reports/satisfaction?groupBy=operator`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const body = (await report.json()) as SatisfactionReport;
    expect(body.groups.find((g) => g.key === 'giulia')?.counts).toEqual({
      positive: 1,
      neutral: 0,
      negative: 0,
    });

    // Back with the bot.
    since = c.mark();
    await c.say('Come si ottiene la licenza di pesca?');
    await c.waitForButton('Costi', { since });
  });

  it('an English Telegram app gets English answers, buttons and rating', async () => {
    const c = new TelegramCitizen(started.fake, ++chat, 'polling', 'en');
    let since = c.mark();
    await c.say('/start');
    await c.waitForText('virtual assistant', { since });
    since = c.mark();
    await c.say('How do I get a fishing licence?');
    const card = await c.waitForButton('Costs', { since });
    const licence = entry('licenza-pesca');
    expect(card.text).toContain(licence.titleEn ?? licence.title);
    expect(card.buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['Documents', 'Time limits']));
    since = c.mark();
    await c.press(card, 'Costs');
    await c.waitForText(`Costs – ${licence.titleEn ?? licence.title}`, { since });
    since = c.mark();
    await c.say('/valuta');
    const prompt = await c.waitForText('Pick a face', { since });
    expect(prompt.buttons.map((b) => b.text)).toEqual([
      '🟢 Satisfied',
      '🟡 Not fully satisfied',
      '🔴 Dissatisfied',
      'Skip',
    ]);
  });

  it('/operatore then "No": no case, the bot keeps answering', async () => {
    const c = citizen();
    const operator = await OperatorClient.login(started.app.url(), 'giulia');
    const before = (await operator.queues()).body.queues.flatMap((q) => q.waiting).length;
    let since = c.mark();
    await c.say('/operatore');
    const consent = await c.waitForText('Acconsenti', { since });
    since = c.mark();
    await c.press(consent, 'No');
    await c.waitForText('niente operatore', { since });
    since = c.mark();
    await c.say('Come si ottiene la licenza di pesca?');
    await c.waitForButton('Costi', { since });
    expect((await operator.queues()).body.queues.flatMap((q) => q.waiting)).toHaveLength(before);
  });

  it('/aiuto explains what to ask; in a group chat the bot asks to be written to privately', async () => {
    const c = citizen();
    let since = c.mark();
    await c.say('/aiuto');
    const help = await c.waitForText('Posso rispondere a domande', { since });
    expect(help.text).toContain('operatore');

    const group = new TelegramCitizen(started.fake, -1_001_234_567, 'polling');
    since = group.mark();
    await group.send(groupMessage(group.chatId, c.chatId, 'Come si ottiene la licenza di pesca?'));
    const polite = await group.waitForText(/privato/i, { since });
    expect(polite.buttons.some((b) => b.text === 'Costi')).toBe(false);
    await sleep(200);
    expect(group.messages(since)).toHaveLength(1);
  });

  it('/annulla while queued takes the citizen back to the bot and closes the case', async () => {
    const c = citizen();
    const operator = await OperatorClient.login(started.app.url(), 'giulia');
    const caseId = await escalate(c, operator, 'Orari degli uffici caccia e pesca');
    const since = c.mark();
    await c.say('/annulla');
    await c.waitForText("torni all'assistente virtuale", { since });
    expect((await operator.caseDetail(caseId)).body.case).toMatchObject({
      state: 'closed',
      outcome: 'annullato',
    });
    const next = c.mark();
    await c.say('Come si ottiene la licenza di pesca?');
    await c.waitForButton('Costi', { since: next });
  });

  it('during a live case /start, an old button and an edited message never make the bot speak; the press is answered, operator typing shows, a 429 delays but delivers', async () => {
    const c = citizen();
    const operator = await OperatorClient.login(started.app.url(), 'giulia');
    let since = c.mark();
    await c.say('Come si ottiene la licenza di pesca?');
    const card = await c.waitForButton('Costi', { since });
    const caseId = await escalate(c, operator, 'Licenza di pesca per un minorenne');
    expect((await operator.claim(caseId)).status).toBe(200);

    since = c.mark();
    expect((await operator.typing(caseId)).status).toBe(204);
    await eventually(
      () =>
        started.fake
          .callsOf('sendChatAction')
          .find(
            (call) => String(call.payload.chat_id) === String(c.chatId) && call.payload.action === 'typing',
          ),
      'the operator typing (sendChatAction) in the chat',
    );

    // /start is a new conversation on Telegram: the bot must not greet over the operator.
    await c.say('/start');
    const queryId = await c.press(card, 'Tempi');
    await c.waitForAnswered(queryId);
    await c.send(editedMessage(c.chatId, 'Mio figlio ha 15 anni'));
    await eventually(async () => {
      const texts = (await operator.caseDetail(caseId)).body.messages
        .filter((m) => m.from === 'citizen')
        .map((m) => m.text);
      return texts.includes('Mio figlio ha 15 anni') && texts.includes('Tempi') ? texts : undefined;
    }, 'the button and the edited message on the case');
    // Telegram asks to slow down: the operator's message waits retry_after and arrives once.
    started.fake.failNext('sendMessage', 1, {
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    });
    const sentAt = Date.now();
    expect((await operator.send(caseId, 'Per i minorenni verifichi le esenzioni.')).status).toBe(201);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(900);
    await c.waitForText('esenzioni', { since });
    expect(
      c
        .messages(since)
        .map((m) => m.text)
        .filter((t) => !/preso in carico/.test(t ?? '')),
    ).toEqual(['Giulia di Linea Amica\nPer i minorenni verifichi le esenzioni.']);
    expect((await operator.close(caseId, 'risolto')).status).toBe(200);
  });

  it('a citizen who blocks the bot during a live case leaves it: the case is closed for the operator', async () => {
    const c = citizen();
    const operator = await OperatorClient.login(started.app.url(), 'giulia');
    const caseId = await escalate(c, operator, 'Tesserino venatorio smarrito');
    expect((await operator.claim(caseId)).status).toBe(200);
    await c.send(membershipChange(c.chatId, 'kicked'));
    const closed = await eventually(async () => {
      const detail = (await operator.caseDetail(caseId)).body.case;
      return detail.state === 'closed' ? detail : undefined;
    }, 'the case closed after the block');
    expect(closed.outcome).toBe('annullato');
    const since = c.mark();
    expect((await operator.send(caseId, 'È ancora lì?')).status).toBe(409);
    await sleep(200);
    expect(c.messages(since)).toEqual([]);
  });

  it('Telegram refusing an operator message (403, bot blocked) closes the case; the operator is told it is closed', async () => {
    const c = citizen();
    const operator = await OperatorClient.login(started.app.url(), 'giulia');
    const caseId = await escalate(c, operator, 'Rinnovo tesserino venatorio');
    expect((await operator.claim(caseId)).status).toBe(200);
    started.fake.failNext('sendMessage', 1, {
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    });
    const sent = await operator.send(caseId, 'Buongiorno, sono Giulia.');
    // The citizen left: the operator is told the case is closed.
    expect(sent).toMatchObject({ status: 409, body: { error: { code: 'CaseClosed' } } });
    const detail = (await operator.caseDetail(caseId)).body;
    expect(detail.case.state).toBe('closed');
    // The transcript never shows a reply the citizen did not get.
    expect(detail.messages.filter((m) => m.from === 'operator')).toEqual([]);
  });

  it('100 updates from 20 chats at once: every question answered, each chat in its own order', async () => {
    // Procedures the engine answers from their own title (no facet word, so never a follow-up).
    const questions = kb.entries
      .filter((e) => e.type === 'procedimento' && detectFacet(e.title) === undefined)
      .filter((e) => {
        const best = engine.interpret(e.title, { language: 'it' });
        return best.decision === 'answer' && best.procedures[0]?.id === e.id;
      })
      .slice(0, 5)
      .map((e) => e.title);
    expect(questions).toHaveLength(5);
    const chats = Array.from({ length: 20 }, () => citizen());
    const since = chats[0]?.mark() ?? 0;
    const updates = questions.flatMap((q, i) =>
      chats.map((c, k) => textMessage(c.chatId, questions[(i + k) % questions.length] ?? q)),
    );
    started.fake.pushUpdates(...updates);
    for (const [k, c] of chats.entries()) {
      const cards = await eventually(() => {
        const found = c.messages(since).filter((m) => m.buttons.some((b) => b.text === 'Costi'));
        return found.length >= questions.length ? found : undefined;
      }, `5 answers in chat ${c.chatId}`);
      const expected = questions.map((_, i) => questions[(i + k) % questions.length]);
      expect(cards.map((m) => questions.find((q) => m.text.startsWith(q)))).toEqual(expected);
    }
  });
});

describe('Telegram journeys on the composed app, webhook', () => {
  let started: Started;

  beforeAll(async () => {
    // Offices open, nobody logged in: escalation leaves a message for a callback.
    started = await startWithTelegram('webhook', {
      ADMIN_API_KEY: ADMIN_KEY,
      PUBLIC_URL,
      HANDOFF_CONFIG: ALWAYS_OPEN_HANDOFF,
    });
  });

  afterAll(async () => {
    await started?.app.stop();
    await started?.fake.stop();
  });

  it('registers its own URL with the secret and never polls', () => {
    const url = new URL(started.fake.webhook?.url ?? '');
    expect(`${url.protocol}//${url.host}`).toBe(started.app.url());
    expect(url.pathname).toBe('/api/telegram/updates');
    expect(started.fake.webhook?.secret).toBe(WEBHOOK_SECRET);
    expect(started.fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('/start greets with the privacy notice linked at the public URL', async () => {
    const c = new TelegramCitizen(started.fake, 990_004, 'webhook');
    const since = c.mark();
    await c.say('/start');
    const greeting = await c.waitForText('assistente virtuale', { since });
    expect(greeting.html).toContain(`<a href="${PUBLIC_URL}/privacy">informativa privacy</a>`);
  });

  it('refuses an update without the secret', async () => {
    const c = new TelegramCitizen(started.fake, 990_001, 'webhook');
    const since = c.mark();
    expect(
      await started.fake.deliverToWebhook({ update_id: started.fake.updateId(), message: {} }, null),
    ).toBe(403);
    await sleep(200);
    expect(c.messages(since)).toEqual([]);
  });

  it('answers a question with a card, a facet button, a typed follow-up, "Intendevi…?" and a clarifying question', async () => {
    await knowledgeJourney(new TelegramCitizen(started.fake, 990_002, 'webhook'));
  });

  it('rates with inline buttons, and a re-sent update (same update_id) is handled once', async () => {
    const c = new TelegramCitizen(started.fake, 990_003, 'webhook');
    let since = c.mark();
    const question = {
      update_id: started.fake.updateId(),
      ...textMessage(c.chatId, 'Come si ottiene la licenza di pesca?'),
    };
    expect(await started.fake.deliverToWebhook(question)).toBe(200);
    // Telegram re-sends when it did not get the answer in time.
    expect(await started.fake.deliverToWebhook(question)).toBe(200);
    await c.waitForButton('Costi', { since });
    since = c.mark();
    await c.say('grazie, arrivederci');
    const prompt = await c.waitForText('Mettiamoci la faccia', { since });
    expect(c.messages(0).filter((m) => m.buttons.some((b) => b.text === 'Costi'))).toHaveLength(1);
    since = c.mark();
    await c.press(prompt, '🟡 Non del tutto soddisfatto');
    await c.waitForText('Grazie per la tua valutazione', { since });
    const report = await fetch(`${started.app.url()}/api/reports/satisfaction?groupBy=channel`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const body = (await report.json()) as SatisfactionReport;
    expect(body.groups.find((g) => g.key === 'telegram')?.counts).toEqual({
      positive: 0,
      neutral: 1,
      negative: 0,
    });
  });

  it('with no operator online /operatore leaves a message for a callback, and the bot keeps answering', async () => {
    const c = new TelegramCitizen(started.fake, 990_005, 'webhook');
    let since = c.mark();
    await c.say('/operatore');
    const offer = await c.waitForText(/nessun operatore .* è disponibile/, { since });
    expect(offer.text).toContain('lasciare un messaggio');
    expect(offer.buttons.map((b) => b.text)).toEqual(['Sì', 'No']);
    since = c.mark();
    await c.press(offer, 'Sì');
    await c.waitForText('a cui ricontattarti', { since });
    since = c.mark();
    await c.say('mario.rossi@example.org');
    await c.waitForText('In una riga', { since });
    since = c.mark();
    await c.say('Vorrei essere richiamato per la licenza di pesca');
    const registered = await c.waitForText('Ho registrato la tua richiesta', { since });
    expect(registered.text).toMatch(/ricontatterà/);
    since = c.mark();
    await c.say('Come si ottiene la licenza di pesca?');
    await c.waitForButton('Costi', { since });
  });
});
