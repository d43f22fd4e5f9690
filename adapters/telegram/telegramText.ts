/** Telegram's limit for one message text (after entity parsing). */
export const TELEGRAM_TEXT_LIMIT = 4096;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Bare URLs (left alone, so "a_b_c" in a path is not italic), links, **bold**, `code`, *italic*
// and _italic_ as the bot writes them for Web Chat. Italic markers must hug a word, so
// "snake_case" and "2 * 3" stay as they are.
const INLINE =
  /(https?:\/\/[^\s<>()]+)|\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*(?=\S)([^\n]+?)(?<=\S)\*\*|`([^`\n]+)`|(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])|(?<![\p{L}\p{N}_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\p{L}\p{N}_])/gu;

/** An absolute http(s) URL for a link target, resolved against `base` when relative; else undefined. */
export function resolveLink(href: string, base?: string): string | undefined {
  try {
    const url = base ? new URL(href, base) : new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The bot's simple Markdown as Telegram HTML (parse_mode "HTML"): everything else is escaped.
 * A link whose target cannot be opened from Telegram (e.g. a relative path with no base) keeps
 * only its text.
 */
export function markdownToTelegramHtml(markdown: string, linkBase?: string): string {
  let out = '';
  let last = 0;
  for (const m of markdown.matchAll(INLINE)) {
    out += escapeHtml(markdown.slice(last, m.index));
    const [, bare, label, href, bold, code, star, underscore] = m;
    if (bare !== undefined) {
      out += escapeHtml(bare);
    } else if (label !== undefined && href !== undefined) {
      const url = resolveLink(href, linkBase);
      out += url ? `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>` : escapeHtml(label);
    } else if (bold !== undefined) {
      out += `<b>${markdownToTelegramHtml(bold, linkBase)}</b>`;
    } else if (code !== undefined) {
      out += `<code>${escapeHtml(code)}</code>`;
    } else {
      out += `<i>${markdownToTelegramHtml(star ?? underscore ?? '', linkBase)}</i>`;
    }
    last = m.index + m[0].length;
  }
  return out + escapeHtml(markdown.slice(last));
}

/** The same text with the Markdown markers removed: the fallback when Telegram refuses the HTML. */
export function markdownToPlainText(markdown: string, linkBase?: string): string {
  return markdown.replace(
    INLINE,
    (
      _m,
      bare?: string,
      label?: string,
      href?: string,
      bold?: string,
      code?: string,
      star?: string,
      underscore?: string,
    ) => {
      if (bare !== undefined) return bare;
      if (label !== undefined && href !== undefined) {
        const url = resolveLink(href, linkBase);
        return url ? `${label} (${url})` : label;
      }
      return markdownToPlainText(bold ?? code ?? star ?? underscore ?? '', linkBase);
    },
  );
}

/**
 * Splits a text into pieces of at most `limit` UTF-16 units, preferring paragraph, then line,
 * then word boundaries, never cutting a surrogate pair.
 */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = window.lastIndexOf('\n\n');
    if (cut < limit / 2) cut = window.lastIndexOf('\n');
    if (cut < limit / 2) cut = window.lastIndexOf(' ');
    if (cut < limit / 2) {
      cut = limit;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim() || pieces.length === 0) pieces.push(rest);
  return pieces;
}
