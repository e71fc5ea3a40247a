/**
 * Issue #3 acceptance: the card pulled at every APDU index of a full read → a transport error (exit 4), no hang,
 * no crash, and the next read succeeds. Runs the read in-process (same code path as `motcua read`) to keep the
 * loop fast; one iteration also goes through the CLI to check the exit code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleIdentities, sampleProfile } from '../../src/sim/profile/samples';
import { readFromPcsc } from '../../src/card/reader/readFromPcsc';
import { CardServiceError } from '../../src/services/types';
import { exitCodeFor } from '../../src/cli/read';
import { ensurePcscd, presentCard, pullCard, runCli } from '../helpers/pcscCard';

beforeAll(() => ensurePcscd());

describe('card pulled mid-read', () => {
  it('fails cleanly at every APDU index and the next read succeeds', async () => {
    const profile = sampleProfile(0);
    const idNumber = sampleIdentities()[0]!.idNumber;
    const can = idNumber.slice(6);

    let { bridge } = await presentCard(profile);
    const full = await readFromPcsc({ keys: { can }, timeoutMs: 20_000 });
    const n = full.stats.apdus;
    expect(n).toBeGreaterThan(8);
    await pullCard(bridge);

    const seen = new Set<string>();
    for (let k = 1; k < n; k++) {
      ({ bridge } = await presentCard(profile, { removeAfterApdus: k }));
      const t0 = Date.now();
      const err = await readFromPcsc({ keys: { can }, timeoutMs: 15_000 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, `pulled after APDU ${k}`).toBeInstanceOf(CardServiceError);
      const code = (err as CardServiceError).code;
      seen.add(code);
      expect(exitCodeFor(code), `pulled after APDU ${k}: ${code}`).toBe(4);
      expect(Date.now() - t0).toBeLessThan(15_000);
      await pullCard(bridge);
    }
    expect([...seen].every((c) => ['CARD_REMOVED', 'TIMEOUT'].includes(c))).toBe(true);

    ({ bridge } = await presentCard(profile));
    const again = await readFromPcsc({ keys: { can }, timeoutMs: 20_000 });
    expect(again.holder.idNumber).toBe(idNumber);
    await pullCard(bridge);
  }, 300_000);

  it('the CLI exits 4 with one English line when the card is pulled', async () => {
    const profile = sampleProfile(1);
    const { bridge } = await presentCard(profile, { removeAfterApdus: 6 });
    const r = await runCli(['read', '--id', sampleIdentities()[1]!.idNumber, '--json', '--timeout', '10']);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    await pullCard(bridge);
  });
});
