/**
 * `npm run bench:read`: a full CCCD read (DG1, DG2, DG13, DG14, DG15, SOD with PA + CA + AA) over the
 * in-process simulated card, per access path, with the adaptive strategy and with fixed 223-byte reads (the
 * common reader default). Modeled link time: 8 ms turnaround per APDU + bytes at 106 and 424 kbit/s
 * (loopback vpcd costs ~44 ms/APDU for unrelated reasons, environment.md §1.3, so it is not used for speed).
 * Prints numbers; asserts nothing.
 */
import { InProcessMonitor, modeledApduMs, type LinkModel } from '../src/card/transport/inProcess';
import { SimulatedCccd } from '../src/sim/applet/cccdApplet';
import { sampleIdentities, sampleProfile } from '../src/sim/profile/samples';
import type { SimProfile } from '../src/sim/profile/types';
import { readCard } from '../src/card/reader/readCard';
import { fixedStrategy, forgetStrategies, type ReadStrategy } from '../src/card/reader/readStrategy';
import { TrustStore } from '../src/card/pa/trustStore';
import type { AccessKey } from '../src/card/reader/accessKey';
import { parseDg1 } from '../src/card/lds/dg1';
import type { CardChannel } from '../src/card/transport/types';

const LINKS: Record<string, LinkModel> = {
  '106k': { perApduMs: 8, kbitPerSecond: 106 },
  '424k': { perApduMs: 8, kbitPerSecond: 424 },
};

/** Wrap a channel to record each exchange's sizes, so any link model can be applied afterwards. */
function recording(ch: CardChannel, log: [number, number, number][]): CardChannel {
  return {
    readerName: ch.readerName,
    atr: ch.atr,
    close: () => ch.close(),
    async transmit(apdu, opts) {
      const r = await ch.transmit(apdu, opts);
      log.push([apdu.length, r.length, apdu[1] ?? 0]);
      return r;
    },
  };
}

interface Row {
  path: string;
  strategy: string;
  apdus: number;
  bytes: number;
  cpuMs: number;
  ms106: number;
  ms424: number;
  /** The exchanges that are not READ BINARY (SELECT, PACE, CA, AA): the same for every read strategy. */
  protocolApdus: number;
  protocolBytes: number;
}

const LINK_NOTE =
  'Note: at 424 kbit/s the bytes alone cost (LDS bytes × 8 / 424) ms; that floor bounds how much any read strategy can gain.';

/** The files a full read needs: EF.CardAccess (PACE only), DG1, DG2, DG13, DG14, DG15, EF.SOD. */
const READ_FILES = [0x011c, 0x0101, 0x0102, 0x010d, 0x010e, 0x010f, 0x011d];

/**
 * A lower bound for any read strategy on this link: the protocol exchanges as measured, plus every file's bytes
 * with no secure-messaging overhead at all, fetched in one APDU per file.
 */
function floorMs(row: Row, profile: SimProfile, l: LinkModel): number {
  const files = READ_FILES.filter((f) => profile.files.has(f));
  const fileBytes = files.reduce((n, f) => n + profile.files.get(f)!.length, 0);
  return (row.protocolApdus + files.length) * l.perApduMs + ((row.protocolBytes + fileBytes) * 8) / l.kbitPerSecond;
}

async function once(profile: SimProfile, key: AccessKey, trust: TrustStore, strategy: ReadStrategy | undefined, label: string): Promise<Row> {
  forgetStrategies();
  const monitor = new InProcessMonitor();
  // The chip runs in this process: count the CPU of its transmit() (synchronous) so the reader's own CPU can be reported.
  const card = new SimulatedCccd(profile);
  let chipMs = 0;
  const transmit = card.transmit.bind(card);
  card.transmit = (apdu: Uint8Array) => {
    const c0 = process.cpuUsage();
    try {
      return transmit(apdu);
    } finally {
      const c = process.cpuUsage(c0);
      chipMs += (c.user + c.system) / 1000;
    }
  };
  monitor.insert(card);
  const log: [number, number, number][] = [];
  const ch = recording(await monitor.connect(), log);
  // Warm-up run so JIT and lazy module loading do not count as the reader's CPU time.
  await readCard(recording(await monitor.connect(), []), { key, trust, strategy, decodePhoto: false });
  chipMs = 0;
  const cpu0 = process.cpuUsage();
  const r = await readCard(ch, { key, trust, strategy, decodePhoto: false });
  const cpu = process.cpuUsage(cpu0);
  if (r.verification.passive !== 'VALID' || r.verification.chipAuthentication !== 'VALID' || r.verification.activeAuthentication !== 'VALID') {
    throw new Error(`bench read did not verify: ${JSON.stringify(r.verification)}`);
  }
  const model = (l: LinkModel) => log.reduce((t, [c, rr]) => t + modeledApduMs(l, c, rr), 0);
  const protocol = log.filter(([, , ins]) => ins !== 0xb0 && ins !== 0xb1);
  await monitor.close();
  return {
    path: r.verification.accessControl,
    strategy: label,
    apdus: log.length,
    bytes: log.reduce((t, [c, rr]) => t + c + rr, 0),
    // Process CPU minus the time spent inside the simulated chip = the reader's CPU (PACE/CA/AA maths, SM, parsing, PA).
    cpuMs: Math.round(((cpu.user + cpu.system) / 1000 - chipMs) * 10) / 10,
    ms106: Math.round(model(LINKS['106k']!)),
    ms424: Math.round(model(LINKS['424k']!)),
    protocolApdus: protocol.length,
    protocolBytes: protocol.reduce((t, [c, rr]) => t + c + rr, 0),
  };
}

async function main(): Promise<void> {
  // Sample 3 (index 2): a typical CCCD with a ~20 KB face; sample 4 has a > 32 KB face.
  const results: Row[] = [];
  for (const index of [2, 3]) {
    const profile = sampleProfile(index);
    const id = sampleIdentities()[index]!;
    const trust = new TrustStore();
    trust.addCertificate(profile.cscaCertificate!);
    const mrz = parseDg1(profile.files.get(0x0101)!).mrzText;
    const bacProfile: SimProfile = { ...profile, pace: false, files: new Map([...profile.files].filter(([fid]) => fid !== 0x011c)) };
    const dg2 = profile.files.get(0x0102)!.length;
    console.log(`\nSample ${index + 1}: DG2 ${dg2} bytes, total LDS ${[...profile.files.values()].reduce((n, f) => n + f.length, 0)} bytes`);
    const paths: [string, SimProfile, AccessKey][] = [
      ['PACE-CAN', profile, { can: id.idNumber.slice(6) }],
      ['PACE-MRZ', profile, { mrz }],
      ['BAC', bacProfile, { mrz }],
    ];
    for (const [, p, key] of paths) {
      const adaptive = await once(p, key, trust, undefined, 'adaptive');
      const fixed = await once(p, key, trust, fixedStrategy(223), 'fixed-223');
      results.push(adaptive, fixed);
      console.log(
        `${adaptive.path.padEnd(9)} adaptive : ${adaptive.apdus} APDUs, ${adaptive.bytes} B, CPU ${adaptive.cpuMs} ms, ` +
          `modeled ${adaptive.ms106} ms @106k, ${adaptive.ms424} ms @424k`,
      );
      console.log(
        `${fixed.path.padEnd(9)} fixed-223: ${fixed.apdus} APDUs, ${fixed.bytes} B, CPU ${fixed.cpuMs} ms, ` +
          `modeled ${fixed.ms106} ms @106k, ${fixed.ms424} ms @424k` +
          `  → adaptive is ${(fixed.ms424 / adaptive.ms424).toFixed(2)}× faster @424k, ${(fixed.ms106 / adaptive.ms106).toFixed(2)}× @106k`,
      );
      const floor = floorMs(adaptive, p, LINKS['424k']!);
      console.log(
        `${''.padEnd(9)} bound    : no strategy can beat ${Math.round(floor)} ms @424k (${adaptive.protocolApdus} protocol APDUs + one per file, file bytes without SM), ` +
          `so at most ${(fixed.ms424 / floor).toFixed(2)}× faster than fixed-223; adaptive is within ${Math.round(((adaptive.ms424 - floor) / floor) * 100)}% of it`,
      );
    }
  }
  await cloneVerdict();
  console.log('\n' + LINK_NOTE);
  console.log('Targets: full read ≤ 1000 ms modeled @424k; ≥ 3× faster than fixed-223; CPU ≤ 50 ms.');
}

/** A clone (its own Chip Authentication key): the extra cost of reaching the INVALID verdict instead of a reader error. */
async function cloneVerdict(): Promise<void> {
  const profile = sampleProfile(0);
  const monitor = new InProcessMonitor();
  monitor.insert(new SimulatedCccd(profile, { faults: { cloneChipAuthentication: true } }));
  const log: [number, number, number][] = [];
  const r = await readCard(recording(await monitor.connect(), log), { key: { can: profile.can! }, decodePhoto: false });
  const ms = (l: LinkModel) => Math.round(log.reduce((t, [c, rr]) => t + modeledApduMs(l, c, rr), 0));
  console.log(
    `\nclone-ca : chipAuthentication ${r.verification.chipAuthentication} after ${log.length} APDUs, ` +
      `modeled ${ms(LINKS['424k']!)} ms @424k, ${ms(LINKS['106k']!)} ms @106k (target: the verdict within 3 s)`,
  );
  await monitor.close();
}

await main();
