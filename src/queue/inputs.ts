/**
 * zod shapes of the queue's inputs, for the API contract to reuse (every API input is validated there). Only
 * numbers, ids, codes and choices: a queue request carries no personal data, so none can reach the queue tables.
 * No Node imports: the contract that reuses these is bundled into the renderer.
 */
import { z } from 'zod';
import { FORM_IDS } from '../forms/types';
import { OTHER_REQUEST } from './groups';
import { DOSSIER_PROGRESS_STATES } from './progress';

const counter = z.number().int().min(1).max(99);
const ticketId = z.number().int().min(1);
function isCalendarDay(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().startsWith(d);
}

/** A centre day, YYYY-MM-DD (ticketNumber.centreDay). */
export const daySchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
  .refine(isCalendarDay, { message: 'not a calendar day' });
/** A printed ticket label: "17" (centre numbering) or "K1-017" (kiosk 1's offline block); see ticketNumber.ts. */
export const ticketLabelSchema = z.string().regex(/^(?:[1-9]\d{0,3}|K[1-9]\d?-\d{3})$/);
/** The dossier code printed on the slip and in its QR (src/store/dossierId.ts). */
export const dossierCodeSchema = z.string().regex(/^HS-\d{8}-[0-9A-Z]{6}$/);
const sessionId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/**
 * The kiosk's ticket request: a form with its dossier, or "Tôi cần hỏi / nộp giấy tờ khác". `session` is the card
 * session that saved the dossier: a kiosk may only attach a dossier its own session made.
 */
export const issueTicketInputSchema = z.union([
  z.object({ request: z.enum(FORM_IDS), dossierId: dossierCodeSchema.nullable(), session: sessionId.optional() }).strict(),
  z.object({ request: z.literal(OTHER_REQUEST), dossierId: z.null(), session: sessionId.optional() }).strict(),
]);

export const callNextInputSchema = z.object({ counter }).strict();
export const ticketAtCounterInputSchema = z.object({ ticketId, counter }).strict();
export const transferInputSchema = z.object({ ticketId, fromCounter: counter, toCounter: counter }).strict().refine((v) => v.fromCounter !== v.toCounter, {
  message: 'a ticket cannot be transferred to the counter it is at',
});

/** The kiosk's status look-up: a scanned ticket QR (`MOTCUA-T:…`), a dossier code, or a typed ticket label. */
export const lookupInputSchema = z.object({ code: z.string().min(1).max(120) }).strict();

/** The standard survey, for one ticket by its public identity: five levels, visits, whether the papers were clear. */
export const rateInputSchema = z
  .object({
    day: daySchema,
    label: ticketLabelSchema,
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    visits: z.number().int().min(1).max(20),
    papersClear: z.boolean().nullable(),
  })
  .strict();

/** A clerk sets where a dossier stands; `expectedReturn` is the promised return date ("ngày hẹn trả"). */
export const progressSetInputSchema = z
  .object({
    id: dossierCodeSchema,
    state: z.enum(DOSSIER_PROGRESS_STATES),
    expectedReturn: daySchema.nullable(),
  })
  .strict();

const reportRange = {
  fromDay: daySchema,
  toDay: daySchema,
  period: z.enum(['day', 'week']),
};
const rangeInOrder = (v: { fromDay: string; toDay: string }): boolean => v.fromDay <= v.toDay;
const rangeMessage = { message: 'fromDay must not be after toDay' };

export const reportInputSchema = z.object(reportRange).strict().refine(rangeInOrder, rangeMessage);
export const reportExportInputSchema = z
  .object({ ...reportRange, format: z.enum(['csv', 'pdf']) })
  .strict()
  .refine(rangeInOrder, rangeMessage);
