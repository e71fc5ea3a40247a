/**
 * Clones and impostor chips are verdicts, not reader faults: a chip whose Chip Authentication key is its own (files
 * copied, so PA holds), one whose Active Authentication key is its own, a chip whose PACE token or BAC cryptogram
 * does not verify — each says what failed. A link that drops one secure-messaging response after CA stays a link
 * matter. The chips are the project's simulated CCCD; link faults are a CardChannel wrapped around the real one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readCard } from '../../../src/card/reader/readCard';
import { CLONE_SUSPECTED } from '../../../src/card/reader/chipAuthentication';
import { toCardReadError } from '../../../src/card/reader/errors';
import { overallVerdict } from '../../../src/card/result';
import { InProcessMonitor } from '../../../src/card/transport/inProcess';
import type { CardChannel } from '../../../src/card/transport/types';
import { TrustStore } from '../../../src/card/pa/trustStore';
import { parseDg1 } from '../../../src/card/lds/dg1';
import { SimulatedCccd } from '../../../src/sim/applet/cccdApplet';
import type { SimFaults } from '../../../src/sim/applet/faults';
import { sampleProfile } from '../../../src/sim/profile/samples';
import { FID, type SimProfile } from '../../../src/sim/profile/types';

let profile: SimProfile;
let trust: TrustStore;
let can: string;

beforeAll(() => {
  profile = sampleProfile(0);
  can = profile.can!;
  trust = new TrustStore();
  trust.addCertificate(profile.cscaCertificate!);
});

async function channel(faults?: SimFaults, p: SimProfile = profile): Promise<CardChannel> {
  const monitor = new InProcessMonitor();
  monitor.insert(new SimulatedCccd(p, { faults }));
  return monitor.connect();
}

/** The real channel, with `edit` applied to the response of every command it selects (command bytes, response). */
function tampered(ch: CardChannel, edit: (cmd: Uint8Array, res: Uint8Array) => void): CardChannel {
  return {
    readerName: ch.readerName,
    atr: ch.atr,
    close: () => ch.close(),
    async transmit(apdu, o) {
      const r = await ch.transmit(apdu, o);
      edit(apdu, r);
      return r;
    },
  };
}

const isSm = (cmd: Uint8Array) => (cmd[0]! & 0x0c) === 0x0c;

describe('a cloned chip is a verdict', () => {
  it('clone-ca: Chip Authentication INVALID with the reason, everything read still returned, overall INVALID', async () => {
    const clean = await readCard(await channel(), { key: { can }, trust, decodePhoto: false });
    const r = await readCard(await channel({ cloneChipAuthentication: true }), { key: { can }, trust, decodePhoto: false });
    expect(r.verification.chipAuthentication).toBe('INVALID');
    expect(r.verification.notes).toContain(CLONE_SUSPECTED);
    // The files are the genuine card's: PA holds, and the clerk sees what the chip claims.
    expect(r.verification.passive).toBe('VALID');
    expect(r.holder).toEqual(clean.holder);
    expect(overallVerdict(r.verification)).toBe('INVALID');
    // Bounded: two CA attempts and two restarts of access control, not a retry loop.
    expect(r.stats.apdus - clean.stats.apdus).toBeLessThan(25);
    expect(r.verification.notes).not.toContain('secure messaging was re-established during the read');
  });

  it('clone-aa: Active Authentication INVALID, Chip Authentication still VALID', async () => {
    const r = await readCard(await channel({ cloneActiveAuthentication: true }), { key: { can }, trust, decodePhoto: false });
    expect(r.verification.activeAuthentication).toBe('INVALID');
    expect(r.verification.chipAuthentication).toBe('VALID');
    expect(overallVerdict(r.verification)).toBe('INVALID');
  });
});

describe('a flaky link is not a clone', () => {
  it('one bad MAC right after the CA key switch: CA is repeated and VALID', async () => {
    let afterCa = false;
    let flipped = 0;
    const ch = tampered(await channel(), (cmd, res) => {
      if (afterCa && flipped === 0) {
        res[res.length - 4]! ^= 0xff; // inside DO'8E' of the first protected answer under the new keys
        flipped += 1;
      }
      if (isSm(cmd) && cmd[1] === 0x86) afterCa = true; // GENERAL AUTHENTICATE of CA (PACE's run in plain)
    });
    const r = await readCard(ch, { key: { can }, trust, decodePhoto: false });
    expect(flipped).toBe(1);
    expect(r.verification.chipAuthentication).toBe('VALID');
    expect(r.verification.notes).toContain('secure messaging failed once after chip authentication and worked on the second attempt');
    expect(overallVerdict(r.verification)).toBe('VALID');
  });

  it('secure messaging that fails under the access-control keys too is the link, not an INVALID chip', async () => {
    let caSeen = false;
    const ch = tampered(await channel(), (cmd, res) => {
      if (caSeen && isSm(cmd)) res[res.length - 4]! ^= 0xff; // every protected answer after CA, whatever the keys
      if (isSm(cmd) && cmd[1] === 0x86) caSeen = true;
    });
    const err = await readCard(ch, { key: { can }, trust, decodePhoto: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const mapped = toCardReadError(err);
    expect(mapped.code).toBe('MALFORMED_CARD');
    expect(mapped.message).toMatch(/secure messaging/);
  });
});

describe('an impostor chip during access control says what failed', () => {
  it('PACE: the chip accepts our token but its own token does not verify → CHIP_NOT_GENUINE', async () => {
    let ga = 0;
    const ch = tampered(await channel(), (cmd, res) => {
      if (cmd[1] === 0x86 && !isSm(cmd) && ++ga === 4 && res.length > 4) res[res.length - 3]! ^= 0x01; // last byte of DO'86'
    });
    const err = await readCard(ch, { key: { can }, trust }).catch((e: unknown) => e);
    const mapped = toCardReadError(err);
    expect(mapped.code).toBe('CHIP_NOT_GENUINE');
    expect(mapped.message).toMatch(/PACE authentication token does not verify/);
  });

  it('BAC: the chip answers EXTERNAL AUTHENTICATE with a cryptogram that does not verify → CHIP_NOT_GENUINE', async () => {
    const bacOnly: SimProfile = { ...profile, pace: false, files: new Map([...profile.files].filter(([fid]) => fid !== FID.CARD_ACCESS)) };
    const mrz = parseDg1(profile.files.get(FID.DG1)!).mrzText;
    const ch = tampered(await channel(undefined, bacOnly), (cmd, res) => {
      if (cmd[1] === 0x82 && res.length > 2) res[0]! ^= 0x01; // first byte of E_IC
    });
    const err = await readCard(ch, { key: { mrz }, trust }).catch((e: unknown) => e);
    const mapped = toCardReadError(err);
    expect(mapped.code).toBe('CHIP_NOT_GENUINE');
    expect(mapped.message).toMatch(/BAC mutual-authentication cryptogram does not verify/);
  });
});
