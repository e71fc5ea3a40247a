/**
 * The administrator's queue settings in Chromium (demo browser host): moving "Thay đổi cư trú (CT01)" to a group
 * served by counter 2 only and setting this PC's kiosk number is what queue.info then reports, and a CT01 ticket
 * is called by counter 2's "Gọi số tiếp theo" and not by counter 1's. A group without a counter is refused on
 * screen in Vietnamese words next to the field and nothing is saved. Screenshot at 1366×768 and the accessibility audit.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { counterLogin, demoHostPerFile, openPageAt, pageApi, shot, withQuery } from './harness';
import { audit } from './a11y';

const demo = demoHostPerFile({ beforeAll, afterAll });

interface Info {
  groups: { id: string; label: string; counters: number[] }[];
  kiosk: number | null;
}

async function counterAt(query: string): Promise<Page> {
  const page = await openPageAt(demo.browser, withQuery(demo.host.url, `mode=counter${query}`), 1366, 768);
  await counterLogin(page);
  await page.getByRole('button', { name: 'Nhật ký' }).waitFor();
  return page;
}

const panel = (p: Page) => p.getByTestId('call-panel');
const said = (p: Page, text: string | RegExp) => p.getByTestId('call-msg').filter({ hasText: text }).waitFor({ timeout: 5000 });

it('the admin moves CT01 to counter 2 only and sets the kiosk number; a group without a counter is refused in words', async () => {
  const admin = await counterAt('&counter=1');
  await admin.getByRole('button', { name: 'Cài đặt' }).click();
  const section = admin.locator('section.queue-settings');
  await section.getByRole('heading', { name: /Hàng đợi/ }).waitFor();
  const before = await pageApi<Info>(admin, 'queue.info', {});
  expect(before.kiosk).toBeNull();
  expect(before.groups.find((g) => g.id === 'CU_TRU')!.counters).toEqual([1]);

  // An invalid configuration first: a new group with no counter. Refused next to the field, nothing saved.
  await section.getByRole('button', { name: 'Thêm nhóm' }).click();
  await section.getByLabel(/Tên nhóm/).nth(4).fill('Đất đai');
  await section.getByRole('button', { name: 'Lưu hàng đợi' }).click();
  const group5 = section.getByTestId('qs-group-5');
  await group5.getByText('Nhóm phải có ít nhất một quầy phục vụ').waitFor();
  await section.getByTestId('qs-msg').filter({ hasText: 'Chưa lưu: hãy sửa các ô được đánh dấu đỏ.' }).waitFor();
  expect(await group5.getByLabel('Quầy phục vụ').getAttribute('aria-invalid')).toBe('true');
  expect(await section.getByText(/Array must|too_small|invalid/i).count()).toBe(0);
  expect((await pageApi<Info>(admin, 'queue.info', {})).groups.map((g) => g.id)).toEqual(before.groups.map((g) => g.id));
  // A choice left in a removed group is named too, and a corrected field clears at once.
  await section.getByRole('button', { name: 'Xoá nhóm 1' }).click();
  await section.getByText('Lựa chọn này chưa thuộc nhóm nào').waitFor();
  await section.getByTestId('qs-group-4').evaluate((el) => (el.scrollIntoView({ block: 'start' }), window.scrollTo(0, 0)));
  await shot(admin, 'queue-settings-01-refused');

  await admin.reload();
  await counterLogin(admin);
  await admin.getByRole('button', { name: 'Cài đặt' }).click();
  await section.getByRole('heading', { name: /Hàng đợi/ }).waitFor();
  // Group 1 (Cư trú, CT01) is now served by counter 2 only; this PC is kiosk 1.
  await section.getByLabel(/Số ki-ốt của máy này/).fill('1');
  await section.getByTestId('qs-group-1').getByLabel('Quầy phục vụ').fill('2');
  await section.getByRole('button', { name: 'Lưu hàng đợi' }).click();
  await section.getByTestId('qs-msg').filter({ hasText: 'Đã lưu cài đặt hàng đợi.' }).waitFor();
  const after = await pageApi<Info>(admin, 'queue.info', {});
  expect(after.kiosk).toBe(1);
  expect(after.groups.find((g) => g.id === 'CU_TRU')!.counters).toEqual([2]);
  expect(after.groups.find((g) => g.id === 'KHAC')!.counters).toEqual([1, 2, 3]);
  // The settings view's own Save keeps what was saved here (it does not send the old groups back).
  await admin.getByRole('button', { name: 'Lưu', exact: true }).click();
  await admin.getByText('Đã lưu cài đặt.').waitFor();
  expect((await pageApi<Info>(admin, 'queue.info', {})).groups.find((g) => g.id === 'CU_TRU')!.counters).toEqual([2]);

  await section.evaluate((el) => (el.scrollIntoView({ block: 'start' }), window.scrollTo(0, 0)));
  await shot(admin, 'queue-settings-02-saved');
  expect(await audit(admin, 'queue settings')).toEqual([]);

  // A CT01 ticket: counter 1 does not call it, counter 2 does.
  const slip = await pageApi<{ label: string; counters: number[] }>(admin, 'queue.issue', { request: 'CT01', dossierId: null });
  expect(slip.counters).toEqual([2]);
  await admin.getByRole('button', { name: 'Hồ sơ', exact: true }).click();
  await panel(admin).getByText('Quầy số 1').waitFor();
  await panel(admin).getByRole('button', { name: 'Gọi số tiếp theo', exact: true }).click();
  await said(admin, 'Không còn ai chờ');
  const c2 = await counterAt('&counter=2');
  await panel(c2).getByRole('button', { name: 'Gọi số tiếp theo', exact: true }).click();
  await said(c2, `Đã gọi số ${slip.label}.`);
}, 60_000);
