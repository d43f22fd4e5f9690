import pino, { type Logger } from 'pino';
import { maskPersonalData } from '../nlu/piiMask';

export type { Logger };

export interface LoggerOptions {
  level: string;
  maskPersonalData: boolean;
  /** Where JSON lines go; stdout by default. */
  destination?: pino.DestinationStream;
}

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return { type: value.name, message: maskPersonalData(value.message), stack: value.stack };
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}

/** JSON logs (pino). Every string in a log line goes through the personal-data masker. */
export function createLogger(options: LoggerOptions): Logger {
  const base: pino.LoggerOptions = {
    level: options.level,
    base: { service: 'linea-amica' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.maskPersonalData) {
    base.formatters = { log: (obj) => maskDeep(obj) as Record<string, unknown> };
    base.hooks = {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? maskPersonalData(a) : a)) as Parameters<typeof method>,
        );
      },
    };
  }
  return pino(base, options.destination);
}
