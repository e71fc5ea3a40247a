/**
 * A cloned chip at the kiosk, end to end: real browser host, real pcscd + vpcd with `motcua card:sim --fault
 * clone-ca` (every file genuine, its own Chip Authentication key), Chromium. The citizen sees the INVALID card
 * screen that sends them to the counter — not a reader error that invites them to try again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launch, openPage, serve, shot, startCli, typeCan, ROOT } from './harness';
import { sampleProfile } from '../../src/sim/profile/samples';
import { vi } from '../../renderer/src/i18n/messages';

const PORT = '35964'; // vpcd reader "Virtual PCD 00 01"
const READER = 'Virtual PCD 00 01';
const CA_LABEL = vi['check.chipAuthentication'];
const PA_LABEL = vi['check.passive'];

let browser: Browser;
let host: Awaited<ReturnType<typeof serve>>;
let sim: Awaited<ReturnType<typeof startCli>> | null = null;

describe('a cloned chip at the kiosk', () => {
  beforeAll(async () => {
    execFileSync('bash', [path.join(ROOT, 'scripts', 'pcscd.sh'), 'start']);
    const data = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-clone-'));
    mkdirSync(path.join(data, 'trust'), { recursive: true });
    writeFileSync(path.join(data, 'trust', 'sample-1.der'), sampleProfile(0).cscaCertificate!);
    host = await serve({ data, reader: READER, env: { MOTCUA_ADMIN_PASSWORD: 'e2e-admin-pass-1' } });
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    await host?.stop();
  });

  it('clone-ca shows the INVALID verdict screen (go to the counter), not a reader error', async () => {
    sim = await startCli(['card:sim', '--port', PORT, '--profile', '1', '--fault', 'clone-ca'], /inserted via vpcd/);
    const page = await openPage(browser, host.url);
    await page.waitForSelector('.reader-status[data-state="card-present"]', { timeout: 20_000 });
    await page.getByRole('radio', { name: 'Đồng ý', exact: true }).click();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await typeCan(page, sampleProfile(0).can!);
    await page.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
    await shot(page, 'e2e-clone-01-invalid');
    expect(await page.getByTestId('read-error').count()).toBe(0);
    expect(await page.getByTestId('verdict-banner').textContent()).toContain('mời bạn đến quầy');
    expect(await page.getByRole('button', { name: 'Chọn thủ tục' }).count()).toBe(0);
    // The per-check list a clerk opens ("Chi tiết") names Chip Authentication as the check that failed, while
    // the files themselves (Passive Authentication) are genuine copies.
    await page.getByRole('button', { name: 'Chi tiết' }).click();
    const list = page.getByTestId('check-list');
    await list.waitFor();
    expect(await list.locator('li.check-invalid').count()).toBe(1);
    expect(await list.locator('li.check-invalid .check-label').textContent()).toBe(CA_LABEL);
    expect(await list.locator('li.check-valid .check-label').allTextContents()).toContain(PA_LABEL);
    await shot(page, 'e2e-clone-02-details');
    await page.context().close();
  });
});
