/**
 * pcscd not running when the app starts (no --demo): the app reports 'service-down' and never puts the sample card
 * in its place; when pcscd comes up it recovers by itself and a card reads. Real pcscd, stopped and started with
 * scripts/pcscd.sh (run this file under the pcsc lock, as every pcsc test).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/app/compose';
import type { CardStatus } from '../../src/services/types';
import { sampleIdentities, sampleProfile } from '../../src/sim/profile/samples';
import { presentCard, pullCard, READER_0, REPO } from '../helpers/pcscCard';

const pcscd = (cmd: 'start' | 'stop') => execFileSync('bash', [path.join(REPO, 'scripts', 'pcscd.sh'), cmd], { cwd: REPO, stdio: 'ignore' });

/** The first status (current or coming) that satisfies `pred`; bounded so a broken recovery fails instead of hanging. */
function statusWhere(card: { status(): CardStatus; onStatus(l: (s: CardStatus) => void): () => void }, pred: (s: CardStatus) => boolean, what: string): Promise<CardStatus> {
  return new Promise((resolve, reject) => {
    if (pred(card.status())) return resolve(card.status());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no status with ${what}; last: ${JSON.stringify(card.status())}`));
    }, 30_000);
    const off = card.onStatus((s) => {
      if (!pred(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

afterAll(() => pcscd('start'));

describe('pcscd not running at start', () => {
  it('service-down, no sample card; recovers when pcscd starts and reads the card', async () => {
    pcscd('stop');
    const app = await createApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-nopcscd-')), demo: false, mode: 'kiosk', host: 'browser' });
    try {
      const first = app.card.status();
      expect(first.demo).toBe(false);
      expect(first.demoCard ?? null).toBeNull();
      expect(first.state).toMatchObject({ state: 'service-down' });
      expect(first.readers).toEqual([]);

      pcscd('start');
      await statusWhere(app.card, (s) => s.state.state === 'no-card' && s.readers.some((r) => r.name.includes(READER_0)), 'the vpcd reader');
      const { bridge } = await presentCard(sampleProfile(0));
      try {
        await statusWhere(app.card, (s) => s.state.state === 'card-present', 'a card');
        const r = await app.card.read({ can: sampleProfile(0).can!, reader: READER_0 });
        expect(r.holder.idNumber).toBe(sampleIdentities()[0]!.idNumber);
        expect(app.card.status().demo).toBe(false);
      } finally {
        await pullCard(bridge);
      }
    } finally {
      await app.close();
    }
  });
});
