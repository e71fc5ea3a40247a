/**
 * zod shapes of the queue's inputs, for the API contract to reuse (every API input is validated there). Only
 * numbers, ids and choices: a queue request carries no personal data, so none can reach the queue tables.
 */
import { z } from 'zod';
import { FORM_IDS } from '../forms/types';
import { OTHER_REQUEST } from './groups';

const counter = z.number().int().min(1).max(99);
const ticketId = z.number().int().min(1);

/** The kiosk's ticket request: a form with its dossier, or "Tôi cần hỏi / nộp giấy tờ khác". */
export const issueTicketInputSchema = z.union([
  z.object({ request: z.enum(FORM_IDS), dossierId: z.string().regex(/^HS-\d{8}-[A-Z0-9]{6}$/).nullable() }).strict(),
  z.object({ request: z.literal(OTHER_REQUEST), dossierId: z.null() }).strict(),
]);

export const callNextInputSchema = z.object({ counter }).strict();
export const ticketAtCounterInputSchema = z.object({ ticketId, counter }).strict();
export const transferInputSchema = z.object({ ticketId, fromCounter: counter, toCounter: counter }).strict().refine((v) => v.fromCounter !== v.toCounter, {
  message: 'a ticket cannot be transferred to the counter it is at',
});

/** The standard survey: five levels, how many visits this procedure took, whether the required papers were clear. */
export const rateInputSchema = z
  .object({
    ticketId,
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    visits: z.number().int().min(1).max(20),
    papersClear: z.boolean().nullable(),
  })
  .strict();

export const reportInputSchema = z
  .object({
    fromDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    toDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    period: z.enum(['day', 'week']),
  })
  .strict()
  .refine((v) => v.fromDay <= v.toDay, { message: 'fromDay must not be after toDay' });
