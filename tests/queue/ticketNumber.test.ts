import { describe, expect, it } from 'vitest';
import { CENTRE_ISSUER, centreDay, formatTicketLabel, kioskIssuer, parseTicketLabel } from '../../src/queue/ticketNumber';
import { DEFAULT_QUEUE_CONFIG, groupForRequest, groupsForCounter, parseQueueConfig, OTHER_REQUEST } from '../../src/queue/groups';

describe('ticket numbers', () => {
  it('centre numbers are plain, kiosk block numbers carry the kiosk', () => {
    expect(formatTicketLabel({ issuer: CENTRE_ISSUER, seq: 17 })).toBe('17');
    expect(formatTicketLabel({ issuer: kioskIssuer(1), seq: 17 })).toBe('K1-017');
    expect(parseTicketLabel('17')).toEqual({ issuer: 'C', seq: 17 });
    expect(parseTicketLabel('K12-999')).toEqual({ issuer: 'K12', seq: 999 });
    for (const bad of ['017', 'K1-17', 'K0-001', 'K1-000', '', 'abc', '10000']) expect(parseTicketLabel(bad), bad).toBeNull();
  });

  it('a kiosk block label can never equal a centre label, for every number of every block', () => {
    const centre = new Set(Array.from({ length: 9999 }, (_, i) => formatTicketLabel({ issuer: 'C', seq: i + 1 })));
    for (const k of [1, 2, 9, 42, 99]) {
      for (let s = 1; s <= 999; s++) {
        const label = formatTicketLabel({ issuer: kioskIssuer(k), seq: s });
        expect(centre.has(label)).toBe(false);
        expect(parseTicketLabel(label)).toEqual({ issuer: `K${k}`, seq: s });
      }
    }
  });

  it('refuses numbers past a block', () => {
    expect(() => formatTicketLabel({ issuer: 'K1', seq: 1000 })).toThrow(RangeError);
    expect(() => kioskIssuer(0)).toThrow(RangeError);
  });

  it('the day turns at midnight in Vietnam (UTC+7), not at UTC midnight', () => {
    expect(centreDay(new Date('2026-12-01T16:59:59Z'))).toBe('2026-12-01');
    expect(centreDay(new Date('2026-12-01T17:00:00Z'))).toBe('2026-12-02');
  });
});

describe('procedure groups', () => {
  it('maps every form and the "other" choice to a group with counters', () => {
    expect(groupForRequest(DEFAULT_QUEUE_CONFIG, 'CT01').id).toBe('CU_TRU');
    expect(groupForRequest(DEFAULT_QUEUE_CONFIG, 'KET_HON').id).toBe('HO_TICH');
    expect(groupForRequest(DEFAULT_QUEUE_CONFIG, OTHER_REQUEST).id).toBe('KHAC');
    expect(groupsForCounter(DEFAULT_QUEUE_CONFIG, 2)).toEqual(['HO_TICH', 'KHAC']);
    expect(parseQueueConfig(DEFAULT_QUEUE_CONFIG)).toEqual(DEFAULT_QUEUE_CONFIG);
  });

  it('rejects a configuration where a choice lands nowhere or twice', () => {
    const groups = DEFAULT_QUEUE_CONFIG.groups;
    expect(() => parseQueueConfig({ ...DEFAULT_QUEUE_CONFIG, groups: groups.slice(1) })).toThrow(/CT01 is in no procedure group/);
    const twice = [...groups, { id: 'X', label: 'x', formIds: ['CT01'], counters: [4] }];
    expect(() => parseQueueConfig({ ...DEFAULT_QUEUE_CONFIG, groups: twice })).toThrow(/CT01 is in both CU_TRU and X/);
    expect(() => parseQueueConfig({ ...DEFAULT_QUEUE_CONFIG, groups: [{ ...groups[0], counters: [] }, ...groups.slice(1)] })).toThrow(/Invalid queue configuration/);
  });
});
