import { describe, expect, it } from 'vitest';
import { issueTicketInputSchema, rateInputSchema, reportInputSchema, transferInputSchema } from '../../src/queue/inputs';
import { DEFAULT_QUEUE_CONFIG, servingCounters } from '../../src/queue/groups';

describe('queue inputs', () => {
  it('a ticket request is a form with its dossier, or the "other" choice with none', () => {
    expect(issueTicketInputSchema.safeParse({ request: 'CT01', dossierId: 'HS-20261202-ABC123' }).success).toBe(true);
    expect(issueTicketInputSchema.safeParse({ request: 'OTHER', dossierId: null }).success).toBe(true);
    expect(issueTicketInputSchema.safeParse({ request: 'OTHER', dossierId: 'HS-20261202-ABC123' }).success).toBe(false);
    // No room for personal data: unknown keys are refused.
    expect(issueTicketInputSchema.safeParse({ request: 'CT01', dossierId: null, fullName: 'Lê Văn Tám' }).success).toBe(false);
  });

  it('a rating has five levels, 1–20 visits, and an optional papers answer', () => {
    expect(rateInputSchema.safeParse({ ticketId: 3, level: 5, visits: 1, papersClear: null }).success).toBe(true);
    for (const bad of [{ level: 0 }, { level: 6 }, { visits: 0 }, { level: 4.5 }, { papersClear: 'yes' }]) {
      expect(rateInputSchema.safeParse({ ticketId: 3, level: 5, visits: 1, papersClear: true, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('transfer and report ranges are checked', () => {
    expect(transferInputSchema.safeParse({ ticketId: 1, fromCounter: 2, toCounter: 2 }).success).toBe(false);
    expect(reportInputSchema.safeParse({ fromDay: '2026-12-03', toDay: '2026-12-02', period: 'day' }).success).toBe(false);
    expect(reportInputSchema.safeParse({ fromDay: '2026-12-01', toDay: '2026-12-07', period: 'week' }).success).toBe(true);
  });

  it('the wait estimate divides by the counters that share a group', () => {
    expect(servingCounters(DEFAULT_QUEUE_CONFIG, 'KHAC')).toBe(3);
    expect(servingCounters(DEFAULT_QUEUE_CONFIG, 'HO_TICH')).toBe(1);
  });
});
