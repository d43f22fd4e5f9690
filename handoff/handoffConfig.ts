import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type YamlReader, yamlParser } from '../config/yamlReader';
import { DEFAULT_SAN_FRANCESCO_FROM_YEAR } from './italianHolidays';
import {
  DEFAULT_TIME_ZONE,
  type OfficeHoursOptions,
  type TimeRange,
  type WeeklyHours,
  minutesOf,
} from './officeHours';

const positiveInt = z
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .positive('must be > 0');

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const timeRange = z
  .string({ message: 'must be a string like "09:00-13:00"' })
  .transform((value, ctx): TimeRange => {
    const [from = '', to = ''] = value.split('-').map((s) => s.trim());
    if (!HHMM.test(from) || !HHMM.test(to)) {
      ctx.addIssue({ code: 'custom', message: `"${value}" must be "HH:MM-HH:MM" (24h)` });
      return z.NEVER;
    }
    if (minutesOf(from) >= minutesOf(to)) {
      ctx.addIssue({ code: 'custom', message: `"${value}" ends before it starts` });
      return z.NEVER;
    }
    return { from, to };
  });

const weeklyHours = z
  .object({
    mon: z.array(timeRange).optional(),
    tue: z.array(timeRange).optional(),
    wed: z.array(timeRange).optional(),
    thu: z.array(timeRange).optional(),
    fri: z.array(timeRange).optional(),
    sat: z.array(timeRange).optional(),
    sun: z.array(timeRange).optional(),
  })
  .strict();

const isoDay = z
  .string({ message: 'must be a date YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: 'is not a real date',
    },
  );

const queueName = z.string().regex(/^[a-z][a-z0-9-]*$/, 'queue names are lowercase letters, digits and "-"');

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a known time zone (e.g. Europe/Rome)' },
);

export const handoffConfigSchema = z
  .object({
    timeZone: timeZone.default(DEFAULT_TIME_ZONE),
    heartbeatTimeoutSeconds: positiveInt.default(60),
    requeueIntervalSeconds: positiveInt.default(10),
    presenceTimeoutSeconds: positiveInt.default(60),
    waitEstimate: z
      .object({ window: positiveInt.default(20), defaultMinutesPerPosition: positiveInt.default(5) })
      .strict()
      .prefault({}),
    positionUpdates: z
      .object({ minIntervalSeconds: positiveInt.default(60) })
      .strict()
      .prefault({}),
    holidays: z
      .object({
        sanFrancescoFromYear: positiveInt.default(DEFAULT_SAN_FRANCESCO_FROM_YEAR),
        closures: z.array(isoDay).default([]),
      })
      .strict()
      .prefault({}),
    defaultHours: weeklyHours,
    queues: z
      .record(
        queueName,
        z
          .object({
            name: z.string({ message: 'is required' }).min(1, 'must not be empty'),
            hours: weeklyHours.optional(),
            closures: z.array(isoDay).default([]),
          })
          .strict(),
      )
      .refine((q) => Object.keys(q).length > 0, { message: 'at least one queue is required' }),
    areas: z.record(z.string(), z.string()).default({}),
    defaultQueue: z.string({ message: 'is required' }),
    privacy: z
      .object({
        notice: z.string({ message: 'is required' }).min(1, 'must not be empty'),
        consentQuestion: z.string({ message: 'is required' }).min(1, 'must not be empty'),
      })
      .strict(),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const known = Object.keys(cfg.queues);
    const check = (queue: string, path: (string | number)[]) => {
      if (!known.includes(queue)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `queue "${queue}" is not defined under queues (${known.join(', ')})`,
        });
      }
    };
    check(cfg.defaultQueue, ['defaultQueue']);
    for (const [area, queue] of Object.entries(cfg.areas)) check(queue, ['areas', area]);
  });

export type HandoffConfig = z.infer<typeof handoffConfigSchema>;

/** A handoff configuration that cannot be used: the file, then one line per field and reason. */
export class HandoffConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid handoff configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'HandoffConfigError';
  }
}

export function parseHandoffConfig(
  text: string,
  source = 'handoff.yaml',
  yaml: YamlReader = yamlParser,
): HandoffConfig {
  const reading = yaml.read(text);
  if ('error' in reading) {
    throw new HandoffConfigError(source, [
      `not valid YAML at line ${reading.error.line}: ${reading.error.message}`,
    ]);
  }
  const result = handoffConfigSchema.safeParse(reading.value ?? {});
  if (!result.success) {
    throw new HandoffConfigError(
      source,
      result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(file)'}: ${i.message}`),
    );
  }
  return result.data;
}

export function loadHandoffConfig(path: string, yaml: YamlReader = yamlParser): HandoffConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new HandoffConfigError(path, [
      `cannot read the file (${err instanceof Error ? err.message : String(err)})`,
    ]);
  }
  return parseHandoffConfig(text, path, yaml);
}

/** The queue for a procedure's area; the default queue when the area is unknown or missing. */
export function queueForArea(config: HandoffConfig, area: string | undefined): string {
  return (area !== undefined ? config.areas[area] : undefined) ?? config.defaultQueue;
}

/** Citizen-facing name of a queue. */
export function queueDisplayName(config: HandoffConfig, queue: string): string {
  return config.queues[queue]?.name ?? queue;
}

export function officeHoursOptions(config: HandoffConfig): OfficeHoursOptions {
  const queues: OfficeHoursOptions['queues'] = {};
  for (const [name, q] of Object.entries(config.queues)) {
    const weekly: WeeklyHours = q.hours ?? config.defaultHours;
    queues[name] = { weekly, closures: q.closures };
  }
  return {
    queues,
    closures: config.holidays.closures,
    timeZone: config.timeZone,
    sanFrancescoFromYear: config.holidays.sanFrancescoFromYear,
  };
}
