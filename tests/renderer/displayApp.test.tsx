// @vitest-environment jsdom
/** The hall display page with a scripted client: what it shows, how a call reaches the screen and the loudspeaker. */
import { describe, it, expect, afterEach } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { DisplayRoot } from '../../renderer/src/display/DisplayRoot';
import { isDisplayView } from '../../renderer/src/display/displayClient';
import type { WsClient } from '../../renderer/src/api/client';
import type { DisplayView } from '../../src/api/contract';
import { fakeClient } from './fakeClient';

afterEach(() => cleanup());

const VIEW: DisplayView = {
  current: [
    { counter: 2, label: '17', at: '2026-12-02T02:10:00.000Z' },
    { counter: 1, label: '15', at: '2026-12-02T02:05:00.000Z' },
  ],
  recent: [
    { counter: 2, label: '17', at: '2026-12-02T02:10:00.000Z', kind: 'call' },
    { counter: 1, label: '15', at: '2026-12-02T02:05:00.000Z', kind: 'recall' },
  ],
  waitingByGroup: [
    { groupId: 'CU_TRU', label: 'Cư trú', waiting: 3 },
    { groupId: 'KHAC', label: 'Hỏi đáp, giấy tờ khác', waiting: 0 },
  ],
};

function setup(view: DisplayView = VIEW) {
  const f = fakeClient({ 'queue.display': () => view });
  const conn = new Set<(c: boolean) => void>();
  const client: WsClient = { ...f.client, onConnection: (l) => (conn.add(l), () => conn.delete(l)) };
  const audio = { src: '', played: [] as string[], play() { this.played.push(this.src); return Promise.resolve(); }, pause() {}, addEventListener() {}, removeEventListener() {} };
  (globalThis as { Audio?: unknown }).Audio = function () { return audio; };
  render(<DisplayRoot api={client} lang="vi" />);
  return { ...f, audio, connect: (up: boolean) => act(() => conn.forEach((l) => l(up))) };
}

describe('hall display page', () => {
  it('is chosen by /display or ?view=display only', () => {
    expect(isDisplayView({ pathname: '/display', search: '' })).toBe(true);
    expect(isDisplayView({ pathname: '/', search: '?view=display' })).toBe(true);
    expect(isDisplayView({ pathname: '/', search: '?mode=counter' })).toBe(false);
    expect(isDisplayView({ pathname: '/displayx', search: '' })).toBe(false);
  });

  it('shows the newest call big, each counter’s number, the last calls and the people waiting per group', async () => {
    const { connect } = setup();
    connect(true);
    await screen.findByText('Mời công dân có số thứ tự 17 đến quầy số 2');
    expect(screen.getByRole('listitem', { name: 'Quầy 1: số 15' })).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'Quầy 2: số 17' })).toBeTruthy();
    expect(screen.getByText('(gọi lại)', { exact: false })).toBeTruthy();
    expect(screen.getByText('3 người')).toBeTruthy();
    expect(screen.queryByText(/Mất kết nối/)).toBeNull();
  });

  it('a queue.call replaces the big number at once and goes to the loudspeaker', async () => {
    const { connect, emit, audio } = setup();
    connect(true);
    await screen.findByText('Mời công dân có số thứ tự 17 đến quầy số 2');
    act(() => emit('queue.call', { counter: 3, label: '18', kind: 'call', clips: ['chime', 'so-muoi-huyen', 'so-tam'] }));
    expect(screen.getByTestId('display-latest').textContent).toContain('Mời công dân có số thứ tự 18 đến quầy số 3');
    await waitFor(() => expect(audio.played[0]).toBe('/announce/chime.wav'));
    act(() => emit('queue.call', { counter: 3, label: '18', kind: 'recall', clips: ['chime'] }));
    expect(screen.getByRole('heading', { name: 'Gọi lại số' })).toBeTruthy();
  });

  it('says when the connection is lost instead of showing old numbers as current; an empty day says so', async () => {
    const { connect } = setup({ current: [], recent: [], waitingByGroup: [{ groupId: 'KHAC', label: 'Khác', waiting: 0 }] });
    connect(true);
    await screen.findAllByText('Chưa gọi số nào. Mời công dân lấy số thứ tự tại máy kiosk.');
    expect(screen.getByText('Các quầy chưa gọi số.')).toBeTruthy();
    expect(screen.getByText('Không có ai chờ.')).toBeTruthy();
    connect(false);
    expect(screen.getByText(/Mất kết nối — đang kết nối lại/)).toBeTruthy();
  });
});
