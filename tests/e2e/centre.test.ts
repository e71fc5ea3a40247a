/**
 * A commune centre end to end in Chromium: two browser hosts (A: the kiosk with the demo card, B: a counter) on one
 * real PostgreSQL with TLS. A joins with a one-time code before it starts (as `motcua device join` does); B joins
 * from its counter settings ("Kết nối trung tâm"). A dossier made on A's kiosk appears in B's counter queue with the
 * device it came from; one made while the server is stopped waits in A's outbox ("Chờ gửi 1 hồ sơ — mất kết nối
 * từ HH:MM") and appears on B when the server is back; a revoked device says so. Delays are printed, not asserted.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { counterLogin, kioskCt01, launch, openPage, serve, shot, withQuery } from './harness';
import { startCentreServer, type CentreServer } from '../centre/helpers/centre';
import { enrollDevice, initCentre, revokeDevice } from '../../src/centre/server/admin';
import { joinCentre } from '../../src/centre/device/enrol';
import { sampleProfile } from '../../src/sim/profile/samples';

const CAN = sampleProfile(0).can!;
/** Demo mode's built-in administrator (src/app/compose.ts seedUsers). */
const ADMIN_PASSWORD = 'motcua-admin';

let s: CentreServer;
let browser: Browser;
let hostA: Awaited<ReturnType<typeof serve>>;
let hostB: Awaited<ReturnType<typeof serve>>;
let deviceA: string;

beforeAll(async () => {
  s = await startCentreServer('motcua');
  const { centreId } = await initCentre(s.url, 'Trung tâm PVHCC xã Mẫu', s.keysDir);
  const kioskCode = await enrollDevice(s.url, centreId, 'kiosk', s.keysDir);
  deviceA = kioskCode.deviceId;
  // Host A joins before it starts, as `motcua device join --db <data>/demo/motcua.db` would (demo data folder).
  const dataA = fs.mkdtempSync('/tmp/motcua-e2e-centre-a-');
  fs.mkdirSync(path.join(dataA, 'demo'), { recursive: true, mode: 0o700 });
  await joinCentre({ server: { host: s.cluster.host, port: s.cluster.port, database: s.db }, code: kioskCode.code, storeFile: path.join(dataA, 'demo', 'motcua.db'), caPem: fs.readFileSync(s.cluster.caFile, 'utf8') });
  hostA = await serve({ demo: true, data: dataA });
  hostB = await serve({ demo: true });
  browser = await launch();
  // B joins through its counter settings with a second code.
  (globalThis as { counterCode?: string }).counterCode = (await enrollDevice(s.url, centreId, 'counter', s.keysDir)).code;
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
  await page.getByRole('button', { name: 'Cài đặt' }).waitFor();
  return page;
}

/** One citizen's CT01 on A's kiosk; returns the dossier id the kiosk shows. */
async function kioskDossier(): Promise<string> {
  const page = await openPage(browser, hostA.url);
  await kioskCt01(page, CAN);
  const id = /HS-[0-9A-Z-]+/.exec(await page.getByTestId('dossier-id').innerText())![0];
  // Citizens are told nothing about sync.
  expect(await page.getByTestId('centre-state').count()).toBe(0);
  await page.context().close();
  return id;
}

async function waitInQueue(page: Page, id: string, timeout: number): Promise<number> {
  const t0 = Date.now();
  await page.locator('[data-testid="queue"] tbody tr', { hasText: id }).waitFor({ timeout });
  return Date.now() - t0;
}

it('kiosk A → counter B online and after a server outage; sync states in words; a revoked device says so', async () => {
  const b = await counterAt(hostB.url);
  await b.getByRole('button', { name: 'Cài đặt' }).click();
  const settings = b.getByTestId('centre-settings');
  await settings.getByText('Máy làm việc độc lập').waitFor();
  await shot(b, 'centre-01-counter-settings-standalone');
  await b.getByLabel('Địa chỉ máy chủ').fill(`${s.cluster.host}:${s.cluster.port}/${s.db}`);
  await b.getByLabel('Mã ghép nối').fill((globalThis as { counterCode?: string }).counterCode!);
  await b.getByLabel('Chứng thư CA của trung tâm').fill(fs.readFileSync(s.cluster.caFile, 'utf8'));
  await b.getByRole('button', { name: 'Ghép nối với trung tâm' }).click();
  await b.getByText('Đã ghép nối máy này với trung tâm.').waitFor({ timeout: 30_000 });
  await b.getByTestId('centre-state').filter({ hasText: 'Đã đồng bộ' }).waitFor({ timeout: 30_000 });
  await shot(b, 'centre-02-counter-settings-joined');
  await b.getByRole('button', { name: 'Hồ sơ', exact: true }).click();

  // 1. Both online.
  const online = await kioskDossier();
  const onlineMs = await waitInQueue(b, online, 30_000);
  const row = b.locator('[data-testid="queue"] tbody tr', { hasText: online });
  expect(await row.getByTestId('made-on').innerText()).toBe('Kiosk 1'); // the device's enrolment name, not its id
  console.log(`kiosk A → counter B queue while online: ${onlineMs} ms after the kiosk's done screen`);
  await shot(b, 'centre-03-counter-queue-synced');

  // 2. Server stopped: A keeps working, its counter header counts what waits.
  s.cluster.stop('fast');
  const a = await counterAt(hostA.url);
  await a.getByTestId('centre-state').filter({ hasText: /mất kết nối/i }).waitFor({ timeout: 60_000 });
  const offline = await kioskDossier();
  await a.getByTestId('centre-state').filter({ hasText: /Chờ gửi 1 hồ sơ — mất kết nối từ \d\d:\d\d/ }).waitFor({ timeout: 30_000 });
  await shot(a, 'centre-04-kiosk-host-counter-offline-pending');
  await b.getByTestId('centre-state').filter({ hasText: /mất kết nối/i }).waitFor({ timeout: 60_000 });
  await shot(b, 'centre-05-counter-offline');
  expect(await b.locator('[data-testid="queue"] tbody tr', { hasText: offline }).count()).toBe(0);

  // 3. Server back: the waiting dossier reaches B by itself (the worker retries with back-off, at most 15 s apart).
  const back = Date.now();
  s.cluster.start();
  await waitInQueue(b, offline, 90_000);
  console.log(`dossier made during the outage reached counter B ${Date.now() - back} ms after the server restarted`);
  await a.getByTestId('centre-state').filter({ hasText: 'Đã đồng bộ' }).waitFor({ timeout: 60_000 });
  await shot(b, 'centre-06-counter-queue-after-outage');

  // 4. Revoked (a stolen kiosk): A's counter says so in words.
  await revokeDevice(s.url, deviceA, s.keysDir);
  await a.getByTestId('centre-state').filter({ hasText: 'Máy này đã bị thu hồi khỏi trung tâm — liên hệ quản trị' }).waitFor({ timeout: 60_000 });
  await shot(a, 'centre-07-revoked');
}, 400_000);
