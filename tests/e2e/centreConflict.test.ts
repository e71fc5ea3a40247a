/**
 * Two counters of one centre edit the same dossier while the centre server is down, in Chromium on two browser hosts
 * and a real PostgreSQL with TLS. When the server is back, both converge on the same dossier (the centre's order
 * decides which edit stands), the other edit stays in the dossier's history, and both counter queues show the
 * review badge "cần xem lại: sửa cùng lúc ở 2 máy" on that row, with the device it was made on by its name.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { counterLogin, launch, openPage, ROOT, serve, shot, withQuery } from './harness';
import { startCentreServer, type CentreServer } from '../centre/helpers/centre';
import { enrollDevice, initCentre } from '../../src/centre/server/admin';
import { joinCentre } from '../../src/centre/device/enrol';

/** Demo mode's built-in administrator (src/app/compose.ts seedUsers). */
const ADMIN_PASSWORD = 'motcua-admin';
const IDENTITY = path.join(ROOT, 'tests', 'fixtures', 'identities', 'young-man.json');

let s: CentreServer;
let browser: Browser;
let hostA: Awaited<ReturnType<typeof serve>>;
let hostB: Awaited<ReturnType<typeof serve>>;
let dossierId: string;

/** A demo data folder joined to the centre as a counter named `name`, as `motcua device join` would. */
async function joinedData(centreId: string, name: string): Promise<string> {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-conflict-'));
  fs.mkdirSync(path.join(data, 'demo'), { recursive: true, mode: 0o700 });
  const { code } = await enrollDevice(s.url, centreId, 'counter', s.keysDir, 1, name);
  await joinCentre({ server: { host: s.cluster.host, port: s.cluster.port, database: s.db }, code, storeFile: path.join(data, 'demo', 'motcua.db'), caPem: fs.readFileSync(s.cluster.caFile, 'utf8') });
  return data;
}

beforeAll(async () => {
  s = await startCentreServer('motcua');
  const { centreId } = await initCentre(s.url, 'Trung tâm PVHCC xã Mẫu', s.keysDir);
  const dataA = await joinedData(centreId, 'Quầy 1');
  const dataB = await joinedData(centreId, 'Quầy 2');
  // The dossier both counters will edit, made on A's store before its host starts (the host queues it at start).
  const made = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'motcua.mjs'), 'dossier', 'create', '--form', 'CT01', '--identity', IDENTITY, '--db', path.join(dataA, 'demo', 'motcua.db'), '--json'], { encoding: 'utf8', timeout: 60_000 });
  if (made.status !== 0) throw new Error(`dossier create failed: ${made.stderr}`);
  dossierId = (JSON.parse(made.stdout) as { id: string }).id;
  [hostA, hostB] = await Promise.all([serve({ demo: true, data: dataA }), serve({ demo: true, data: dataB })]);
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hostA?.stop();
  await hostB?.stop();
  s?.cluster.destroy();
});

async function counterAt(url: string): Promise<Page> {
  const page = await openPage(browser, withQuery(url, 'mode=counter'));
  await counterLogin(page, ADMIN_PASSWORD);
  await page.getByTestId('queue').waitFor();
  return page;
}

const row = (page: Page) => page.locator('[data-testid="queue"] tbody tr', { hasText: dossierId });

/** Open the dossier from the queue, put `email` in, save, and go back to the queue. */
async function editEmail(page: Page, email: string): Promise<void> {
  await row(page).getByRole('button', { name: 'Mở' }).click();
  await page.locator('[data-field="email"] input').fill(email);
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.getByText('Đã lưu.').waitFor();
  await page.getByRole('button', { name: 'Quay lại' }).click();
  await page.getByTestId('queue').waitFor();
}

async function emailOn(page: Page): Promise<string> {
  await row(page).getByRole('button', { name: 'Mở' }).click();
  return page.locator('[data-field="email"] input').inputValue();
}

it('edited on two counters while the server is down: both converge, the other edit is in the history, both queues flag it', async () => {
  const a = await counterAt(hostA.url);
  const b = await counterAt(hostB.url);
  // B has A's dossier, named by the counter it came from.
  await row(b).waitFor({ timeout: 30_000 });
  expect(await row(b).getByTestId('made-on').innerText()).toBe('Quầy 1');
  expect(await row(a).getByTestId('made-on').innerText()).toBe('Máy này');
  expect(await row(b).getByTestId('needs-review').count()).toBe(0);

  // Apart: the server is down, each counter edits the same dossier.
  s.cluster.stop('fast');
  for (const p of [a, b]) await p.getByTestId('centre-state').filter({ hasText: /mất kết nối/i }).waitFor({ timeout: 60_000 });
  await editEmail(a, 'quay1@example.vn');
  await editEmail(b, 'quay2@example.vn');
  for (const p of [a, b]) await p.getByTestId('centre-state').filter({ hasText: /Chờ gửi 1 hồ sơ — mất kết nối/ }).waitFor({ timeout: 30_000 });

  // Together again: each pushes its edit, pulls the other's, and both fold them in the centre's order.
  const back = Date.now();
  s.cluster.start();
  for (const p of [a, b]) await row(p).getByTestId('needs-review').waitFor({ timeout: 90_000 });
  console.log(`both counters flagged the dossier ${Date.now() - back} ms after the server restarted`);
  for (const p of [a, b]) await p.getByTestId('centre-state').filter({ hasText: 'Đã đồng bộ' }).waitFor({ timeout: 60_000 });
  expect(await row(b).getByTestId('needs-review').innerText()).toContain('cần xem lại: sửa cùng lúc ở 2 máy');
  expect(await row(b).getByTestId('made-on').innerText()).toBe('Quầy 1');
  await shot(b, 'centre-conflict-01-counter-queue-review-badge');

  // One outcome on both counters, and the overwritten edit recorded in the history on both.
  const [ea, eb] = [await emailOn(a), await emailOn(b)];
  expect(ea).toBe(eb);
  expect(['quay1@example.vn', 'quay2@example.vn']).toContain(ea);
  for (const p of [a, b]) await p.locator('.history li', { hasText: 'Sửa cùng lúc ở hai máy — cần xem lại' }).first().waitFor();
  // The history names both PCs: on B, A is "Quầy 1" and B itself is "Máy này", whichever edit stood.
  const detail = await b.getByTestId('conflict-detail').first().innerText();
  expect(detail).toContain('Quầy 1');
  expect(detail).toContain('Máy này');
  expect(detail).toMatch(/dùng bản của .+; bản sửa ở .+ \(admin\) được lưu lại/);
  await b.locator('.history').scrollIntoViewIfNeeded();
  await shot(b, 'centre-conflict-02-dossier-history');
}, 240_000);
