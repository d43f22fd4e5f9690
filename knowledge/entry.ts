import { z } from 'zod';

/** Areas of the Province's work; each maps to a Linea Amica queue (config/handoff.yaml). */
export const AREAS = [
  'trasporti',
  'strade',
  'ambiente',
  'caccia-pesca',
  'lavoro',
  'istruzione',
  'turismo',
  'generale',
  'info',
] as const;
export type Area = (typeof AREAS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const link = z.string().regex(/^(https?:\/\/|\/)/, 'must be a link starting with http://, https:// or /');

const contact = z
  .object({
    name: z.string().min(1),
    /** Responsible person (responsabile del procedimento) or role. */
    person: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    pec: z.string().optional(),
  })
  .strict();

/**
 * One knowledge-base entry: the fields art. 35 D.Lgs. 33/2013 asks administrations to publish
 * for each type of procedure, plus what the bot needs to find it (keywords, synonyms).
 * `info` entries describe services (hours, Linea Amica, ratings, privacy); `rinvio` entries
 * send the citizen to the administration that is competent.
 */
export const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like accessi-carrai'),
    type: z.enum(['procedimento', 'info', 'rinvio']),
    title: z.string().min(3),
    titleEn: z.string().optional(),
    area: z.enum(AREAS),
    /** Words and phrases citizens use, in Italian (jargon, everyday words, common misspellings excluded). */
    keywords: z.array(z.string().min(1)).default([]),
    /** English keywords, for citizens writing in English. */
    keywordsEn: z.array(z.string().min(1)).default([]),
    /** One or two plain sentences: what this is and who it is for (art. 35 a). */
    summary: z.string().min(10),
    summaryEn: z.string().optional(),
    /** Longer description, optional. */
    description: z.string().optional(),
    legalReferences: z.array(z.string()).default([]),
    /** Organisational unit and responsabile del procedimento (art. 35 b, c). */
    office: contact.optional(),
    /** Where and when: address and opening hours (art. 35 d). */
    where: z.object({ address: z.string(), hours: z.string().optional() }).strict().optional(),
    whoMayApply: z.string().optional(),
    requirements: z.array(z.string()).default([]),
    /** Documents to attach and forms (art. 35 d). */
    documents: z.array(z.object({ title: z.string(), url: link.optional() }).strict()).default([]),
    /** Costs and payment methods (art. 35 l). Never invent a fee: leave `fees` empty and set reviewNeeded. */
    costs: z
      .object({
        text: z.string(),
        fees: z
          .array(z.object({ description: z.string(), amountEur: z.number().nonnegative() }).strict())
          .default([]),
        paymentMethods: z.array(z.string()).default([]),
        marcaDaBollo: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /** Deadline for the final act, in days (art. 35 f). */
    deadlineDays: z.number().int().positive().optional(),
    deadlineText: z.string().optional(),
    /** Silenzio assenso or a declaration replacing the act (art. 35 g). */
    silenzioAssenso: z.boolean().optional(),
    /** How applicants follow their own case (art. 35 e). */
    followUp: z.string().optional(),
    /** Administrative and judicial remedies (art. 35 h). */
    remedies: z.string().optional(),
    /** Link to the online service (art. 35 i). */
    onlineService: link.optional(),
    /** Titolare del potere sostitutivo (art. 35 m). */
    substitutePower: contact.optional(),
    /** For `rinvio` entries: the competent administration and how to reach it. */
    competentAuthority: z
      .object({ name: z.string(), howToReach: z.string(), url: link.optional() })
      .strict()
      .optional(),
    /** Hand the citizen to an operator after answering (escalation issue). */
    escalate: z.boolean().default(false),
    lastReviewed: isoDate,
    reviewNeeded: z.boolean().default(false),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.type === 'rinvio' && !e.competentAuthority) {
      ctx.addIssue({
        code: 'custom',
        path: ['competentAuthority'],
        message: 'is required for rinvio entries',
      });
    }
  });

export type KnowledgeEntry = z.infer<typeof entrySchema>;
