import type { Activity, Attachment } from 'botbuilder-core';
import type { ButtonPayload } from './callbackDataCodec';
import { resolveLink } from './telegramText';

/** A button of an inline keyboard: opens a link, or sends a payload back to the bot. */
export type RenderedButton =
  { title: string; url: string } | { title: string; payload: ButtonPayload; ephemeral: boolean };

/** One Telegram message to send: Markdown text (converted and split later) and its keyboard. */
export interface RenderedMessage {
  markdown: string;
  rows: RenderedButton[][];
}

export interface ActivityRendererOptions {
  /** Base for relative links (PUBLIC_URL); without it relative links keep only their text. */
  linkBase?: string;
  /** Text of a message that only carries buttons (Telegram needs a text). */
  buttonsOnlyText?: string;
  /**
   * Buttons share a row while their titles total at most this many characters (max 3 per row);
   * a title longer than half of it stays alone.
   */
  rowCharacters?: number;
}

export const DEFAULT_BUTTONS_ONLY_TEXT = 'Scegli una delle opzioni:';
const DEFAULT_ROW_CHARACTERS = 24;
const MAX_BUTTONS_PER_ROW = 3;

const HERO_CARDS = new Set([
  'application/vnd.microsoft.card.hero',
  'application/vnd.microsoft.card.thumbnail',
  'application/vnd.microsoft.card.signin',
  'application/vnd.microsoft.card.oauth',
]);
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

type Json = Record<string, unknown>;
/** A CardAction, or one read from a card's JSON. */
type ActionLike = { type?: unknown; title?: unknown; value?: unknown; text?: unknown };
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/**
 * The Linea Amica operator who wrote the message (`channelData.operator`). Telegram shows every
 * message as the bot's, so the name heads the text; Markdown characters are dropped from it.
 */
function operatorName(channelData: unknown): string | undefined {
  if (!isObject(channelData)) return undefined;
  return (
    str(channelData.operator)
      ?.replace(/[*_`[\]\\]/g, '')
      .trim() || undefined
  );
}

/**
 * Turns a Bot Framework message (text, hero cards, Adaptive Cards, suggested actions) into the
 * Telegram messages that show the same thing: texts with inline keyboards.
 */
export class ActivityRenderer {
  private readonly buttonsOnlyText: string;
  private readonly rowCharacters: number;

  constructor(private readonly options: ActivityRendererOptions = {}) {
    this.buttonsOnlyText = options.buttonsOnlyText ?? DEFAULT_BUTTONS_ONLY_TEXT;
    this.rowCharacters = options.rowCharacters ?? DEFAULT_ROW_CHARACTERS;
  }

  render(activity: Partial<Activity>): RenderedMessage[] {
    const messages: RenderedMessage[] = [];
    const text = str(activity.text);
    const speaker = operatorName(activity.channelData);
    if (text) messages.push({ markdown: speaker ? `**${speaker}**\n${text}` : text, rows: [] });
    for (const attachment of activity.attachments ?? []) {
      const card = this.renderAttachment(attachment);
      if (card) messages.push(card);
    }
    const suggested = (activity.suggestedActions?.actions ?? []).map((a) => this.renderAction(a, true));
    const extraLines = suggested.filter((b): b is string => typeof b === 'string');
    const buttons = suggested.filter((b): b is RenderedButton => typeof b === 'object');
    if (buttons.length > 0 || extraLines.length > 0) {
      let target = messages[messages.length - 1];
      if (!target) {
        target = { markdown: extraLines.length > 0 ? '' : this.buttonsOnlyText, rows: [] };
        messages.push(target);
      }
      if (extraLines.length > 0)
        target.markdown = [target.markdown, ...extraLines].filter(Boolean).join('\n');
      target.rows.push(...this.layout(buttons));
    }
    return messages;
  }

  private renderAttachment(attachment: Attachment): RenderedMessage | undefined {
    if (HERO_CARDS.has(attachment.contentType) && isObject(attachment.content)) {
      return this.renderHeroCard(attachment.content);
    }
    if (attachment.contentType === ADAPTIVE_CARD && isObject(attachment.content)) {
      return this.renderAdaptiveCard(attachment.content);
    }
    const url =
      str(attachment.contentUrl) && resolveLink(String(attachment.contentUrl), this.options.linkBase);
    if (url) return { markdown: `[${attachment.name ?? url}](${url})`, rows: [] };
    return undefined;
  }

  private renderHeroCard(card: Json): RenderedMessage | undefined {
    const lines: string[] = [];
    const title = str(card.title);
    const subtitle = str(card.subtitle);
    const text = str(card.text);
    if (title) lines.push(`**${title}**`);
    if (subtitle) lines.push(`_${subtitle}_`);
    if (text) lines.push(text);
    const actions = Array.isArray(card.buttons) ? card.buttons.filter(isObject) : [];
    return this.cardMessage(
      lines,
      actions.map((a) => this.renderAction(a, false)),
    );
  }

  private renderAdaptiveCard(card: Json): RenderedMessage | undefined {
    const lines: string[] = [];
    this.collectAdaptiveText(card.body, lines);
    const actions = Array.isArray(card.actions) ? card.actions.filter(isObject) : [];
    return this.cardMessage(
      lines,
      actions.map((a) => this.renderAdaptiveAction(a)),
    );
  }

  private cardMessage(
    lines: string[],
    rendered: Array<RenderedButton | string | undefined>,
  ): RenderedMessage | undefined {
    const buttons = rendered.filter((b): b is RenderedButton => typeof b === 'object');
    lines.push(...rendered.filter((b): b is string => typeof b === 'string'));
    if (lines.length === 0 && buttons.length === 0) return undefined;
    return {
      markdown: lines.length > 0 ? lines.join('\n\n') : this.buttonsOnlyText,
      rows: this.layout(buttons),
    };
  }

  private collectAdaptiveText(elements: unknown, lines: string[]): void {
    if (!Array.isArray(elements)) return;
    for (const element of elements.filter(isObject)) {
      const type = element.type;
      if (type === 'TextBlock' || type === 'RichTextBlock') {
        const text =
          type === 'TextBlock'
            ? str(element.text)
            : Array.isArray(element.inlines)
              ? element.inlines
                  .map((i) => (typeof i === 'string' ? i : isObject(i) ? (str(i.text) ?? '') : ''))
                  .join('')
              : undefined;
        if (text) lines.push(element.weight === 'Bolder' ? `**${text}**` : text);
      } else if (type === 'FactSet' && Array.isArray(element.facts)) {
        for (const fact of element.facts.filter(isObject)) {
          lines.push(`**${str(fact.title) ?? ''}** ${str(fact.value) ?? ''}`.trim());
        }
      } else if (type === 'ColumnSet' && Array.isArray(element.columns)) {
        for (const column of element.columns.filter(isObject)) this.collectAdaptiveText(column.items, lines);
      } else if (Array.isArray(element.items)) {
        this.collectAdaptiveText(element.items, lines);
      }
    }
  }

  private renderAdaptiveAction(action: Json): RenderedButton | undefined {
    const title = str(action.title) ?? '…';
    if (action.type === 'Action.OpenUrl') {
      const url = str(action.url) && resolveLink(String(action.url), this.options.linkBase);
      return url ? { title, url } : undefined;
    }
    if (action.type !== 'Action.Submit' && action.type !== 'Action.Execute') return undefined;
    const data = action.data;
    if (isObject(data) && isObject(data.msteams)) {
      const ms = data.msteams;
      if (ms.type === 'imBack') return this.callbackButton(title, { text: str(ms.value) ?? title }, false);
      if (ms.type === 'messageBack') {
        return this.callbackButton(title, this.messageBackPayload(str(ms.text), ms.value), false);
      }
    }
    if (typeof data === 'string') return this.callbackButton(title, { text: data }, false);
    return this.callbackButton(title, { value: data ?? {} }, false);
  }

  /** A button, or a line of text for actions Telegram cannot offer as a button (a phone call). */
  private renderAction(action: ActionLike, ephemeral: boolean): RenderedButton | string | undefined {
    const title = str(action.title) ?? (typeof action.value === 'string' ? action.value : '…');
    const value: unknown = action.value;
    switch (action.type) {
      case 'openUrl':
      case 'downloadFile':
      case 'showImage':
      case 'playAudio':
      case 'playVideo':
      case 'signin': {
        const url = typeof value === 'string' ? resolveLink(value, this.options.linkBase) : undefined;
        return url ? { title, url } : undefined;
      }
      case 'call': {
        const number = typeof value === 'string' ? value.replace(/^tel:/, '') : '';
        return number ? `${title}: ${number}` : undefined;
      }
      case 'messageBack':
        return this.callbackButton(title, this.messageBackPayload(str(action.text), value), ephemeral);
      case 'postBack':
        return this.callbackButton(title, typeof value === 'string' ? { text: value } : { value }, ephemeral);
      default: // imBack and anything unknown: the value is said by the citizen
        return this.callbackButton(title, { text: typeof value === 'string' ? value : title }, ephemeral);
    }
  }

  private messageBackPayload(text: string | undefined, value: unknown): ButtonPayload {
    if (typeof value === 'string' && text === undefined) return { text: value };
    const payload: ButtonPayload = {};
    if (text !== undefined) payload.text = text;
    if (value !== undefined) payload.value = value;
    return payload;
  }

  private callbackButton(title: string, payload: ButtonPayload, ephemeral: boolean): RenderedButton {
    return { title, payload, ephemeral };
  }

  private layout(buttons: RenderedButton[]): RenderedButton[][] {
    const rows: RenderedButton[][] = [];
    let row: RenderedButton[] = [];
    let width = 0;
    // A long title gets a row of its own.
    const long = (b: RenderedButton) => b.title.length > this.rowCharacters / 2;
    for (const button of buttons) {
      const w = button.title.length;
      const full =
        row.length >= MAX_BUTTONS_PER_ROW || width + w > this.rowCharacters || long(button) || row.some(long);
      if (row.length > 0 && full) {
        rows.push(row);
        row = [];
        width = 0;
      }
      row.push(button);
      width += w;
    }
    if (row.length > 0) rows.push(row);
    return rows;
  }
}
