import { join } from 'node:path';
import {
  type Activity,
  ConversationState,
  MemoryStorage,
  type StatePropertyAccessor,
  TestAdapter,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, type DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import { ConversationTranscript } from '../../bots/conversationTranscript';
import { LineaAmicaBot } from '../../bots/lineaAmicaBot';
import { CONVERSATION_DATA, type ConversationData } from '../../dialogs/conversationData';
import { EscalationDialog } from '../../dialogs/escalationDialog';
import { MAIN_DIALOG, MainDialog, type MainDialogChildren } from '../../dialogs/mainDialog';
import { RatingDialog } from '../../dialogs/ratingDialog';
import { loadHandoffConfig, officeHoursOptions, type HandoffConfig } from '../../handoff/handoffConfig';
import { HandoffDesk } from '../../handoff/handoffDesk';
import { MemoryCaseStore } from '../../handoff/memoryCaseStore';
import { MemoryHandoffEvents } from '../../handoff/memoryHandoffEvents';
import { MemoryOperatorPresence } from '../../handoff/memoryOperatorPresence';
import { OfficeHours } from '../../handoff/officeHours';
import { PositionUpdatePolicy } from '../../handoff/positionUpdatePolicy';
import { WaitEstimator } from '../../handoff/waitEstimator';
import { MemoryRatingStore } from '../../ratings/memoryRatingStore';
import { LeanConversationState } from '../../storage/leanConversationState';
import { MemoryTranscriptLog } from '../../storage/memoryTranscriptLog';
import { kb, search } from '../dialogs/dialogHarness';

const STATE_KEY = 'test/conversations/Convo1/';
const TRANSCRIPT_KEY = 'test/Convo1';
const ALWAYS = [{ from: '00:00', to: '24:00' }];

/** A help desk open round the clock with one operator online, in memory. */
function openDesk(): HandoffDesk {
  const base = loadHandoffConfig(join(__dirname, '..', '..', 'config', 'handoff.yaml'));
  const config: HandoffConfig = {
    ...base,
    holidays: { ...base.holidays, closures: [] },
    defaultHours: {
      mon: ALWAYS,
      tue: ALWAYS,
      wed: ALWAYS,
      thu: ALWAYS,
      fri: ALWAYS,
      sat: ALWAYS,
      sun: ALWAYS,
    },
    queues: Object.fromEntries(
      Object.entries(base.queues).map(([k, q]) => [k, { ...q, hours: undefined, closures: [] }]),
    ),
  };
  const cases = new MemoryCaseStore({ knownQueues: Object.keys(config.queues) });
  const presence = new MemoryOperatorPresence();
  void presence.heartbeat('anna');
  return new HandoffDesk(
    cases,
    new MemoryHandoffEvents(),
    new OfficeHours(officeHoursOptions(config)),
    presence,
    new WaitEstimator(cases),
    config,
    new PositionUpdatePolicy(),
  );
}

type Children = (data: StatePropertyAccessor<ConversationData>) => MainDialogChildren;

/** Escalation (desk open, an operator online) and rating, as the composition root wires them. */
const allChildren: Children = (data) => ({
  escalation: new EscalationDialog(openDesk(), kb, data),
  rating: new RatingDialog(new MemoryRatingStore(), data),
});

function driver(logic: (context: TurnContext) => Promise<void>) {
  const adapter = new TestAdapter(logic, { locale: 'it-IT' });
  return async (said: string | Partial<Activity>): Promise<Array<Partial<Activity>>> => {
    // A copy: the adapter fills in the activity it is given.
    await adapter.receiveActivity(typeof said === 'string' ? { type: 'message', text: said } : { ...said });
    return adapter.activeQueue.splice(0);
  };
}

/** The bot as the composition root builds it (main dialog over the real knowledge base), on a test adapter. */
function botHarness(children: Children = () => ({})) {
  const storage = new MemoryStorage();
  const state = new LeanConversationState(storage);
  const data = state.createProperty<ConversationData>(CONVERSATION_DATA);
  const log = new MemoryTranscriptLog();
  const bot = new LineaAmicaBot(state, new MainDialog(kb, search, data, children(data)), {
    privacyUrl: 'https://example.it/privacy',
    conversationData: data,
    transcript: new ConversationTranscript(log),
  });
  return {
    storage,
    log,
    say: driver((context) => bot.run(context)),
    async stored(): Promise<Record<string, unknown>> {
      return ((await storage.read([STATE_KEY]))[STATE_KEY] ?? {}) as Record<string, unknown>;
    },
  };
}

/** Every message through botbuilder-dialogs, as the bot ran them before the router: the reference behaviour. */
function dialogsOnlyHarness(children: Children) {
  const state = new ConversationState(new MemoryStorage());
  const data = state.createProperty<ConversationData>(CONVERSATION_DATA);
  const dialogs = new DialogSet(state.createProperty<DialogState>('DialogState'));
  dialogs.add(new MainDialog(kb, search, data, children(data)));
  return {
    say: driver(async (context) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
      await state.saveChanges(context);
    }),
  };
}

/** What the citizen sees of a reply. */
function seen(reply: Partial<Activity>) {
  return {
    text: reply.text,
    buttons: reply.suggestedActions?.actions.map((a) => a.title) ?? [],
    attachments: (reply.attachments ?? []).map((a) => a.contentType),
  };
}

describe('LineaAmicaBot', () => {
  let createContext: jest.SpyInstance;
  beforeEach(() => {
    createContext = jest.spyOn(DialogSet.prototype, 'createContext');
  });
  afterEach(() => createContext.mockRestore());

  it('answers a knowledge question in one step, without any dialog context', async () => {
    const h = botHarness(allChildren);
    const [answer] = await h.say('come si rinnova la licenza di pesca');
    expect(answer?.channelData?.procedureId).toBe('licenza-pesca');
    const [followUp] = await h.say('quanto costa?');
    expect(followUp?.channelData).toMatchObject({ procedureId: 'licenza-pesca', facet: 'costs' });
    expect(createContext).not.toHaveBeenCalled();
    expect(await h.stored()).not.toHaveProperty('DialogState');
  });

  it('starts a child dialog through the main dialog, continues it, and routes again once it ends', async () => {
    const h = botHarness(allChildren);
    const [consent] = await h.say('voglio parlare con un operatore');
    expect(consent?.text).toMatch(/Acconsenti/);
    expect(createContext).toHaveBeenCalledTimes(1);
    const stack = ((await h.stored()).DialogState as DialogState).dialogStack;
    expect(stack.map((d) => d.id)[0]).toBe(MAIN_DIALOG);
    const [declined] = await h.say('no');
    expect(declined?.text).toMatch(/continuo a risponderti io/);
    expect(createContext).toHaveBeenCalledTimes(2);
    expect(((await h.stored()).DialogState as DialogState).dialogStack).toEqual([]);
    // Nothing active any more: the next question is answered without dialogs.
    const [answer] = await h.say('passo carraio sulla provinciale');
    expect(answer?.channelData?.procedureId).toBe('accessi-carrai');
    expect(createContext).toHaveBeenCalledTimes(2);
  });

  it('a question sent to the rating prompt is handed back to the main dialog and answered', async () => {
    const h = botHarness(allChildren);
    await h.say('come si rinnova la licenza di pesca');
    const [prompt] = await h.say('grazie mille');
    expect(prompt?.channelData?.ratingPrompt).toBe(true);
    const [answer] = await h.say('passo carraio sulla provinciale');
    expect(answer?.channelData?.procedureId).toBe('accessi-carrai');
  });

  it('replies exactly as when every message went through botbuilder-dialogs', async () => {
    const script: Array<string | Partial<Activity>> = [
      'Come si ottiene la licenza di pesca dilettantistica?',
      'quanto costa?',
      'ciao',
      { type: 'message', text: 'Costi', value: { facet: 'costs', procedureId: 'trasporti-eccezionali' } },
      'qual è la ricetta della cassoeula?',
      'chi vincerà il campionato?',
      'no',
      'grazie mille',
      'passo carraio sulla provinciale',
      'e i tempi?',
      'arrivederci',
      { type: 'message', value: { rating: 'positive' } },
      'operatore',
      'annulla',
      'Il mio codice fiscale è RSSMRA85T10A562X, come pago il bollo?',
      'aiuto',
      { type: 'message', text: '', attachments: [{ contentType: 'image/png', name: 'foto.png' }] },
      'consulente per la circolazione dei mezzi di trasporto',
      'How do I renew my fishing licence?',
      'voglio valutare il servizio',
      { type: 'message', value: { rating: 'skip' } },
    ];
    const bot = botHarness(allChildren);
    const reference = dialogsOnlyHarness(allChildren);
    for (const said of script) {
      const ours = (await bot.say(said)).map(seen);
      const theirs = (await reference.say(said)).map(seen);
      expect({ said, replies: ours }).toEqual({ said, replies: theirs });
    }
    // The script went through both paths: one-step answers and dialogs begun and continued.
    expect(createContext.mock.calls.length).toBeGreaterThan(script.length);
  });

  it('keeps the operator transcript in the transcript log, not in the conversation state', async () => {
    const h = botHarness();
    const [answer] = await h.say('come si rinnova la licenza di pesca');
    expect(answer?.text).toBeTruthy();
    const lines = await h.log.read(TRANSCRIPT_KEY);
    expect(lines.map((l) => l.from)).toEqual(['citizen', 'bot']);
    expect(lines[0]?.text).toBe('come si rinnova la licenza di pesca');
    const data = (await h.stored()).conversationData as ConversationData;
    expect(data.lastProcedureId).toBeTruthy();
    expect(data).not.toHaveProperty('transcript');
  });

  it('moves a transcript kept in the state by an earlier version to the log', async () => {
    const h = botHarness();
    const earlier = [
      { from: 'citizen' as const, text: 'passo carraio', at: '2026-01-01T09:00:00.000Z' },
      { from: 'bot' as const, text: 'Per il passo carraio…', at: '2026-01-01T09:00:01.000Z' },
    ];
    await h.storage.write({
      [STATE_KEY]: { conversationData: { procedures: [], misses: 0, transcript: earlier } },
    });
    await h.say('grazie');
    const lines = await h.log.read(TRANSCRIPT_KEY);
    expect(lines.slice(0, 3)).toEqual([
      ...earlier,
      expect.objectContaining({ from: 'citizen', text: 'grazie' }),
    ]);
    expect((await h.stored()).conversationData).not.toHaveProperty('transcript');
  });
});
