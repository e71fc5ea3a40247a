// @vitest-environment jsdom
import { describe, it, expect, afterEach, beforeAll } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { StatusLookup, TicketSlip } from '../../src/api/contract';
import { KioskApp } from '../../renderer/src/kiosk/KioskApp';
import { ClientError } from '../../renderer/src/api/client';
import { fakeClient, INFO } from './fakeClient';

afterEach(() => cleanup());
// jsdom has no blob URLs; the ticket's print preview frame only needs an address.
beforeAll(() => {
  URL.createObjectURL = () => 'blob:ticket';
  URL.revokeObjectURL = () => undefined;
});

const TICKET: TicketSlip = { day: '2026-12-02', label: 'K1-017', groupId: 'KHAC', groupLabel: 'Hỏi đáp, giấy tờ khác', counters: [1, 2, 3], ahead: 2, estimate: null, offline: true, qr: 'MOTCUA-T:2026-12-02:K1-017', dossierId: null };
const DOSSIER: StatusLookup = { ticket: { day: '2026-12-02', label: '17', state: 'waiting', ahead: 4, counter: null }, dossier: { code: 'HS-20261202-AB12CD', formId: 'CT01', progress: 'result_ready', expectedReturn: '2026-12-09', initials: 'N.V.A.' } };
const SERVED: StatusLookup = { ticket: { day: '2026-12-02', label: '17', state: 'done', ahead: 0, counter: 2 }, dossier: null };

/** An API refusal as the real clients deliver it. */
function rejectWith(code: string): () => never {
  return () => {
    throw new ClientError({ code: code as never, messageKey: `error.${code}` });
  };
}

function type(text: string): void {
  for (const ch of text) fireEvent.click(screen.getByRole('button', { name: ch }));
}

describe('KioskApp queue screens', () => {
  it('"Tôi cần hỏi": a ticket without a card, shown with its number, counters, people ahead and no made-up estimate; printed as a preview', async () => {
    const { client, calls } = fakeClient({ 'queue.issue': () => TICKET, 'print.ticket': () => ({ printed: false, pdfBase64: 'JVBERi0xLjcK' }) });
    render(<KioskApp api={client} info={INFO} idleMs={60_000} />);
    fireEvent.click(screen.getByRole('button', { name: 'Tôi cần hỏi / nộp giấy tờ khác' }));
    await waitFor(() => expect(screen.getByTestId('ticket-number').textContent).toBe('K1-017'));
    expect(calls.find((c) => c.method === 'queue.issue')?.input).toEqual({ request: 'OTHER', dossierId: null });
    expect(screen.getByTestId('ticket-counters').textContent).toBe('Mời đến quầy số 1, 2, 3 khi được gọi số');
    expect(screen.getByTestId('ticket-ahead').textContent).toBe('Số người chờ trước bạn: 2');
    expect(screen.getByTestId('ticket-estimate').textContent).toBe('Thời gian chờ dự kiến: chưa đủ dữ liệu để ước tính');
    // An offline number is shown like any other: nothing technical.
    expect(document.body.textContent).not.toMatch(/offline|ngoại tuyến|máy chủ/i);
    await waitFor(() => expect(calls.find((c) => c.method === 'print.ticket')?.input).toEqual({ day: '2026-12-02', label: 'K1-017', mode: 'preview' }));
    await waitFor(() => screen.getByRole('button', { name: 'In số thứ tự' }));
  });

  it('where the kiosk prints to its printer, the ticket is printed silently; a failed print leaves the number to remember', async () => {
    let n = 0;
    const { client, calls } = fakeClient({
      'settings.get': () => ({ kioskSilentPrint: true }),
      'queue.issue': () => TICKET,
      'print.ticket': () => (n++ === 0 ? { printed: true } : rejectWith('PRINT_FAILED')()),
    });
    render(<KioskApp api={client} info={{ ...INFO, silentPrint: true }} idleMs={60_000} />);
    await waitFor(() => expect(calls.some((c) => c.method === 'settings.get')).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Tôi cần hỏi / nộp giấy tờ khác' }));
    await waitFor(() => expect(screen.getByTestId('ticket-printed').textContent).toBe('Đã in phiếu số thứ tự. Mời bạn lấy phiếu.'));
    expect(calls.find((c) => c.method === 'print.ticket')?.input).toEqual({ day: '2026-12-02', label: 'K1-017', mode: 'silent' });
    expect(screen.queryByRole('button', { name: 'In số thứ tự' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Xong' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tôi cần hỏi / nộp giấy tờ khác' }));
    await waitFor(() => expect(screen.getByTestId('ticket-print-failed').textContent).toBe('Không in được phiếu. Vui lòng ghi nhớ số K1-017 của bạn.'));
  });

  it('with the reader service down the card flow waits for a clerk, but a ticket and the look-up still work', async () => {
    const { client } = fakeClient({ 'card.status': () => ({ demo: false, readers: [], state: { state: 'service-down', reason: 'stopped' } }), 'queue.issue': () => TICKET, 'print.ticket': () => ({ printed: false, pdfBase64: 'JVBERi0xLjcK' }) });
    render(<KioskApp api={client} info={INFO} idleMs={60_000} />);
    await waitFor(() => screen.getByTestId('reader-missing'));
    expect(screen.queryByRole('radio', { name: 'Đồng ý' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Tra cứu hồ sơ' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Tôi cần hỏi / nộp giấy tờ khác' }));
    await waitFor(() => expect(screen.getByTestId('ticket-number').textContent).toBe('K1-017'));
  });

  it('a ticket that cannot be issued says so plainly and can be asked again', async () => {
    let n = 0;
    const { client } = fakeClient({ 'queue.issue': () => (n++ === 0 ? rejectWith('INTERNAL')() : TICKET), 'print.ticket': () => ({ printed: false, pdfBase64: 'JVBERi0xLjcK' }) });
    render(<KioskApp api={client} info={INFO} idleMs={60_000} />);
    fireEvent.click(screen.getByRole('button', { name: 'Tôi cần hỏi / nộp giấy tờ khác' }));
    await waitFor(() => expect(screen.getByTestId('ticket-failed').textContent).toContain('Chưa lấy được số thứ tự'));
    fireEvent.click(screen.getByRole('button', { name: 'Lấy số lại' }));
    await waitFor(() => expect(screen.getByTestId('ticket-number').textContent).toBe('K1-017'));
  });

  it('status look-up typed on the on-screen keys: the state in words, the return date, masked initials; NOT_FOUND has its message', async () => {
    const { client, calls } = fakeClient({ 'queue.lookup': (i) => ((i as { code: string }).code === 'HS-20261202-AB12CD' ? DOSSIER : rejectWith('NOT_FOUND')()) });
    render(<KioskApp api={client} info={INFO} idleMs={60_000} />);
    fireEvent.click(screen.getByRole('button', { name: 'Tra cứu hồ sơ' }));
    type('HS-20261202-AB12CX');
    fireEvent.click(screen.getByRole('button', { name: 'Tra cứu' }));
    await waitFor(() => expect(screen.getByTestId('code-problem').textContent).toContain('Không tìm thấy'));
    fireEvent.click(screen.getByRole('button', { name: 'Xoá một ký tự' }));
    type('D');
    fireEvent.click(screen.getByRole('button', { name: 'Tra cứu' }));
    await waitFor(() => screen.getByTestId('status-dossier'));
    expect(calls.filter((c) => c.method === 'queue.lookup').map((c) => c.input)).toEqual([{ code: 'HS-20261202-AB12CX' }, { code: 'HS-20261202-AB12CD' }]);
    expect(screen.getByTestId('status-state').textContent).toContain('Có kết quả');
    expect(screen.getByTestId('status-expected').textContent).toBe('Ngày hẹn trả kết quả: 09/12/2026');
    expect(screen.getByTestId('status-initials').textContent).toBe('Người nộp: N.V.A.');
    expect(screen.getByTestId('status-ticket').textContent).toContain('còn 4 người trước bạn');
    fireEvent.click(screen.getByRole('button', { name: 'Về màn hình đầu' }));
    expect(screen.getByRole('radio', { name: 'Đồng ý' })).toBeTruthy();
  });

  it('a wedge scan of the ticket QR looks it up at once; an invalid code is refused before anything is sent', async () => {
    const { client, calls } = fakeClient({ 'queue.lookup': () => DOSSIER });
    render(<KioskApp api={client} info={INFO} idleMs={60_000} />);
    fireEvent.click(screen.getByRole('button', { name: 'Tra cứu hồ sơ' }));
    type('12-');
    fireEvent.click(screen.getByRole('button', { name: 'Tra cứu' }));
    expect(screen.getByTestId('code-problem').textContent).toContain('không đúng dạng');
    expect(calls.some((c) => c.method === 'queue.lookup')).toBe(false);
    let t = 1000;
    for (const ch of 'MOTCUA-T:2026-12-02:17:HS-20261202-AB12CD') fireEvent.keyDown(window, { key: ch, timeStamp: (t += 4) });
    fireEvent.keyDown(window, { key: 'Enter', timeStamp: (t += 4) });
    await waitFor(() => screen.getByTestId('status-dossier'));
    expect(calls.find((c) => c.method === 'queue.lookup')?.input).toEqual({ code: 'MOTCUA-T:2026-12-02:17:HS-20261202-AB12CD' });
  });

  it('rating: five levels, visits, papers → thanks; the second time it is refused with a clear message', async () => {
    let rated = 0;
    const { client, calls } = fakeClient({ 'queue.lookup': () => SERVED, 'queue.rate': () => (rated++ === 0 ? { rated: true } : rejectWith('INVALID_TRANSITION')()) });
    render(<KioskApp api={client} info={INFO} idleMs={60_000} />);
    for (let round = 0; round < 2; round++) {
      fireEvent.click(screen.getByRole('button', { name: 'Đánh giá' }));
      type('17');
      fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }));
      await waitFor(() => screen.getByRole('heading', { name: 'Đánh giá số 17' }));
      expect(screen.getAllByRole('radiogroup')[0]!.textContent).toBe('Rất hài lòngHài lòngBình thườngKhông hài lòngRất không hài lòng');
      const send = screen.getByRole('button', { name: 'Gửi đánh giá' }) as HTMLButtonElement;
      expect(send.disabled).toBe(true);
      fireEvent.click(screen.getByRole('radio', { name: 'Hài lòng' }));
      fireEvent.click(screen.getByRole('radio', { name: '2 lần' }));
      fireEvent.click(screen.getByRole('radio', { name: 'Rõ ràng' }));
      fireEvent.click(send);
      if (round === 0) {
        await waitFor(() => screen.getByTestId('rated'));
        fireEvent.click(screen.getByRole('button', { name: 'Về màn hình đầu' }));
      } else {
        await waitFor(() => expect(screen.getByTestId('rate-problem').textContent).toContain('Số 17 đã được đánh giá'));
        expect(screen.queryByRole('button', { name: 'Gửi đánh giá' })).toBeNull();
      }
    }
    expect(calls.filter((c) => c.method === 'queue.rate').map((c) => c.input)).toEqual([
      { day: '2026-12-02', label: '17', level: 4, visits: 2, papersClear: true },
      { day: '2026-12-02', label: '17', level: 4, visits: 2, papersClear: true },
    ]);
  });

  it('a ticket not served yet is told so before any question', async () => {
    const { client } = fakeClient({ 'queue.lookup': () => ({ ...SERVED, ticket: { ...SERVED.ticket!, state: 'waiting' } }) });
    render(<KioskApp api={client} info={INFO} idleMs={60_000} />);
    fireEvent.click(screen.getByRole('button', { name: 'Đánh giá' }));
    type('17');
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    await waitFor(() => expect(screen.getByTestId('code-problem').textContent).toContain('Số 17 chưa được phục vụ xong'));
  });

  it('the idle wipe returns to the start from every new screen', async () => {
    const { client } = fakeClient({ 'queue.issue': () => TICKET, 'print.ticket': () => ({ printed: false, pdfBase64: 'JVBERi0xLjcK' }), 'queue.lookup': () => SERVED, 'queue.rate': () => ({ rated: true }) });
    render(<KioskApp api={client} info={INFO} idleMs={400} />);
    // A real tap starts with a pointerdown, which is what the idle timer counts as activity.
    const tap = (el: HTMLElement): void => {
      fireEvent.pointerDown(el);
      fireEvent.click(el);
    };
    const typeTap = (text: string): void => {
      for (const ch of text) tap(screen.getByRole('button', { name: ch }));
    };
    const idleBack = async (): Promise<void> => {
      await waitFor(() => expect(screen.getByTestId('wipe-notice').textContent).toContain('Đã lâu không có thao tác'), { timeout: 4000 });
    };
    const screens: (() => Promise<void>)[] = [
      async () => {
        tap(screen.getByRole('button', { name: 'Tôi cần hỏi / nộp giấy tờ khác' }));
        await waitFor(() => screen.getByTestId('ticket-number'));
      },
      async () => {
        tap(screen.getByRole('button', { name: 'Tra cứu hồ sơ' }));
        screen.getByRole('textbox', { name: 'Mã hồ sơ hoặc số thứ tự' });
      },
      async () => {
        tap(screen.getByRole('button', { name: 'Tra cứu hồ sơ' }));
        typeTap('17');
        tap(screen.getByRole('button', { name: 'Tra cứu' }));
        await waitFor(() => screen.getByTestId('status-ticket'));
      },
      async () => {
        tap(screen.getByRole('button', { name: 'Đánh giá' }));
        typeTap('17');
        tap(screen.getByRole('button', { name: 'Tiếp tục' }));
        await waitFor(() => screen.getByRole('heading', { name: 'Đánh giá số 17' }));
      },
      async () => {
        tap(screen.getByRole('button', { name: 'Đánh giá' }));
        typeTap('17');
        tap(screen.getByRole('button', { name: 'Tiếp tục' }));
        await waitFor(() => screen.getByRole('heading', { name: 'Đánh giá số 17' }));
        tap(screen.getByRole('radio', { name: 'Rất hài lòng' }));
        tap(screen.getByRole('radio', { name: '1 lần' }));
        tap(screen.getByRole('button', { name: 'Gửi đánh giá' }));
        await waitFor(() => screen.getByTestId('rated'));
      },
    ];
    for (const open of screens) {
      await open();
      await idleBack();
    }
  });
});
