import { describe, expect, it } from 'vitest';
import { issueTicketInputSchema, rateInputSchema, reportExportInputSchema, reportInputSchema, transferInputSchema } from '../../src/queue/inputs';
import { DEFAULT_QUEUE_CONFIG, servingCounters } from '../../src/queue/groups';

describe('queue inputs', () => {
  it('a ticket request is a form with its dossier, or the "other" choice with none', () => {
    expect(issueTicketInputSchema.safeParse({ request: 'CT01', dossierId: 'HS-20261202-ABC123' }).success).toBe(true);
    expect(issueTicketInputSchema.safeParse({ request: 'OTHER', dossierId: null }).success).toBe(true);
    expect(issueTicketInputSchema.safeParse({ request: 'OTHER', dossierId: 'HS-20261202-ABC123' }).success).toBe(false);
    // No room for personal data: unknown keys are refused.
    expect(issueTicketInputSchema.safeParse({ request: 'CT01', dossierId: null, fullName: 'Lê Văn Tám' }).success).toBe(false);
    expect(issueTicketInputSchema.safeParse({ request: 'CT01', dossierId: 'HS-20261202-ABC123', session: 'abcdefghijklmnopqrstuvwx' }).success).toBe(true);
    expect(issueTicketInputSchema.safeParse({ request: 'CT01', dossierId: 'HS-1', session: 'abcdefghijklmnopqrstuvwx' }).success).toBe(false);
  });

  it('a rating has five levels, 1–20 visits, and an optional papers answer', () => {
    const ok = { day: '2026-12-02', label: '17', level: 5, visits: 1, papersClear: null };
    expect(rateInputSchema.safeParse(ok).success).toBe(true);
    expect(rateInputSchema.safeParse({ ...ok, label: 'K1-017' }).success).toBe(true);
    for (const bad of [{ level: 0 }, { level: 6 }, { visits: 0 }, { visits: 21 }, { level: 4.5 }, { papersClear: 'yes' }, { label: '017' }, { label: 'K1-17' }, { day: '2026-13-01' }, { ticketId: 3 }]) {
      expect(rateInputSchema.safeParse({ ...ok, papersClear: true, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('transfer and report ranges are checked', () => {
    expect(transferInputSchema.safeParse({ ticketId: 1, fromCounter: 2, toCounter: 2 }).success).toBe(false);
    expect(reportInputSchema.safeParse({ fromDay: '2026-12-03', toDay: '2026-12-02', period: 'day' }).success).toBe(false);
    expect(reportInputSchema.safeParse({ fromDay: '2026-12-01', toDay: '2026-12-07', period: 'week' }).success).toBe(true);
    expect(reportExportInputSchema.safeParse({ fromDay: '2026-12-03', toDay: '2026-12-02', period: 'day', format: 'csv' }).success).toBe(false);
    expect(reportExportInputSchema.safeParse({ fromDay: '2026-12-01', toDay: '2026-12-02', period: 'day', format: 'xls' }).success).toBe(false);
    expect(reportExportInputSchema.safeParse({ fromDay: '2026-12-01', toDay: '2026-12-02', period: 'day', format: 'pdf' }).success).toBe(true);
  });

  it('the wait estimate divides by the counters that share a group', () => {
    expect(servingCounters(DEFAULT_QUEUE_CONFIG, 'KHAC')).toBe(3);
    expect(servingCounters(DEFAULT_QUEUE_CONFIG, 'HO_TICH')).toBe(1);
  });
});
