import { ActivityTypes, MessageFactory, type TurnContext } from 'botbuilder-core';
import type { HandoffCase } from '../handoff/case';
import type { HandoffDesk } from '../handoff/handoffDesk';
import { detectSmallTalk } from '../dialogs/smallTalk';
import { type Lang, langFromLocale } from './texts';

const T = {
  cancelled: {
    it: "Hai lasciato Linea Amica: torni all'assistente virtuale. Scrivi pure la tua domanda.",
    en: 'You left Linea Amica and are back with the virtual assistant. Ask me anything.',
  },
  position: {
    it: (position: number, minutes: number) =>
      position === 1
        ? `Sei il primo in coda: un operatore ti risponderà a breve (circa ${minutes} min).`
        : `Sei al ${position}° posto in coda, attesa stimata circa ${minutes} minuti.`,
    en: (position: number, minutes: number) =>
      position === 1
        ? `You are first in the queue: an operator will answer shortly (about ${minutes} min).`
        : `You are number ${position} in the queue, estimated wait about ${minutes} minutes.`,
  },
  unreachable: {
    it: 'Gli operatori sono momentaneamente non raggiungibili: il tuo messaggio non è stato consegnato. Riprova tra poco.',
    en: 'Operators are momentarily unreachable: your message was not delivered. Please try again shortly.',
  },
} as const;

/** "You are number N in the queue": carries `channelData.handoff` with the position. */
export function positionActivity(c: HandoffCase, position: number, minutes: number, lang: Lang) {
  return {
    ...MessageFactory.text(T.position[lang](position, minutes)),
    channelData: { handoff: { caseId: c.id, state: 'queued' as const, position } },
  };
}

/** What the citizen sent, as the operator should read it: text, a button's value, attachments. */
function describe(context: TurnContext): { text: string; attachments: string[] } {
  const a = context.activity;
  const attachments = (a.attachments ?? []).map((x) => x.name ?? x.contentType ?? 'allegato');
  let text = (a.text ?? '').trim();
  if (text === '' && a.value !== undefined)
    text = typeof a.value === 'string' ? a.value : JSON.stringify(a.value);
  if (text === '' && attachments.length > 0) text = `[${attachments.join(', ')}]`;
  return { text, attachments };
}

/**
 * While a case is open the bot is silent: every activity the citizen sends (text, button,
 * attachment, Telegram callback, typing) goes to the case and so to the operator. "annulla"
 * takes the citizen back to the bot. While waiting, the citizen hears of a better position.
 */
export class HandoffRelay {
  constructor(private readonly desk: HandoffDesk) {}

  /**
   * The case the conversation is in: a live one, or a callback case once an operator holds it
   * (they may write in the chat). A waiting callback case leaves the bot answering.
   */
  async openCase(context: TurnContext): Promise<HandoffCase | undefined> {
    const a = context.activity;
    const open = await this.desk.openCaseFor(a.channelId, a.conversation.id);
    return open?.kind === 'live' || open?.state === 'assigned' ? open : undefined;
  }

  async handle(context: TurnContext, open: HandoffCase): Promise<void> {
    const a = context.activity;
    const lang: Lang = open.locale ? langFromLocale(open.locale) : langFromLocale(a.locale);
    if (a.type === ActivityTypes.Typing) {
      if (open.state === 'assigned') await this.desk.citizenTyping(open).catch(() => undefined);
      return;
    }
    if (a.type !== ActivityTypes.Message) return;
    const { text, attachments } = describe(context);
    if (detectSmallTalk(text) === 'cancel') {
      await this.desk.cancel(open);
      await context.sendActivity({
        ...MessageFactory.text(T.cancelled[lang]),
        channelData: { handoff: { caseId: open.id, state: 'closed' } },
      });
      return;
    }
    try {
      await this.desk.citizenMessage(open, text, attachments);
    } catch {
      await context.sendActivity({
        ...MessageFactory.text(T.unreachable[lang]),
        channelData: { handoff: { caseId: open.id, state: open.state } },
      });
      return;
    }
    if (open.state === 'queued') {
      const wait = await this.desk.positionUpdate(open).catch(() => undefined);
      if (wait) await context.sendActivity(positionActivity(open, wait.position, wait.minutes, lang));
    }
  }
}
