/**
 * End-to-end through the real browser host (`motcua serve`), the real card service over pcscd + vpcd with the
 * simulated CCCD (`motcua card:sim`), the real encrypted SQLite store, forms and PDF printing, in Debian Chromium
 * at 1366×768. Screenshots of each step go to artifacts/screenshots/e2e-*.png.
 */
import { describe, it, expect, beforeAll, afterAll, onTestFailed } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, osk, oskLiteral, serve, shot, startCli, typeCan, withQuery, ROOT } from './harness';
import { audit } from './a11y';
import { sampleIdentities, sampleProfile } from '../../src/sim/profile/samples';
import { openStore } from '../../src/store/sqliteStore';
import { fileKeyProvider } from '../../src/store/keyFile';

const PORT = '35964'; // vpcd reader "Virtual PCD 00 01"
const READER = 'Virtual PCD 00 01';
const ADMIN_PASSWORD = 'e2e-admin-pass-1';
const CAN = [0, 1, 2, 3].map((i) => sampleProfile(i).can!);

let browser: Browser;
let host: Awaited<ReturnType<typeof serve>>;
let sim: Awaited<ReturnType<typeof startCli>> | null = null;
let startedPcscd = false;

async function insert(sample: number, faults: string[] = []): Promise<void> {
  await removeCard();
  // One pcscd per machine, shared with other suites that may restart it: retry while its vpcd port comes back.
  for (let attempt = 0; ; attempt++) {
    try {
      sim = await startCli(['card:sim', '--port', PORT, '--profile', String(sample + 1), ...faults.flatMap((f) => ['--fault', f])], /inserted via vpcd/);
      return;
    } catch (e) {
      if (attempt >= 20 || !/ECONNREFUSED|ECONNRESET/.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function removeCard(): Promise<void> {
  await sim?.stop();
  sim = null;
}

/** A screenshot and the visible alerts of the page when a test fails (artifacts/screenshots/e2e-FAILED-*.png). */
async function open(url: string, name: string): Promise<Page> {
  const page = await openPage(browser, url);
  onTestFailed(async () => {
    await shot(page, `e2e-FAILED-${name}`).catch(() => undefined);
    const alerts = await page.getByRole('alert').allTextContents().catch(() => []);
    const step = await page.locator('[data-step]').getAttribute('data-step').catch(() => '?');
    console.error(`[${name}] step=${step} alerts=${JSON.stringify(alerts)}`);
  });
  return page;
}

async function waitReader(page: Page, state: string): Promise<void> {
  await page.waitForSelector(`.reader-status[data-state="${state}"]`, { timeout: 20_000 });
}

async function consentAndCan(page: Page, can: string, prefix: string): Promise<void> {
  await page.getByRole('radio', { name: 'Đồng ý', exact: true }).click();
  await shot(page, `${prefix}-01-consent`);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await typeCan(page, can);
}

/** The accessibility audit of tests/e2e/accessibility.test.ts on the screens only a real reader reaches. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(await audit(page, screen)).toEqual([]);
}

function openDb() {
  return fileKeyProvider(host.data)
    .getKey()
    .then((key) => openStore({ path: path.join(host.data, 'motcua.db'), key: new Uint8Array(key), integrityCheck: 'none' }));
}

describe('kiosk and counter end to end (pcscd + simulated card + SQLite + Chromium)', () => {
  beforeAll(async () => {
    try {
      execFileSync('pgrep', ['-x', 'pcscd']);
    } catch {
      execFileSync('bash', [path.join(ROOT, 'scripts', 'pcscd.sh'), 'start']);
      startedPcscd = true;
    }
    const data = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-'));
    mkdirSync(path.join(data, 'trust'), { recursive: true });
    for (let i = 0; i < 4; i++) writeFileSync(path.join(data, 'trust', `sample-${i + 1}.der`), sampleProfile(i).cscaCertificate!);
    // A configured commune (the counter's settings screen normally does this once).
    const key = await fileKeyProvider(data).getKey();
    const seed = openStore({ path: path.join(data, 'motcua.db'), key: new Uint8Array(key), backupDir: path.join(data, 'backups') });
    seed.setSetting('app.settings', { communeName: 'UBND xã Tân Phú', provinceName: 'Tỉnh Đồng Nai', communeCode: '26017', provinceCode: '75' }, 'e2e');
    seed.close();
    host = await serve({ data, reader: READER, env: { MOTCUA_ADMIN_PASSWORD: ADMIN_PASSWORD } });
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await removeCard();
    await host?.stop();
    if (startedPcscd) execFileSync('bash', [path.join(ROOT, 'scripts', 'pcscd.sh'), 'stop']);
  });

  it('CT01: consent → CAN → live read → verified identity → form with Telex keyboard → review → print → done; saved in SQLite', async () => {
    await insert(0);
    const page = await open(host.url, 'ct01');
    await waitReader(page, 'card-present');
    await shot(page, 'e2e-ct01-00-welcome');
    await consentAndCan(page, CAN[0]!, 'e2e-ct01');
    await page.waitForSelector('.stages', { timeout: 20_000 });
    await shot(page, 'e2e-ct01-02-reading');
    await page.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
    await shot(page, 'e2e-ct01-03-identity');
    expect(await page.getByTestId('verdict-banner').textContent()).toContain('Thẻ hợp lệ');
    await page.getByRole('button', { name: 'Chuyển ngôn ngữ sang tiếng Anh' }).click();
    await page.getByRole('heading', { name: 'Data on the card' }).waitFor();
    await shot(page, 'e2e-ct01-03b-identity-english');
    await expectAccessible(page, 'ct01-03b-identity-english');
    await page.getByRole('button', { name: 'Switch language to Vietnamese' }).click();
    await page.getByRole('button', { name: 'Chọn thủ tục' }).click();
    await shot(page, 'e2e-ct01-04-procedure');
    await page.locator('[data-form="CT01"]').click();
    await page.waitForSelector('[data-step="form"]');
    await shot(page, 'e2e-ct01-05-form');
    expect(await page.locator('[data-field="hoTen"] .prov').textContent()).toBe('từ chip');

    await page.locator('[data-field="soDienThoai"] input').click();
    await osk(page, '0912345678');
    await shot(page, 'e2e-ct01-06-numeric-pad');
    await page.getByRole('button', { name: 'Xong' }).click();
    await page.locator('[data-field="noiDungDeNghi"] textarea').click();
    await osk(page, 'Ddawng kys thuwowngf trus');
    expect(await page.locator('[data-field="noiDungDeNghi"] textarea').inputValue()).toBe('Đăng ký thường trú');
    await shot(page, 'e2e-ct01-07-telex-keyboard');
    await page.getByRole('button', { name: 'Xong' }).click();
    expect(await page.locator('[data-field="noiDungDeNghi"] .prov').textContent()).toBe('người dân khai');

    await page.getByRole('button', { name: 'Xem lại' }).click();
    await page.waitForSelector('[data-step="review"]');
    await shot(page, 'e2e-ct01-08-review');
    // One read per tap: no second read started by the status event that follows the first.
    expect(await page.locator('.app-header .reader-status').getAttribute('data-state')).toBe('card-present');
    await page.getByRole('button', { name: 'Xác nhận và in' }).click();
    await page.waitForSelector('[data-step="print"]', { timeout: 30_000 });
    await page.waitForTimeout(800);
    await shot(page, 'e2e-ct01-09-print-preview');
    await page.getByRole('button', { name: 'Hoàn tất' }).click();
    const doneText = (await page.getByTestId('dossier-id').textContent()) ?? '';
    await shot(page, 'e2e-ct01-10-done');
    const id = /Mã hồ sơ của bạn: ([^.\s]+)/.exec(doneText)?.[1];
    expect(id).toBeTruthy();

    const store = await openDb();
    try {
      const d = store.get(id!);
      expect(d?.formId).toBe('CT01');
      // Saved complete; whether it counts as printed is the server's rule (a preview is not a print job).
      expect(['completed', 'printed']).toContain(d?.status);
      const f = (k: string) => d!.fields.find((x) => x.key === k);
      expect(f('soDinhDanh')?.value.endsWith(CAN[0]!)).toBe(true);
      expect(f('soDienThoai')).toMatchObject({ value: '0912345678', provenance: 'citizen' });
      expect(f('noiDungDeNghi')).toMatchObject({ value: 'Đăng ký thường trú', provenance: 'citizen' });
      expect(f('hoTen')?.provenance).toBe('chip');
      // The photo never reaches the store.
      expect(JSON.stringify(d)).not.toMatch(/data:image|base64|JFIF|jP\x20\x20/);
    } finally {
      store.close();
    }
    await page.context().close();
  });

  it('KET_HON: with the first card left on, the kiosk asks for the swap and reads the second card as soon as it lands', async () => {
    await insert(1);
    const page = await open(host.url, 'kethon');
    await waitReader(page, 'card-present');
    await consentAndCan(page, CAN[1]!, 'e2e-kethon');
    await page.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Chọn thủ tục' }).click();
    await page.locator('[data-form="KET_HON"]').click();
    await page.waitForSelector('[data-step="key"]');
    // The first person's card is still on the reader: the key screen says to swap before anything is read.
    expect(await page.getByTestId('swap-notice').textContent()).toContain('lấy thẻ của bạn ra');
    await shot(page, 'e2e-kethon-02-second-key-swap');
    await typeCan(page, CAN[3]!);
    await page.waitForSelector('[data-step="read"]');
    await page.getByTestId('swap-notice').waitFor();
    await shot(page, 'e2e-kethon-02b-waiting-for-swap');
    // No read with the second code on the first card (that would say "Mã không đúng").
    expect(await page.getByTestId('read-error').count()).toBe(0);
    // The citizen swaps cards: removal must not wipe the held session, and the new card is read without "Đọc lại".
    await removeCard();
    await waitReader(page, 'no-card');
    await insert(3);
    await page.waitForSelector('[data-step="form"]', { timeout: 60_000 });
    await shot(page, 'e2e-kethon-03-form');
    await expectAccessible(page, 'kethon-03-form');
    const chip = await page.locator('.prov-chip').count();
    expect(chip).toBeGreaterThan(4);
    const values = await page.locator('.field input, .field textarea').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const holders = [1, 3].map((i) => sampleProfile(i).can!);
    for (const can of holders) expect(values.some((v) => v.endsWith(can))).toBe(true);
    await page.context().close();
  });

  it('KHAI_SINH filled at the kiosk: the child\'s date of birth in words is written by the server and stored', async () => {
    await insert(0);
    const page = await open(host.url, 'khaisinh');
    await waitReader(page, 'card-present');
    await consentAndCan(page, CAN[0]!, 'e2e-khaisinh');
    await page.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Chọn thủ tục' }).click();
    await page.locator('[data-form="KHAI_SINH"]').click();
    await page.waitForSelector('[data-step="form"]', { timeout: 30_000 });
    await page.locator('[data-field="conNgaySinh"] input').click();
    await osk(page, '15/03/2025');
    await page.getByRole('button', { name: 'Xong' }).click();
    const inWords = page.locator('[data-field="conNgaySinhBangChu"] :is(input, textarea)');
    await page.waitForFunction(() => /tháng/.test((document.querySelector('[data-field="conNgaySinhBangChu"] input, [data-field="conNgaySinhBangChu"] textarea') as HTMLInputElement | null)?.value ?? ''), undefined, { timeout: 30_000 });
    const words = await inWords.inputValue();
    expect(words).toMatch(/mười lăm/i);
    expect(words).toMatch(/tháng ba/i);
    await shot(page, 'e2e-khaisinh-01-date-in-words');
    // The rest of the form, typed as a physical keyboard would, until the review has no problem left.
    const known: Record<string, string> = { conHoTen: 'Nguyễn Văn An', conDanToc: 'Kinh', conQuocTich: 'Việt Nam', conNoiSinh: 'Bệnh viện Đa khoa tỉnh Nghệ An', conQueQuan: 'Nghệ An', quanHeVoiNguoiDuocKhaiSinh: 'cha' };
    for (let round = 0; round < 4; round++) {
      await page.getByRole('button', { name: 'Xem lại' }).click();
      await page.waitForSelector('[data-step="review"]');
      const open = await page.locator('.field-issue').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')!));
      if (open.length === 0) break;
      await page.getByRole('button', { name: 'Sửa lại' }).click();
      for (const key of open) {
        const field = page.locator(`[data-field="${key}"]`);
        if ((await field.locator('select').count()) > 0) await field.locator('select').selectOption({ index: 1 });
        else await field.locator('input, textarea').fill(known[key] ?? (/nam|year/i.test(key) ? '1985' : 'Nguyễn Thị Bình'));
        if (await page.getByRole('button', { name: 'Xong' }).count()) await page.getByRole('button', { name: 'Xong' }).click();
      }
    }
    expect(await page.locator('.field-issue').count()).toBe(0);
    await page.getByRole('button', { name: 'Xác nhận và in' }).click();
    await page.waitForSelector('[data-step="print"]', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Hoàn tất' }).click();
    const id = /Mã hồ sơ của bạn: ([^.\s]+)/.exec((await page.getByTestId('dossier-id').textContent()) ?? '')?.[1];
    const store = await openDb();
    try {
      const d = store.get(id!);
      expect(d?.formId).toBe('KHAI_SINH');
      expect(d?.fields.find((f) => f.key === 'conNgaySinhBangChu')?.value).toBe(words);
      expect(d?.fields.find((f) => f.key === 'conNgaySinh')).toMatchObject({ provenance: 'citizen' });
    } finally {
      store.close();
    }
    await page.context().close();
  });

  it('pulling the card mid-read shows a clear Vietnamese message and recovers on re-insert', async () => {
    await insert(0, ['remove-after=12']);
    const page = await open(host.url, 'pull');
    await waitReader(page, 'card-present');
    await consentAndCan(page, CAN[0]!, 'e2e-pull');
    await page.getByTestId('read-error').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('read-error').textContent()).toContain('Thẻ đã bị nhấc ra khi đang đọc');
    await shot(page, 'e2e-pull-02-removed');
    await expectAccessible(page, 'pull-02-removed');
    await insert(0);
    await page.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
    await shot(page, 'e2e-pull-03-recovered');
    await page.context().close();
  });

  it('idle timeout wipes the screen and the session', async () => {
    await insert(0);
    const page = await open(withQuery(host.url, 'idle=8000'), 'idle');
    await waitReader(page, 'card-present');
    await consentAndCan(page, CAN[0]!, 'e2e-idle');
    await page.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
    const name = (await page.locator('[data-testid="identity-fields"] dd').first().textContent()) ?? '';
    expect(name.length).toBeGreaterThan(3);
    await page.getByTestId('wipe-notice').waitFor({ timeout: 15_000 });
    await shot(page, 'e2e-idle-02-wiped');
    await expectAccessible(page, 'idle-02-wiped');
    expect(await page.getByTestId('wipe-notice').textContent()).toContain('Đã lâu không có thao tác');
    expect(await page.content()).not.toContain(name);
    await page.context().close();
  });

  it('a tampered card shows INVALID and blocks pre-fill until a clerk overrides (audited)', async () => {
    await insert(0, ['tamper=DG13']);
    const page = await open(host.url, 'tamper');
    await waitReader(page, 'card-present');
    await consentAndCan(page, CAN[0]!, 'e2e-tamper');
    await page.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
    await shot(page, 'e2e-tamper-02-invalid');
    await expectAccessible(page, 'tamper-02-invalid');
    expect(await page.getByTestId('verdict-banner').textContent()).toContain('mời bạn đến quầy');
    expect(await page.getByTestId('go-to-counter').textContent()).toContain('mang thẻ đến quầy');
    expect(await page.getByRole('button', { name: 'Chọn thủ tục' }).count()).toBe(0);
    // The clerk's way on is there, but not as the main button.
    const override = page.getByRole('button', { name: 'Cán bộ xác nhận và cho phép tiếp tục' });
    expect(await override.getAttribute('class')).not.toContain('btn-primary');
    await override.click();
    // A touch kiosk has no keyboard: the clerk signs in on the on-screen keys.
    await page.getByLabel('Tên đăng nhập').click();
    await oskLiteral(page, 'admin');
    await page.getByRole('button', { name: 'Xong' }).click();
    await oskLiteral(page, ADMIN_PASSWORD);
    expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe('admin');
    expect(await page.getByLabel('Mật khẩu').inputValue()).toBe(ADMIN_PASSWORD);
    await shot(page, 'e2e-tamper-03-override-login');
    await expectAccessible(page, 'tamper-03-override-login');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Chọn thủ tục' }).click();
    await page.locator('[data-form="CT01"]').click();
    await page.waitForSelector('[data-step="form"]', { timeout: 30_000 });
    await shot(page, 'e2e-tamper-04-form-after-override');
    await page.locator('[data-field="noiDungDeNghi"] textarea').fill('Xác nhận thông tin cư trú');
    await page.getByRole('button', { name: 'Xong' }).click();
    await page.waitForTimeout(500);
    await page.getByRole('button', { name: 'Xem lại' }).click();
    await page.getByRole('button', { name: 'Xác nhận và in' }).click();
    await page.waitForSelector('[data-step="print"]', { timeout: 30_000 });
    const store = await openDb();
    try {
      const entry = store.audit({ limit: 1000 }).find((a) => a.action === 'dossier.verification_override');
      expect(entry?.actor).toBe('admin');
      expect(store.get(entry!.recordId!)?.verificationOverride).toBe(true);
      expect(['completed', 'printed']).toContain(store.get(entry!.recordId!)?.status);
    } finally {
      store.close();
    }
    await page.context().close();
  });

  it('counter: login → search → open → reprint → edit → export → delete on request → settings', async () => {
    await insert(0);
    const page = await open(withQuery(host.url, 'mode=counter'), 'counter');
    await shot(page, 'e2e-counter-01-login');
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('wrong-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Sai tên đăng nhập hoặc mật khẩu.').waitFor();
    await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('queue').waitFor();
    await shot(page, 'e2e-counter-02-queue');
    await page.getByLabel('Tìm theo họ tên hoặc số định danh').fill(sampleIdentities()[0]!.idNumber);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForTimeout(500);
    const rows = await page.locator('[data-testid="queue"] tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(1);
    await shot(page, 'e2e-counter-03-search');
    await page.getByRole('button', { name: 'Mở' }).first().click();
    await page.getByRole('button', { name: 'In lại tờ khai' }).click();
    await page.locator('iframe.pdf-preview').waitFor();
    await page.waitForTimeout(800);
    await shot(page, 'e2e-counter-04-reprint');
    const dossierId = ((await page.locator('#dossier-title').textContent()) ?? '').replace('Hồ sơ ', '').trim();

    // Edit: the value becomes "cán bộ sửa" and is saved.
    await page.locator('[data-field="email"] input').fill('dan@example.vn');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu.').waitFor();
    // The server applied the edit and marked who made it.
    expect(await page.locator('[data-field="email"] .prov').textContent()).toBe('cán bộ sửa');
    // Export JSON (download).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất JSON' }).click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { MaHoSo: string; NguonDuLieu: Record<string, string> };
    expect(exported.MaHoSo).toBe(dossierId);
    let store = await openDb();
    try {
      expect(store.get(dossierId)?.fields.find((f) => f.key === 'email')).toMatchObject({ value: 'dan@example.vn', provenance: 'clerk' });
    } finally {
      store.close();
    }
    // Delete on the citizen's request; a marriage dossier shared with another person is named before anything goes.
    store = await openDb();
    let joint: string;
    try {
      const [a, b] = [sampleIdentities()[0]!, sampleIdentities()[3]!];
      const person = (side: string, p: typeof a) => [
        { key: `${side}.fullName`, group: side, label: 'Họ tên', value: p.fullName, source: 'CHIP' as const, provenance: 'chip' as const },
        { key: `${side}.idNumber`, group: side, label: 'Số định danh', value: p.idNumber, source: 'CHIP' as const, provenance: 'chip' as const },
      ];
      joint = store.createDossier({ formId: 'KET_HON', formVersion: 'e2e', fields: [...person('benNam', b), ...person('benNu', a)], actor: 'e2e' }).id;
    } finally {
      store.close();
    }
    await page.getByRole('button', { name: 'Xoá dữ liệu công dân' }).click();
    await page.getByRole('alertdialog').waitFor();
    expect(await page.locator('.confirm-list').textContent()).toContain(joint);
    expect(await page.getByTestId('joint-warning').textContent()).toContain('hồ sơ chung');
    await shot(page, 'e2e-counter-05-delete-confirm');
    await expectAccessible(page, 'counter-05-delete-confirm');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Xoá dữ liệu công dân' }).click();
    // The result stays in sight on the queue, and the erased dossiers are no longer listed there.
    expect(await page.getByTestId('counter-notice').textContent()).toMatch(/Đã xoá \d+ hồ sơ/);
    await shot(page, 'e2e-counter-05b-deleted');
    expect(await page.locator('[data-testid="queue"]').textContent().catch(() => '')).not.toContain(joint);
    expect(await page.locator('[data-testid="queue"]').textContent().catch(() => '')).not.toContain(dossierId);
    store = await openDb();
    try {
      expect(store.search(sampleIdentities()[0]!.idNumber).filter((d) => d.status !== 'purged')).toEqual([]);
      expect(store.get(joint)?.status).toBe('purged');
      expect(store.audit({ limit: 1000 }).some((a) => a.action.includes('delete') && a.actor === 'admin')).toBe(true);
    } finally {
      store.close();
    }
    await page.getByRole('button', { name: 'Cài đặt' }).click();
    await page.getByLabel('Tên xã/phường').fill('UBND xã Tân Phú');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu cài đặt.').waitFor();
    await shot(page, 'e2e-counter-06-settings');
    await page.context().close();
  });
});
