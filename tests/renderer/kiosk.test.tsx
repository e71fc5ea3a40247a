// @vitest-environment jsdom
import { describe, it, expect, afterEach } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { KioskApp } from '../../renderer/src/kiosk/KioskApp';
import { fakeClient, INFO } from './fakeClient';
import { fakeResult } from '../api/fakes';
import { identityOf } from '../../src/api/handlers/card';

afterEach(() => cleanup());

describe('KioskApp', () => {
  it('consent: neither choice is preselected and Continue is disabled until one is chosen', async () => {
    const { client } = fakeClient();
    render(<KioskApp api={client} info={INFO} idleMs={60_000} />);
    const radios = screen.getAllByRole('radio');
    expect(radios.map((r) => r.textContent)).toEqual(['Đồng ý', 'Không đồng ý']);
    for (const r of radios) expect(r.getAttribute('aria-checked')).toBe('false');
    const cont = screen.getByRole('button', { name: 'Tiếp tục' }) as HTMLButtonElement;
    expect(cont.disabled).toBe(true);
    fireEvent.click(radios[1]!);
    expect(radios[1]!.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(cont);
    expect(screen.getByText(/Máy không đọc thẻ/)).toBeTruthy();
  });

  it('CAN keypad → read → identity; an INVALID card blocks "choose procedure" and offers the clerk override', async () => {
    const { client, calls } = fakeClient({ 'card.read': () => identityOf('s'.repeat(20), 0, true, fakeResult({ dataGroups: { DG13: 'INVALID' } })) });
    render(<KioskApp api={client} info={INFO} idleMs={60_000} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Đồng ý' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    for (const d of '123456') fireEvent.click(screen.getByRole('button', { name: d }));
    await waitFor(() => expect(screen.getByTestId('verdict-banner').textContent).toContain('mời bạn đến quầy'));
    expect(calls.find((c) => c.method === 'card.read')?.input).toEqual({ key: { can: '123456' } });
    expect(screen.queryByRole('button', { name: 'Chọn thủ tục' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Cán bộ xác nhận và cho phép tiếp tục' })).toBeTruthy();
  });

  it('a session wiped by card removal clears the screen and says why', async () => {
    const { client, emit, calls } = fakeClient();
    render(<KioskApp api={client} info={INFO} idleMs={60_000} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Đồng ý' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    for (const d of '123456') fireEvent.click(screen.getByRole('button', { name: d }));
    await waitFor(() => screen.getByTestId('identity-fields'));
    expect(screen.getByText('Nguyễn Văn Mẫu')).toBeTruthy();
    // The status change after the read must not start a second read.
    act(() => emit('card.status', { demo: true, readers: [{ name: 'R0', cardPresent: true }], state: { state: 'card-present', reader: 'R0' } }));
    expect(calls.filter((c) => c.method === 'card.read')).toHaveLength(1);
    act(() => emit('session.wiped', { session: 's'.repeat(20), reason: 'card-removed' }));
    expect(screen.queryByText('Nguyễn Văn Mẫu')).toBeNull();
    expect(screen.getByTestId('wipe-notice').textContent).toContain('Thẻ đã được lấy ra');
  });

  it('a QR wedge burst starts the read with the ID number', async () => {
    const { client, calls } = fakeClient();
    render(<KioskApp api={client} info={INFO} idleMs={60_000} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Đồng ý' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    let t = 1000;
    for (const ch of '001099012345|123456789|Nguyễn Văn Mẫu|02011990|Nam|Xã Tân Phú|01012021') fireEvent.keyDown(window, { key: ch, timeStamp: (t += 4) });
    fireEvent.keyDown(window, { key: 'Enter', timeStamp: (t += 4) });
    await waitFor(() => expect(calls.find((c) => c.method === 'card.read')?.input).toEqual({ key: { idNumber: '001099012345' } }));
  });
});
