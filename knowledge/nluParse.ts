import { z } from 'zod';
import type { Decision, Interpretation, SearchRequestOptions } from './search';
import type { Language } from './stemmer';

/** Context handed to the entity recognizer (the entity issue plugs it in). */
export interface EntityContext {
  locale?: string;
  /** Day "domani", "giovedì prossimo" are counted from. */
  referenceDate: Date;
}

export interface NluParseDeps {
  /** The knowledge search (or anything that interprets a question the same way). */
  interpreter: { interpret(text: string, options?: SearchRequestOptions): Interpretation };
  recognizeEntities?: (text: string, context: EntityContext) => readonly unknown[];
  /** Longest accepted text, in characters. */
  maxTextLength?: number;
  /** Clock, for a missing referenceDate. */
  now?: () => Date;
}

export const DEFAULT_MAX_TEXT_LENGTH = 4000;

export interface NluParseResponse {
  text: string;
  procedures: Array<{ id: string; score: number }>;
  entities: readonly unknown[];
  /** What the bot would do: answer, ask which one, ask for details, or fall back. */
  decision: Decision;
  language: Language;
}

export interface NluParseResult {
  status: number;
  body: NluParseResponse | { error: { code: string; message: string } };
}

function requestSchema(maxTextLength: number) {
  return z
    .object({
      text: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(maxTextLength, `must be at most ${maxTextLength} characters`),
      locale: z
        .string()
        .regex(/^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$/, 'must be a locale like it-IT or en')
        .optional(),
      referenceDate: z
        .string()
        .refine(
          (v) => !Number.isNaN(Date.parse(v)),
          'must be an ISO date like 2026-11-26 or 2026-11-26T10:00:00+01:00',
        )
        .optional(),
    })
    .strict();
}

/**
 * `POST /api/nlu/parse`, like Rasa's `/model/parse`: `{text, locale?, referenceDate?}` ->
 * `{text, procedures: [{id, score}] best first, entities}`. Pure: the app mounts it and does auth.
 */
export function parseRequest(body: unknown, deps: NluParseDeps): NluParseResult {
  const parsed = requestSchema(deps.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH).safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
    const message =
      body === null || typeof body !== 'object'
        ? 'body must be a JSON object'
        : `${field}: ${issue?.message ?? 'invalid'}`;
    return { status: 400, body: { error: { code: 'BadArgument', message } } };
  }
  const { text, locale, referenceDate } = parsed.data;
  const language: Language | undefined = locale
    ? locale.toLowerCase().startsWith('en')
      ? 'en'
      : 'it'
    : undefined;
  const interpretation = deps.interpreter.interpret(text, language ? { language } : {});
  const context: EntityContext = {
    referenceDate: referenceDate ? new Date(referenceDate) : (deps.now ?? (() => new Date()))(),
    ...(locale ? { locale } : {}),
  };
  const entities = deps.recognizeEntities ? deps.recognizeEntities(text, context) : [];
  return {
    status: 200,
    body: {
      text,
      procedures: interpretation.procedures,
      entities,
      decision: interpretation.decision,
      language: interpretation.language,
    },
  };
}
