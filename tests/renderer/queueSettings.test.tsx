// @vitest-environment jsdom
/**
 * The administrator's queue settings: the screen's rules agree with the server's queueConfigSchema (a draft the
 * screen passes is one the server accepts, and each kind of mistake it refuses the server refuses too), mistakes are
 * named in Vietnamese next to their field with nothing sent, and a save sends only the queue's own keys.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueueSettings } from '../../renderer/src/counter/QueueSettings';
import { fromDraft, removeGroup, toDraft, validateDraft, type QueueDraft } from '../../renderer/src/counter/queueSettingsRules';
import { DEFAULT_SETTINGS, type AppSettings } from '../../src/api/contract';
import { queueConfigSchema } from '../../src/queue/groups';
import { settingsSchema } from '../../src/api/settings';
import { fakeClient } from './fakeClient';

afterEach(() => cleanup());

const base = (): QueueDraft => toDraft(DEFAULT_SETTINGS.queueGroups, null);
const withGroup = (d: QueueDraft, i: number, patch: Partial<QueueDraft['groups'][number]>): QueueDraft => ({ ...d, groups: d.groups.map((g, j) => (j === i ? { ...g, ...patch } : g)) });

describe('queue settings rules', () => {
  const cases: [string, QueueDraft, string | null][] = [
    ['the defaults', base(), null],
    ['kiosk 7, counters typed loosely', { ...withGroup(base(), 0, { counters: ' 2 ;3,, 2' }), kiosk: '7' }, null],
    ['a group with no counter', withGroup(base(), 1, { counters: '' }), 'g.1.counters'],
    ['counter 100', withGroup(base(), 1, { counters: '1, 100' }), 'g.1.counters'],
    ['a lower-case id', withGroup(base(), 2, { id: 'chung_thuc' }), 'g.2.id'],
    ['a duplicate id', withGroup(base(), 3, { id: 'CU_TRU' }), 'g.3.id'],
    ['an empty name', withGroup(base(), 0, { label: '  ' }), 'g.0.label'],
    ['a removed group leaves CT01 in none', removeGroup(base(), 0), 'c.CT01'],
    ['no groups at all', { ...base(), groups: [], choices: base().choices.map((c) => ({ ...c, group: null })) }, 'groups'],
    ['241 minutes', { ...base(), noShowMinutes: '241' }, 'noShowMinutes'],
    ['6 requeues', { ...base(), noShowMax: '6' }, 'noShowMax'],
    ['kiosk 0', { ...base(), kiosk: '0' }, 'kiosk'],
  ];
  it.each(cases)('%s', (_name, draft, field) => {
    const errors = validateDraft(draft);
    const out = fromDraft(draft);
    const server = settingsSchema.partial().safeParse(out).success && queueConfigSchema.safeParse(out.queueGroups).success;
    if (field === null) {
      expect(errors).toEqual({});
      expect(server).toBe(true);
    } else {
      expect(Object.keys(errors)).toContain(field);
      expect(server).toBe(false);
    }
  });

  it('round-trips the stored configuration and moves a choice with its select', () => {
    const d = base();
    expect(fromDraft(d).queueGroups).toEqual(DEFAULT_SETTINGS.queueGroups);
    const moved = { ...d, choices: d.choices.map((c) => (c.choice === 'KHAI_TU' ? { ...c, group: 3 } : c)) };
    expect([...fromDraft(moved).queueGroups.groups[3]!.formIds].sort()).toEqual(['KHAI_TU', 'OTHER']);
    expect(fromDraft(moved).queueGroups.groups[1]!.formIds).not.toContain('KHAI_TU');
  });
});

describe('queue settings screen', () => {
  function setup(over: Partial<AppSettings> = {}) {
    const stored: AppSettings = { ...DEFAULT_SETTINGS, ...over };
    const f = fakeClient({
      'settings.get': () => stored,
      'queue.info': () => ({ groups: [], counter: null, kiosk: stored.queueKiosk, centre: true }),
      'settings.set': (i) => ({ ...stored, ...(i as { settings: Partial<AppSettings> }).settings }),
    });
    const saved: AppSettings[] = [];
    render(<QueueSettings api={f.client} token="tok" onError={(e) => { throw e; }} onSaved={(s) => saved.push(s)} />);
    return { ...f, saved };
  }
  const sets = (calls: { method: string; input: unknown }[]) => calls.filter((c) => c.method === 'settings.set');

  it('a group without a counter is named next to its field in Vietnamese and nothing is sent', async () => {
    const { calls } = setup();
    const g2 = await screen.findByTestId('qs-group-2');
    fireEvent.change(within(g2).getByLabelText('Quầy phục vụ'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu hàng đợi' }));
    const field = within(g2).getByLabelText('Quầy phục vụ');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent).toMatch(/^Nhóm phải có ít nhất một quầy phục vụ/);
    expect(screen.getByRole('alert').textContent).toBe('Chưa lưu: hãy sửa các ô được đánh dấu đỏ.');
    expect(sets(calls)).toEqual([]);
    // Correcting it clears the mark at once.
    fireEvent.change(field, { target: { value: '2' } });
    expect(field.getAttribute('aria-invalid')).toBe('false');
  });

  it('saves the kiosk number and the groups only, and says a centre needs the same groups on every PC', async () => {
    const { calls, saved } = setup();
    await screen.findByText(/Máy này đang dùng hàng đợi chung của trung tâm/);
    fireEvent.change(screen.getByLabelText(/Số ki-ốt của máy này/), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Thay đổi cư trú (CT01): thuộc nhóm'), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu hàng đợi' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const input = sets(calls)[0]!.input as { settings: Record<string, unknown> };
    expect(Object.keys(input.settings).sort()).toEqual(['queueGroups', 'queueKiosk']);
    expect(input.settings.queueKiosk).toBe(3);
    const groups = (input.settings.queueGroups as AppSettings['queueGroups']).groups;
    expect(groups[1]!.formIds).toContain('CT01');
    expect(groups[0]!.formIds).toEqual([]);
    expect(screen.getByRole('status').textContent).toBe('Đã lưu cài đặt hàng đợi.');
  });

  it('a refusal from the server is said in words, not zod text', async () => {
    const { client } = fakeClient({
      'settings.get': () => DEFAULT_SETTINGS,
      'queue.info': () => ({ groups: [], counter: null, kiosk: null, centre: false }),
      'settings.set': () => {
        throw Object.assign(new Error('INVALID_INPUT'), { code: 'INVALID_INPUT', messageKey: 'error.INVALID_INPUT' });
      },
    });
    render(<QueueSettings api={client} token="tok" onError={(e) => { throw e; }} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Lưu hàng đợi' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Máy chủ không nhận cấu hình hàng đợi này; không có gì được lưu.');
  });
});
