import { describe, expect, it, beforeAll } from 'vitest';
import { readCard } from '../../../src/card/reader/readCard';
import { InProcessMonitor } from '../../../src/card/transport/inProcess';
import { SimulatedCccd } from '../../../src/sim/applet/cccdApplet';
import { buildProfile } from '../../../src/sim/profile/build';
import { parseIdentity, type Identity } from '../../../src/sim/profile/identity';
import type { SimProfile } from '../../../src/sim/profile/types';
import type { SimFaults } from '../../../src/sim/applet/faults';
import { TrustStore } from '../../../src/card/pa/trustStore';
import { forgetStrategies, fixedStrategy } from '../../../src/card/reader/readStrategy';
import { AccessDeniedError } from '../../../src/card/sm/errors';
import type { ReadProgress } from '../../../src/card/result';

// A synthetic person (invented name and number).
const identity: Identity = parseIdentity({
  idNumber: '001203004567',
  fullName: 'Phạm Thị Hồng Nhung',
  dateOfBirth: '2003-02-14',
  sex: 'F',
  nationality: 'Việt Nam',
  ethnicity: 'Kinh',
  religion: 'Không',
  placeOfOrigin: 'Xã Yên Thường, Huyện Gia Lâm, Thành phố Hà Nội',
  placeOfResidence: 'Số 12, ngõ 5, Phường Dịch Vọng, Quận Cầu Giấy, Thành phố Hà Nội',
  personalIdentification: 'Nốt ruồi cách 2cm dưới mép trái',
  dateOfIssue: '2021-05-10',
  dateOfExpiry: '2028-02-14',
  fatherName: 'Phạm Văn Hùng',
  motherName: 'Nguyễn Thị Lan',
  face: { synthetic: { width: 240, height: 320, seed: 7 } },
  pki: 'brainpoolP256r1',
  aa: 'RSA',
  generation: 2021,
});

let profile: SimProfile;
let trust: TrustStore;
const BAC_KEY = { documentNumber: '203004567', dateOfBirth: '030214', dateOfExpiry: '280214' };

function reader(faults?: SimFaults, longShortResponses?: boolean) {
  const monitor = new InProcessMonitor();
  monitor.insert(new SimulatedCccd(profile, { faults, longShortResponses }));
  return monitor;
}

beforeAll(() => {
  profile = buildProfile(identity, { seed: 'reader-test' });
  trust = new TrustStore();
  trust.addCertificate(profile.cscaCertificate!);
});

describe('readCard over the in-process simulated CCCD', () => {
  it('PACE-CAN reads every field, verifies PA, CA and AA, text before photo', async () => {
    forgetStrategies();
    const monitor = reader();
    const events: ReadProgress['stage'][] = [];
    const r = await readCard(await monitor.connect(), { key: { can: '004567' }, trust, onProgress: (p) => events.push(p.stage) });
    expect(r.verification.accessControl).toBe('PACE-CAN');
    expect(r.holder).toMatchObject({
      idNumber: '001203004567', fullName: 'Phạm Thị Hồng Nhung', dateOfBirth: '2003-02-14', sex: 'F', nationality: 'Việt Nam',
      ethnicity: 'Kinh', religion: 'Không', dateOfIssue: '2021-05-10', dateOfExpiry: '2028-02-14', fatherName: 'Phạm Văn Hùng',
      motherName: 'Nguyễn Thị Lan', spouseName: null, personalIdentification: 'Nốt ruồi cách 2cm dưới mép trái',
    });
    expect(r.holder.placeOfResidence).toBe('Số 12, ngõ 5, Phường Dịch Vọng, Quận Cầu Giấy, Thành phố Hà Nội');
    expect(r.document.documentNumber).toBe('203004567');
    expect(r.verification.passive).toBe('VALID');
    expect(r.verification.chipAuthentication).toBe('VALID');
    expect(r.verification.activeAuthentication).toBe('VALID');
    expect(r.verification.dataGroups['1']).toBe('VALID');
    expect(r.verification.dataGroups['13']).toBe('VALID');
    expect(r.photo?.format).toBe('JPEG');
    expect(r.photo?.width).toBe(240);
    expect(events.indexOf('text-ready')).toBeLessThan(events.indexOf('photo-ready'));
    expect(r.stats.strategy?.extendedLength).toBe(true);
  });

  it('a second read of a card left in a secure-messaging session works (no power cycle between reads)', async () => {
    const monitor = reader();
    await readCard(await monitor.connect(), { key: { can: '004567' }, trust });
    const again = await readCard(await monitor.connect(), { key: { can: '004567' }, trust });
    expect(again.verification.accessControl).toBe('PACE-CAN');
    expect(again.verification.passive).toBe('VALID');
  });

  it('PACE-MRZ and BAC also read', async () => {
    const monitor = reader();
    const viaMrz = await readCard(await monitor.connect(), { key: { bac: BAC_KEY }, trust });
    expect(['PACE-MRZ', 'BAC']).toContain(viaMrz.verification.accessControl);
    expect(viaMrz.holder.fullName).toBe('Phạm Thị Hồng Nhung');
  });

  it('without the CSCA the signature is fine but the chain is UNTRUSTED', async () => {
    const r = await readCard(await reader().connect(), { key: { can: '004567' }, trust: new TrustStore() });
    expect(r.verification.passive).toBe('UNTRUSTED');
    expect(r.verification.chipAuthentication).toBe('UNTRUSTED');
  });

  it('a wrong CAN is refused as access denied', async () => {
    await expect(readCard(await reader().connect(), { key: { can: '111111' }, trust })).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it('a tampered DG13 makes passive authentication INVALID', async () => {
    const r = await readCard(await reader({ tamperFid: 0x010d }).connect(), { key: { can: '004567' }, trust });
    expect(r.verification.dataGroups['13']).toBe('INVALID');
    expect(r.verification.passive).toBe('INVALID');
  });

  it('a card that refuses extended length still reads, with short APDUs', async () => {
    forgetStrategies();
    const r = await readCard(await reader({ refuseExtendedLength: true }).connect(), { key: { can: '004567' }, trust });
    expect(r.verification.passive).toBe('VALID');
    expect(r.stats.strategy?.extendedLength).toBe(false);
    // RSA-2048 AA cannot come back in a short APDU from this chip: not checked, never a false INVALID.
    expect(r.verification.activeAuthentication).toBe('NOT_CHECKED');
    forgetStrategies();
  });

  it('AA falls back to a short APDU on chips that answer more than 256 bytes (real CCCD quirk, cccd.md §9)', async () => {
    forgetStrategies();
    const r = await readCard(await reader({ refuseExtendedLength: true }, true).connect(), { key: { can: '004567' }, trust });
    expect(r.verification.activeAuthentication).toBe('VALID');
    forgetStrategies();
  });

  it('accepts short-APDU answers longer than 256 bytes and copes with chips that send fewer than asked', async () => {
    forgetStrategies();
    const quirky = await readCard(await reader({ refuseExtendedLength: true }, true).connect(), { key: { can: '004567' }, trust, strategy: fixedStrategy(256) });
    const strict = await readCard(await reader({ refuseExtendedLength: true }, false).connect(), { key: { can: '004567' }, trust, strategy: fixedStrategy(256) });
    expect(quirky.verification.passive).toBe('VALID');
    expect(strict.verification.passive).toBe('VALID');
    expect(quirky.holder).toEqual(strict.holder);
    // 256 plain bytes per APDU (285 on the wire) versus 223: fewer exchanges.
    expect(quirky.stats.apdus).toBeLessThan(strict.stats.apdus);
  });

  it('a corrupted SM response mid-file re-authenticates and resumes the read where it stopped', async () => {
    forgetStrategies();
    const monitor = reader();
    const ch = await monitor.connect();
    let n = 0;
    const flaky = {
      readerName: ch.readerName,
      atr: ch.atr,
      close: () => ch.close(),
      async transmit(apdu: Uint8Array, o?: { maxResponseLength?: number }) {
        const r = await ch.transmit(apdu, o);
        n += 1;
        // Response 40 is deep inside DG2 with 223-byte reads: flip a byte of its MAC (bad MAC / SSC drift).
        if (n === 40) r[r.length - 4]! ^= 0xff;
        return r;
      },
    };
    const r = await readCard(flaky, { key: { can: '004567' }, trust, strategy: fixedStrategy(223) });
    expect(r.verification.passive).toBe('VALID');
    expect(r.verification.dataGroups['2']).toBe('VALID');
    expect(r.verification.notes).toContain('secure messaging was re-established during the read');
    const clean = await readCard(await reader().connect(), { key: { can: '004567' }, trust, strategy: fixedStrategy(223) });
    // Resumed, not restarted: only the re-authentication (+ re-select) costs extra APDUs, not the bytes already read.
    expect(r.stats.apdus - clean.stats.apdus).toBeLessThan(15);
    expect(r.photo?.sha256).toBe(clean.photo?.sha256);
  });

  it('extended reads need several times fewer APDUs than fixed 223-byte reads', async () => {
    forgetStrategies();
    const fast = await readCard(await reader().connect(), { key: { can: '004567' }, trust });
    const slow = await readCard(await reader().connect(), { key: { can: '004567' }, trust, strategy: fixedStrategy(223) });
    expect(slow.holder).toEqual(fast.holder);
    expect(slow.stats.apdus).toBeGreaterThan(fast.stats.apdus * 2);
  });
});
