/**
 * Staff accounts at the counter, in Debian Chromium against the browser host in demo mode: the administrator lists
 * the accounts and creates a head of centre ("trưởng trung tâm") through the screen — with the username and password
 * rules said in words when they fail — then the new head signs in and finds the report but not the accounts, and a
 * plain clerk finds neither. Screenshot at 1366×768: artifacts/screenshots/accounts.png, and the accessibility audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { counterLogin, demoHostPerFile, openPage, shot, withQuery } from './harness';
import { audit } from './a11y';

const demo = demoHostPerFile({ beforeAll, afterAll });

const navItems = async (page: Page): Promise<string[]> => (await page.locator('nav.sidebar .nav-item').allTextContents()).map((s) => s.trim());
const rows = async (page: Page): Promise<string[][]> =>
  page.locator('[data-testid="accounts-list"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));

async function fill(page: Page, v: { username: string; displayName: string; role: string; password: string; confirm: string }): Promise<void> {
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(v.username);
  await page.getByLabel('Họ tên', { exact: true }).fill(v.displayName);
  await page.getByLabel('Vai trò', { exact: true }).selectOption(v.role);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(v.password);
  await page.getByLabel('Nhập lại mật khẩu', { exact: true }).fill(v.confirm);
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await counterLogin(page, password, username);
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByLabel('Tên đăng nhập').waitFor();
}

describe('staff accounts at the counter (Chromium, demo host)', () => {
  it('the admin creates a head of centre; the head sees the report but not the accounts; a clerk sees neither', async () => {
    const page = await openPage(demo.browser, withQuery(demo.host.url, 'mode=counter'));
    await page.getByLabel('Tên đăng nhập').waitFor();
    await signIn(page, 'admin', 'motcua-admin');
    expect(await navItems(page)).toContain('Tài khoản');
    await page.getByRole('button', { name: 'Tài khoản', exact: true }).click();
    await page.getByRole('heading', { name: 'Tài khoản cán bộ' }).waitFor();
    await page.locator('[data-testid="accounts-list"] tbody tr').first().waitFor();
    const error = page.getByTestId('accounts-error');
    const submit = page.getByRole('button', { name: 'Tạo tài khoản', exact: true });
    // The demo's three accounts, with the role in words (never the stored code).
    expect(await rows(page)).toEqual([
      ['admin', 'Quản trị (mẫu)', 'Quản trị'],
      ['canbo', 'Cán bộ (mẫu)', 'Cán bộ'],
      ['truong', 'Trưởng trung tâm (mẫu)', 'Trưởng trung tâm'],
    ]);

    // The whole form, its button included, fits a 1366×768 counter screen without scrolling.
    const bottom = await submit.evaluate((el) => el.getBoundingClientRect().bottom);
    expect(bottom).toBeLessThanOrEqual(768);

    // Each rule the API enforces, said in words before anything is sent; nothing is created.
    const good = { username: 'pho.truong', displayName: 'Lê Thị Phó', role: 'head', password: 'mat-khau-77', confirm: 'mat-khau-77' };
    const refusals: [Partial<typeof good>, string][] = [
      [{ username: 'Truong' }, 'Tên đăng nhập "Truong" đã có (không phân biệt chữ hoa, chữ thường). Chọn tên khác.'],
      [{ username: 'lê thị' }, 'Tên đăng nhập chỉ gồm chữ không dấu, số và . _ - (2–64 ký tự).'],
      [{ password: 'ngan-7', confirm: 'ngan-7' }, 'Mật khẩu cần ít nhất 8 ký tự.'],
      [{ confirm: 'mat-khau-78' }, 'Hai lần nhập mật khẩu không giống nhau.'],
      [{ displayName: '   ' }, 'Nhập họ tên người dùng.'],
    ];
    for (const [bad, message] of refusals) {
      await fill(page, { ...good, ...bad });
      await submit.click();
      expect(await error.textContent(), JSON.stringify(bad)).toBe(message);
    }
    expect(await rows(page)).toHaveLength(3);

    await fill(page, good);
    await submit.click();
    await page.getByTestId('accounts-notice').waitFor();
    expect(await page.getByTestId('accounts-notice').textContent()).toBe('Đã tạo tài khoản pho.truong (Trưởng trung tâm).');
    expect(await error.count()).toBe(0);
    expect(await rows(page)).toContainEqual(['pho.truong', 'Lê Thị Phó', 'Trưởng trung tâm']);
    // The form is emptied, so the password does not stay on the screen.
    expect(await page.getByLabel('Mật khẩu', { exact: true }).inputValue()).toBe('');
    await page.locator('.counter-main').evaluate((el) => el.scrollTo(0, 0));
    await shot(page, 'accounts');
    expect(await audit(page, 'accounts')).toEqual([]);
    // Taken now: the same name again is refused, and the list still holds it once.
    await fill(page, good);
    await submit.click();
    expect(await error.textContent()).toBe('Tên đăng nhập "pho.truong" đã có (không phân biệt chữ hoa, chữ thường). Chọn tên khác.');
    expect((await rows(page)).filter((r) => r[0] === 'pho.truong')).toHaveLength(1);

    await signOut(page);
    await signIn(page, 'pho.truong', 'mat-khau-77');
    expect(await page.locator('.app-header .user').textContent()).toContain('Lê Thị Phó');
    const head = await navItems(page);
    expect(head).toContain('Báo cáo');
    expect(head).not.toContain('Tài khoản');
    expect(head).not.toContain('Cài đặt');

    await signOut(page);
    await signIn(page, 'canbo', 'motcua-canbo');
    const clerk = await navItems(page);
    expect(clerk).toContain('Hồ sơ');
    expect(clerk).not.toContain('Báo cáo');
    expect(clerk).not.toContain('Tài khoản');
    await page.context().close();
  }, 60_000);
});
