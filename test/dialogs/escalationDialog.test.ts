import { join } from 'node:path';
import type { StatePropertyAccessor } from 'botbuilder';
import type { ConversationData } from '../../dialogs/conversationData';
import { EscalationDialog } from '../../dialogs/escalationDialog';
import type { TranscriptLine, TranscriptReader } from '../../dialogs/transcript';
import { loadHandoffConfig, officeHoursOptions, type HandoffConfig } from '../../handoff/handoffConfig';
import { HandoffDesk } from '../../handoff/handoffDesk';
import { MemoryCaseStore } from '../../handoff/memoryCaseStore';
import { MemoryHandoffEvents } from '../../handoff/memoryHandoffEvents';
import { MemoryOperatorPresence } from '../../handoff/memoryOperatorPresence';
import { OfficeHours } from '../../handoff/officeHours';
import { PositionUpdatePolicy } from '../../handoff/positionUpdatePolicy';
import { WaitEstimator } from '../../handoff/waitEstimator';
import { buttonTitles, kb, mainDialogHarness } from './dialogHarness';

const ALWAYS = [{ from: '00:00', to: '24:00' }];
const NEVER = {};

function setup(options: { open: boolean; operatorOnline: boolean; transcript?: TranscriptReader }) {
  const base = loadHandoffConfig(join(__dirname, '..', '..', 'config', 'handoff.yaml'));
  const config: HandoffConfig = {
    ...base,
    holidays: { ...base.holidays, closures: [] },
    defaultHours: options.open
      ? { mon: ALWAYS, tue: ALWAYS, wed: ALWAYS, thu: ALWAYS, fri: ALWAYS, sat: ALWAYS, sun: ALWAYS }
      : NEVER,
    queues: Object.fromEntries(
      Object.entries(base.queues).map(([k, q]) => [k, { ...q, hours: undefined, closures: [] }]),
    ),
  };
  const cases = new MemoryCaseStore({ knownQueues: Object.keys(config.queues) });
  const presence = new MemoryOperatorPresence();
  if (options.operatorOnline) void presence.heartbeat('anna');
  const desk = new HandoffDesk(
    cases,
    new MemoryHandoffEvents(),
    new OfficeHours(officeHoursOptions(config)),
    presence,
    new WaitEstimator(cases),
    config,
    new PositionUpdatePolicy(),
  );
  const h = mainDialogHarness((data) => ({
    escalation: new EscalationDialog(
      desk,
      kb,
      data as StatePropertyAccessor<ConversationData>,
      undefined,
      options.transcript,
    ),
  }));
  return { cases, ...h };
}

describe('EscalationDialog', () => {
  it('asks consent after the privacy notice, validates the contact, and queues a live case by area', async () => {
    const { cases, say } = setup({ open: true, operatorOnline: true });
    await say('passo carraio sulla provinciale');
    const [consent] = await say('voglio parlare con un operatore');
    expect(consent?.text).toMatch(/Strade e viabilità/);
    expect(consent?.text).toMatch(/Acconsenti/);
    expect(buttonTitles(consent)).toEqual(['Sì', 'No']);
    const [contactPrompt] = await say('Sì');
    expect(contactPrompt?.text).toMatch(/email o un numero di telefono/);
    const [wrong] = await say('mario.rossi@');
    expect(wrong?.text).toMatch(/chiocciola|email/i);
    const [queued] = await say('mario.rossi@example.it');
    expect(queued?.text).toMatch(/sei al 1° posto/);
    const handoff = queued?.channelData?.handoff as { caseId: string; state: string; position: number };
    expect(handoff).toMatchObject({ state: 'queued', position: 1 });
    const stored = await cases.get(handoff.caseId);
    expect(stored).toMatchObject({
      kind: 'live',
      queue: 'strade',
      procedureId: 'accessi-carrai',
      contact: { email: 'mario.rossi@example.it', consent: true },
    });
  });

  it('re-asks a wrong phone number with the reason, accepts a good one in E.164', async () => {
    const { cases, say } = setup({ open: true, operatorOnline: true });
    await say('operatore');
    await say('sì');
    const [wrong] = await say('12');
    expect(wrong?.text).toBeTruthy();
    const [summary] = await say('0341 295111');
    // Nothing said yet about the need: a one-line summary is asked.
    expect(summary?.text).toMatch(/In una riga/);
    const [queued] = await say('Devo sapere a che punto è la mia domanda di contributo');
    const caseId = (queued?.channelData?.handoff as { caseId: string }).caseId;
    expect(await cases.get(caseId)).toMatchObject({
      queue: 'generale',
      summary: 'Devo sapere a che punto è la mia domanda di contributo',
      contact: { phone: '+390341295111' },
    });
  });

  it('with no operator online offers a callback case, which needs a contact', async () => {
    const { cases, say } = setup({ open: true, operatorOnline: false });
    await say('Come si ottiene la licenza di pesca dilettantistica?');
    const [offer] = await say('operatore');
    expect(offer?.text).toMatch(/nessun operatore/);
    await say('sì');
    const [required] = await say('salta');
    expect(required?.text).toMatch(/mi serve un indirizzo email o un numero di telefono/);
    const [queued] = await say('anna.bianchi@example.it');
    expect(queued?.text).toMatch(/ti ricontatterà/);
    const caseId = (queued?.channelData?.handoff as { caseId: string }).caseId;
    expect(await cases.get(caseId)).toMatchObject({ kind: 'callback', queue: 'caccia-pesca' });
  });

  it('outside office hours says so and offers a callback', async () => {
    const { say } = setup({ open: false, operatorOnline: true });
    const [offer] = await say('operatore');
    expect(offer?.text).toMatch(/chiuso/);
  });

  it('"No" to consent and "annulla" at a prompt go back to the bot without a case', async () => {
    const { cases, say } = setup({ open: true, operatorOnline: true });
    await say('operatore');
    const [declined] = await say('no');
    expect(declined?.text).toMatch(/continuo a risponderti io/);
    await say('operatore');
    await say('sì');
    const [cancelled] = await say('annulla');
    expect(cancelled?.text).toMatch(/annullato/);
    const [answer] = await say('Come si ottiene la licenza di pesca dilettantistica?');
    expect(answer?.channelData?.procedureId).toBe('licenza-pesca');
    expect((await cases.queues()).every((q) => q.waiting.length === 0)).toBe(true);
  });

  it('a new question instead of Sì/No at the consent drops the request and is answered', async () => {
    const { cases, say } = setup({ open: true, operatorOnline: true });
    await say('operatore');
    const [unsure] = await say('non so');
    expect(unsure?.text).toMatch(/Rispondi Sì o No/);
    // Asking for the operator again is not a new question: the consent is asked again.
    const [again] = await say('voglio parlare con un operatore');
    expect(again?.text).toMatch(/Rispondi Sì o No/);
    const replies = await say('come si rinnova la licenza di pesca?');
    expect(replies[0]?.text).toMatch(/lascio stare la richiesta di un operatore/);
    expect(replies.map((r) => r.channelData?.procedureId)).toContain('licenza-pesca');
    expect((await cases.queues()).every((q) => q.waiting.length === 0)).toBe(true);
    // Back with the bot: a follow-up goes to the entry just answered, not to the consent prompt.
    const [cost] = await say('quanto costa?');
    expect(cost?.text).not.toMatch(/Rispondi Sì o No/);
  });

  it('puts the transcript on the case, and takes the last question from it as the summary', async () => {
    // The bot records the transcript; here a reader stands in for it, read when the case opens.
    const lines: TranscriptLine[] = [
      {
        from: 'citizen',
        text: 'a che punto è la mia pratica di contributo?',
        at: '2026-01-01T09:00:00.000Z',
      },
      { from: 'bot', text: 'Non ho trovato una risposta.', at: '2026-01-01T09:00:01.000Z' },
      { from: 'citizen', text: 'operatore', at: '2026-01-01T09:00:02.000Z' },
    ];
    let reads = 0;
    const transcript: TranscriptReader = {
      read: async () => {
        reads += 1;
        return lines.map((l) => ({ ...l }));
      },
    };
    const { cases, say } = setup({ open: true, operatorOnline: true, transcript });
    await say('operatore');
    expect(reads).toBe(1);
    await say('sì');
    const [queued] = await say('salta');
    const caseId = (queued?.channelData?.handoff as { caseId: string }).caseId;
    expect(await cases.get(caseId)).toMatchObject({
      summary: 'a che punto è la mia pratica di contributo?',
    });
    const messages = await cases.messages(caseId);
    expect(messages.map((m) => `${m.from}: ${m.text}`).slice(0, 3)).toEqual([
      'citizen: a che punto è la mia pratica di contributo?',
      'bot: Non ho trovato una risposta.',
      'citizen: operatore',
    ]);
  });

  it('two consecutive misses offer an operator', async () => {
    const { say } = setup({ open: true, operatorOnline: true });
    await say('qual è la ricetta della cassoeula?');
    const replies = await say('chi vincerà il campionato?');
    expect(replies.map((r) => r.text).join('\n')).toMatch(/Acconsenti/);
  });
});
