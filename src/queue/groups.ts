/**
 * Procedure groups of the centre's queue: which kiosk choice (a form id, or "Tôi cần hỏi / nộp giấy tờ khác")
 * lands in which group, and which counters serve each group. A centre edits this as configuration; the default
 * mirrors a small commune centre (residence, civil status, certification, and a catch-all every counter serves).
 */
import { z } from 'zod';
import { FORM_IDS, type FormId } from '../forms/types';

/** The kiosk's "Tôi cần hỏi / nộp giấy tờ khác" choice, made without a card or a form. */
export const OTHER_REQUEST = 'OTHER' as const;
export type QueueRequest = FormId | typeof OTHER_REQUEST;

export interface ProcedureGroup {
  /** Stable id, ASCII (stored with every ticket and in reports). */
  id: string;
  /** Vietnamese name shown on the ticket and the hall display. */
  label: string;
  formIds: readonly QueueRequest[];
  /** Counter numbers (1-based, as painted above the counter) that call this group. */
  counters: readonly number[];
}

export interface QueueConfig {
  groups: readonly ProcedureGroup[];
  /** Minutes a ticket marked "vắng mặt" waits before it can be called again, at the back of the line. */
  noShowRequeueMinutes: number;
  /** How many times a ticket may be requeued after "vắng mặt" before it is closed as a no-show. */
  maxNoShowRequeues: number;
}

const counterNumber = z.number().int().min(1).max(99);
export const queueConfigSchema = z
  .object({
    groups: z
      .array(
        z.object({
          id: z.string().regex(/^[A-Z][A-Z0-9_]{0,31}$/),
          label: z.string().min(1).max(80),
          formIds: z.array(z.enum([...FORM_IDS, OTHER_REQUEST])),
          counters: z.array(counterNumber).min(1),
        }),
      )
      .min(1),
    noShowRequeueMinutes: z.number().int().min(0).max(240),
    maxNoShowRequeues: z.number().int().min(0).max(5),
  })
  .superRefine((cfg, ctx) => {
    // Every choice must land in exactly one group, or a citizen could get a ticket no counter ever calls.
    const seen = new Map<string, string>();
    const ids = new Set<string>();
    for (const g of cfg.groups) {
      if (ids.has(g.id)) ctx.addIssue({ code: 'custom', message: `group id ${g.id} appears twice` });
      ids.add(g.id);
      for (const f of g.formIds) {
        const prev = seen.get(f);
        if (prev) ctx.addIssue({ code: 'custom', message: `${f} is in both ${prev} and ${g.id}` });
        seen.set(f, g.id);
      }
    }
    for (const f of [...FORM_IDS, OTHER_REQUEST]) {
      if (!seen.has(f)) ctx.addIssue({ code: 'custom', message: `${f} is in no procedure group` });
    }
  });

export const DEFAULT_QUEUE_CONFIG: QueueConfig = {
  groups: [
    { id: 'CU_TRU', label: 'Cư trú', formIds: ['CT01'], counters: [1] },
    { id: 'HO_TICH', label: 'Hộ tịch', formIds: ['KHAI_SINH', 'KET_HON', 'KHAI_TU', 'XAC_NHAN_TTHN'], counters: [2] },
    { id: 'CHUNG_THUC', label: 'Chứng thực', formIds: ['CHUNG_THUC_CHU_KY'], counters: [3] },
    { id: 'KHAC', label: 'Hỏi đáp, giấy tờ khác', formIds: [OTHER_REQUEST], counters: [1, 2, 3] },
  ],
  noShowRequeueMinutes: 10,
  maxNoShowRequeues: 1,
};

/** Parses a centre's configuration; throws with every problem listed. */
export function parseQueueConfig(raw: unknown): QueueConfig {
  const r = queueConfigSchema.safeParse(raw);
  if (!r.success) throw new Error(`Invalid queue configuration: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

export function groupForRequest(cfg: QueueConfig, request: QueueRequest): ProcedureGroup {
  const g = cfg.groups.find((x) => x.formIds.includes(request));
  if (!g) throw new Error(`No procedure group takes ${request}`);
  return g;
}

export function groupById(cfg: QueueConfig, id: string): ProcedureGroup {
  const g = cfg.groups.find((x) => x.id === id);
  if (!g) throw new Error(`Unknown procedure group ${id}`);
  return g;
}

/** The groups a counter calls by default ("Gọi số tiếp theo" takes the next ticket of any of them). */
export function groupsForCounter(cfg: QueueConfig, counter: number): string[] {
  return cfg.groups.filter((g) => g.counters.includes(counter)).map((g) => g.id);
}

/** How many counters share a group's line (the divisor of the wait estimate, line.estimateWait). */
export function servingCounters(cfg: QueueConfig, groupId: string): number {
  return groupById(cfg, groupId).counters.length;
}
