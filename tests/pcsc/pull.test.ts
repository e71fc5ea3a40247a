/**
 * The card pulled at every APDU index of a full read → exit 4, no hang, no crash, and the
 * next read succeeds. The card lives in this process and the reader in a `motcua read` child: a PC/SC client must
 * not share a thread with the vpcd card it talks to (the binding's blocking calls would wait on the card's own poll).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleIdentities, sampleProfile } from '../../src/sim/profile/samples';
import { ensurePcscd, presentCard, pullCard, READER_0, runCli } from '../helpers/pcscCard';

beforeAll(() => ensurePcscd());

describe('card pulled mid-read', () => {
  it('fails cleanly (exit 4) at every APDU index and the next read succeeds', async () => {
    const profile = sampleProfile(0);
    const idNumber = sampleIdentities()[0]!.idNumber;
    const read = () => runCli(['read', '--reader', READER_0, '--id', idNumber, '--json', '--timeout', '15'], { timeoutMs: 30_000 });

    let { bridge } = await presentCard(profile);
    const full = await read();
    expect(full.code).toBe(0);
    const n = JSON.parse(full.stdout).stats.apdus as number;
    expect(n).toBeGreaterThan(8);
    await pullCard(bridge);

    for (let k = 1; k < n; k++) {
      ({ bridge } = await presentCard(profile, { removeAfterApdus: k }));
      const r = await read();
      expect(r.code, `pulled after APDU ${k}: ${r.stderr}`).toBe(4);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n'), 'one English line, no stack trace').toHaveLength(1);
      await pullCard(bridge);
    }

    ({ bridge } = await presentCard(profile));
    const again = await read();
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).holder.idNumber).toBe(idNumber);
    await pullCard(bridge);
  }, 600_000);
});
