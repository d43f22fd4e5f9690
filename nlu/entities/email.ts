import type * as RecognizersSuite from '@microsoft/recognizers-text-suite';
import type { TextContext } from '../textContext';
import { candidate, type Candidate } from './candidate';

/**
 * The suite's email and URL recognizers are culture-free patterns, right for Italian text; they
 * only run when the message could hold one, so they cost nothing on most messages.
 */

/** "www.", "https://" or a domain not preceded by "@" (an email's domain is not a URL). */
const URL_HINT = /www\.|:\/\/|(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:it|com|eu|org|net|gov|info)\b/;

let suite: typeof RecognizersSuite | undefined;

/** The suite takes ~0.2 s to load: loaded at the first message that may hold an email or URL, not at start-up. */
function recognizers(): typeof RecognizersSuite {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  suite ??= require('@microsoft/recognizers-text-suite') as typeof RecognizersSuite;
  return suite;
}

export function normalizeEmail(raw: string): string {
  return raw.trim().replace(/[.]+$/, '').toLowerCase();
}

/** False when `findEmails` cannot find anything in `text`: no "@", no email. */
export function mayContainEmail(text: string): boolean {
  return text.includes('@');
}

export function findEmails(ctx: TextContext): Candidate[] {
  if (!mayContainEmail(ctx.text)) return [];
  const { recognizeEmail, Culture } = recognizers();
  return recognizeEmail(ctx.text, Culture.English).map((r) => {
    const text = r.text.replace(/[.]+$/, '');
    const start = ctx.text.indexOf(text, r.start);
    const s = start < 0 ? r.start : start;
    return candidate(ctx, 'email', s, s + text.length, normalizeEmail(text));
  });
}

/** URLs are not reported; they only keep their parts ("comune.lecco.it") from being read as entities. */
export function findUrls(ctx: TextContext): Candidate[] {
  if (!URL_HINT.test(ctx.folded)) return [];
  const { recognizeURL, Culture } = recognizers();
  return recognizeURL(ctx.text, Culture.English).map((r) =>
    candidate(ctx, 'url', r.start, r.end + 1, r.text),
  );
}
