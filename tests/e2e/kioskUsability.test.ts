/**
 * The kiosk and counter as a citizen or clerk meets them, in Debian Chromium against the real browser host in demo
 * mode (the built-in simulated card, always on its reader): the wrong-code retry, the on-screen keyboard (digits,
 * symbols, "Bỏ dấu", line breaks, field help, emails, MRZ), the review, plain verdicts, honest printing, the
 * language after an idle wipe, and the counter's words. Screenshots at 1366×768 in artifacts/screenshots/ux-*.png.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { counterLogin, DEMO_CAN as CAN, demoHostPerFile, giveConsent, openPage, osk, oskLiteral, shot, typeCan, withQuery } from './harness';
import { sampleProfile } from '../../src/sim/profile/samples';

const demo = demoHostPerFile({ beforeAll, afterAll });

async function open(url: string, name: string): Promise<Page> {
  const page = await openPage(demo.browser, url);
  onTestFailed(async () => {
    await shot(page, `ux-FAILED-${name}`).catch(() => undefined);
    const step = await page.locator('[data-step]').getAttribute('data-step').catch(() => '?');
    console.error(`[${name}] step=${step} alerts=${JSON.stringify(await page.getByRole('alert').allTextContents().catch(() => []))}`);
  });
  return page;
}

async function toIdentity(page: Page, can = CAN): Promise<void> {
  await page.getByRole('radio', { name: 'Đồng ý', exact: true }).waitFor();
  await giveConsent(page);
  await typeCan(page, can);
  await page.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
}

async function toCt01Form(page: Page): Promise<void> {
  await toIdentity(page);
  await page.getByRole('button', { name: 'Chọn thủ tục' }).click();
  await page.locator('[data-form="CT01"]').click();
  await page.waitForSelector('[data-step="form"]');
}

const headerReader = (page: Page) => page.locator('.app-header .reader-status');

describe('kiosk usability in Chromium (demo card)', () => {
  it('a wrong code: plain message, "Nhập lại mã" first, the new code reads at once, and nothing reaches the next citizen', async () => {
    const page = await open(demo.host.url, 'wrong-can');
    await page.getByRole('radio', { name: 'Đồng ý', exact: true }).waitFor();
    await giveConsent(page);
    const wrong = CAN === '000000' ? '111111' : '000000';
    await typeCan(page, wrong);
    await page.getByTestId('read-error').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('read-error').textContent()).toContain('Mã không đúng hoặc không phải thẻ của bạn');
    const again = page.getByRole('button', { name: 'Nhập lại mã' });
    expect(await again.getAttribute('class')).toContain('btn-primary');
    expect(await page.getByRole('button', { name: 'Đọc lại' }).getAttribute('class')).not.toContain('btn-primary');
    // The read screen says what went wrong; the header does not turn it into a reader fault.
    expect(await headerReader(page).textContent()).not.toContain('Lỗi');
    await shot(page, 'ux-01-wrong-code');
    await again.click();
    await typeCan(page, CAN);
    // Read at once with the card still on the reader: no "Đặt thẻ lên đầu đọc" wait.
    await page.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
    await shot(page, 'ux-01b-wrong-code-then-read');

    // A second wrong code, then the citizen gives up: the next citizen starts clean.
    await page.getByRole('button', { name: 'Làm lại từ đầu' }).click();
    await giveConsent(page);
    await typeCan(page, wrong);
    await page.getByTestId('read-error').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Làm lại từ đầu' }).click();
    await page.getByRole('radio', { name: 'Đồng ý', exact: true }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await headerReader(page).textContent()).not.toContain('Lỗi');
    await giveConsent(page);
    await typeCan(page, CAN);
    await page.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
    await page.context().close();
  });

  it('on-screen keyboard: digits and . , / - @, "Bỏ dấu" in words, line breaks, field help, an email; review wraps, counts and clears', async () => {
    const page = await open(demo.host.url, 'keyboard');
    await toCt01Form(page);
    // Review first with the request empty: the count is the number of red notes shown.
    await page.getByRole('button', { name: 'Xem lại' }).click();
    await page.waitForSelector('[data-step="review"]');
    const banner = (await page.getByTestId('issue-count').textContent()) ?? '';
    const count = Number(/Còn (\d+) ô/.exec(banner)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(await page.locator('.field-issue').count()).toBe(count);
    // Long values wrap instead of being cut off: every read-only value shows all of its text.
    const cut = await page.locator('.reviewing .field textarea, .reviewing .field input').evaluateAll((els) =>
      els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map((e) => (e as HTMLInputElement).value),
    );
    expect(cut).toEqual([]);
    await shot(page, 'ux-09-review-issues');
    await page.getByRole('button', { name: 'Sửa lại' }).click();

    const request = page.locator('[data-field="noiDungDeNghi"]');
    await request.locator('textarea').click();
    // The catalogue's help with its examples, under the field being edited.
    expect(await request.locator('.field-help').textContent()).toContain('Ví dụ');
    const untone = page.getByRole('button', { name: 'Bỏ dấu', exact: true });
    expect(await untone.textContent()).toBe('Bỏ dấu');
    await osk(page, 'Ddawng kys thuwowngf trus taij Soos 12, ngox 45');
    expect(await request.locator('textarea').inputValue()).toBe('Đăng ký thường trú tại Số 12, ngõ 45');
    // Its red note went as soon as it changed, before any new review.
    expect(await request.getAttribute('class')).not.toContain('field-issue');
    await shot(page, 'ux-05-keyboard-digits-symbols');
    await page.getByRole('button', { name: 'Xong' }).click();

    await page.locator('[data-field="email"] input').click();
    expect(await page.getByRole('group', { name: 'Bàn phím', exact: true }).count()).toBe(1);
    await oskLiteral(page, 'dan.nguyen-1@example.vn');
    expect(await page.locator('[data-field="email"] input').inputValue()).toBe('dan.nguyen-1@example.vn');
    await page.getByRole('button', { name: 'Xong' }).click();

    const members = page.locator('[data-field="thanhVienCungThayDoi"] textarea');
    await members.click();
    await osk(page, '1. An');
    await page.getByRole('button', { name: /Xuống dòng/ }).click();
    await osk(page, '2. Binh');
    expect(await members.inputValue()).toBe('1. An\n2. Binh');
    expect(await page.locator('[data-field="thanhVienCungThayDoi"] .field-help').textContent()).toContain('Mỗi dòng');
    await shot(page, 'ux-07-multiline-help');
    await page.getByRole('button', { name: 'Xong' }).click();

    await page.getByRole('button', { name: 'Xem lại' }).click();
    await page.waitForSelector('[data-step="review"]');
    expect(await page.getByTestId('issue-count').count()).toBe(0);
    expect(await page.locator('.field-issue').count()).toBe(0);
    await shot(page, 'ux-09b-review-complete');

    // Honest printing: printing is the main action, the viewer's toolbar is hidden, and without a real print job the
    // done screen does not speak of a printed declaration.
    await page.getByRole('button', { name: 'Xác nhận và in' }).click();
    await page.waitForSelector('[data-step="print"]', { timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'In tờ khai' }).getAttribute('class')).toContain('btn-primary');
    expect(await page.locator('iframe.pdf-preview').getAttribute('src')).toMatch(/#toolbar=0/);
    await page.waitForTimeout(800);
    await shot(page, 'ux-11-print');
    await page.getByRole('button', { name: 'Hoàn tất' }).click();
    const done = (await page.getByTestId('dossier-id').textContent()) ?? '';
    expect(done).not.toContain('tờ khai đã in');
    expect(done).toContain('cán bộ sẽ in tờ khai');
    await shot(page, 'ux-11b-done-not-printed');
    await page.context().close();
  });

  it('plain verdicts: one sentence, the checks behind "Chi tiết", no double negatives, never "Thẻ thật" or "xác thực"', async () => {
    const page = await open(demo.host.url, 'verdicts');
    await toIdentity(page);
    const banner = (await page.getByTestId('verdict-banner').textContent()) ?? '';
    expect(banner).toContain('THẺ MẪU hợp lệ');
    expect(banner).not.toContain('Thẻ thật');
    expect(await page.getByTestId('check-list').count()).toBe(0);
    await page.getByRole('button', { name: 'Chi tiết' }).click();
    const checks = (await page.getByTestId('check-list').textContent()) ?? '';
    expect(checks).toContain('Thông tin cá nhân giống như lúc cấp thẻ');
    expect(checks).not.toMatch(/không bị sửa|tự chứng minh|chứng thư/);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toMatch(/xác thực|Thẻ thật/i);
    await shot(page, 'ux-10-verdict-details');
    await page.context().close();
  });

  it('after an idle wipe the next citizen gets Vietnamese again', async () => {
    // The citizen switches to English and gives consent, then walks away: no card read needed for the rule.
    const page = await open(withQuery(demo.host.url, 'idle=8000'), 'lang-reset');
    await page.getByRole('radio', { name: 'Đồng ý', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Chuyển ngôn ngữ sang tiếng Anh' }).click();
    await page.getByRole('button', { name: 'Switch language to Vietnamese' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('Xin chào!');
    await page.getByRole('radio').first().click();
    await shot(page, 'ux-13a-english-chosen');
    await page.getByTestId('wipe-notice').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Xin chào!');
    expect(await page.getByTestId('wipe-notice').textContent()).toContain('Đã lâu không có thao tác');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await shot(page, 'ux-13-idle-back-to-vietnamese');
    await page.context().close();
  });

  it('the MRZ tab has its own keyboard: uppercase letters, digits and "<"', async () => {
    const page = await open(demo.host.url, 'mrz');
    await page.getByRole('radio', { name: 'Đồng ý', exact: true }).waitFor();
    await giveConsent(page);
    await page.getByRole('tab', { name: 'Dòng MRZ' }).click();
    const kbd = page.getByRole('group', { name: 'Bàn phím dòng MRZ' });
    for (const k of 'IDVNM0<<') await kbd.getByRole('button', { name: k, exact: true }).click();
    await kbd.getByRole('button', { name: /Xuống dòng/ }).click();
    await kbd.getByRole('button', { name: '9', exact: true }).click();
    expect(await page.locator('#mrz-input').inputValue()).toBe('IDVNM0<<\n9');
    await shot(page, 'ux-08-mrz-keyboard');
    await page.context().close();
  });
});

describe('counter words in Chromium (demo)', () => {
  it('history and audit in Vietnamese, a Vietnamese file button, a 44 px checkbox, and an honest trust-import message', async () => {
    const page = await open(withQuery(demo.host.url, 'mode=counter'), 'counter-words');
    await counterLogin(page);
    // The dossier the keyboard test above saved.
    await page.locator('[data-testid="queue"] tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Mở' }).first().click();
    await page.locator('#dossier-title').waitFor();
    const history = (await page.locator('.history').textContent()) ?? '';
    expect(history).toContain('Tạo hồ sơ');
    expect(history).not.toMatch(/created|printed|— kiosk/);
    await page.getByRole('button', { name: 'Nhật ký' }).click();
    await page.locator('table.queue tbody tr').first().waitFor();
    const audit = (await page.locator('table.queue').textContent()) ?? '';
    expect(audit).toContain('Tạo hồ sơ');
    expect(audit).not.toContain('dossier.create');
    await shot(page, 'ux-17-audit-vietnamese');
    await page.getByRole('button', { name: 'Cài đặt' }).click();
    await page.getByLabel('Tên xã/phường').waitFor();
    const fileButton = page.locator('label.file-button');
    expect(await fileButton.textContent()).toBe('Chọn tệp chứng thư…');
    expect((await fileButton.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    const box = (await page.locator('#set-silent').boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    await page.locator('#trust-file').setInputFiles({ name: 'csca-sample.der', mimeType: 'application/pkix-cert', buffer: Buffer.from(sampleProfile(0).cscaCertificate!) });
    const imported = (await page.getByTestId('trust-imported').textContent()) ?? '';
    expect(imported).toContain('Lần đọc thẻ tiếp theo sẽ dùng');
    expect(imported).not.toContain('khởi động lại ứng dụng.');
    await shot(page, 'ux-19-trust-imported');
    await page.context().close();
  });
});
