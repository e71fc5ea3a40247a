/**
 * From "card on the reader" to a verified identity. Orchestration only: protocols live in bac/, pace/, ca/, aa/,
 * parsing in lds/, verification in pa/; the retry policy is recoveringReader.ts, the result parts buildResult.ts.
 *
 * Order, chosen for the clerk's screen and for trust:
 *   EF.CardAccess → access control (PACE-CAN → PACE-MRZ → BAC) → EF.COM → DG14 → Chip Authentication (so every
 *   later byte comes over keys only the genuine chip can hold) → DG1 + DG13 (text shown first) → DG15 → Active
 *   Authentication → DG2 (photo) → EF.SOD → Passive Authentication.
 * A chip that fails Chip Authentication is still read to the end over the access-control keys: the clerk sees what
 * it claims, with chipAuthentication INVALID (which blocks pre-fill without a clerk override).
 */
import type { CardChannel } from '../transport/types';
import type { Photo, ReadProgress, ReadResult, Verdict, Verification } from '../result';
import { parseCom } from '../lds/com';
import { parseDg1 } from '../lds/dg1';
import { parseDg13, type Dg13 } from '../lds/dg13';
import { parseDg14, type Dg14 } from '../lds/dg14';
import { parseDg15 } from '../lds/dg15';
import type { Mrz } from '../lds/mrz';
import { verifyPassive } from '../pa/passiveAuthentication';
import { TrustStore } from '../pa/trustStore';
import { performActiveAuthentication } from '../aa/performActiveAuthentication';
import { CardSession, ReadAbortedError } from './session';
import { establishAccess, readCardAccess } from './accessControl';
import { chipSecrets, type AccessKey } from './accessKey';
import { authenticateChip } from './chipAuthentication';
import { RecoveringReader } from './recoveringReader';
import { buildDocument, buildHolder, buildPhoto, gateOnPassive, worst } from './buildResult';
import type { FileRef } from './fileReader';
import { extendedStrategy, recalledStrategy, strategyKey, type ReadStrategy } from './readStrategy';

export { ReadAbortedError };

export interface ReadOptions {
  key: AccessKey;
  trust?: TrustStore;
  /** Force a read strategy (benchmarks compare against fixed 223-byte reads). */
  strategy?: ReadStrategy;
  /** Decode the photo for display (JPEG 2000 → PNG). Default true. */
  decodePhoto?: boolean;
  onProgress?: (p: ReadProgress) => void;
  /** Abort: checked before every APDU. */
  signal?: AbortSignal;
  rng?: (n: number) => Uint8Array;
  now?: Date;
}

const DG_FILES: Record<number, FileRef> = {
  1: { name: 'DG1', fid: 0x0101, sfi: 0x01 },
  2: { name: 'DG2', fid: 0x0102, sfi: 0x02 },
  11: { name: 'DG11', fid: 0x010b, sfi: 0x0b },
  12: { name: 'DG12', fid: 0x010c, sfi: 0x0c },
  13: { name: 'DG13', fid: 0x010d, sfi: 0x0d },
  14: { name: 'DG14', fid: 0x010e, sfi: 0x0e },
  15: { name: 'DG15', fid: 0x010f, sfi: 0x0f },
};
const COM: FileRef = { name: 'EF.COM', fid: 0x011e, sfi: 0x1e };
const SOD: FileRef = { name: 'EF.SOD', fid: 0x011d, sfi: 0x1d };
/** CCCD files when EF.COM is unreadable (cccd.md §3). */
const DEFAULT_DGS = [1, 2, 13, 14, 15];

export async function readCard(channel: CardChannel, opts: ReadOptions): Promise<ReadResult> {
  const session = new CardSession(channel);
  const progress = opts.onProgress ?? (() => {});
  session.checkpoint = () => {
    if (opts.signal?.aborted) throw new ReadAbortedError(String(opts.signal.reason ?? 'read cancelled'));
  };
  progress({ stage: 'connecting' });

  const secrets = chipSecrets(opts.key);
  const cardAccess = await readCardAccess(session);
  const access = await establishAccess(session, secrets, cardAccess, opts.rng);
  progress({ stage: 'access-control', method: access.method });
  const alg = access.sm.alg;

  const key = strategyKey(channel.readerName, channel.atr);
  const notes: string[] = [];
  const reader = new RecoveringReader(session, {
    secrets, cardAccess, access, notes, progress, rng: opts.rng,
    strategy: opts.strategy ?? recalledStrategy(key) ?? extendedStrategy(alg),
    strategyKey: opts.strategy ? null : key,
  });
  const read = (ref: FileRef) => reader.read(ref);

  // EF.COM tells which DGs exist; CCCD layout when it is absent.
  const comBytes = await read(COM);
  const present = new Set<number>(comBytes ? parseCom(comBytes).dataGroups : DEFAULT_DGS);
  const dgBytes = new Map<number, Uint8Array>();

  // DG14 + Chip Authentication first.
  let chipAuth: Verdict = 'NOT_SUPPORTED';
  let dg14: Dg14 | null = null;
  if (present.has(14)) {
    const b = await read(DG_FILES[14]!);
    if (b) {
      dgBytes.set(14, b);
      dg14 = parseDg14(b);
      const ca = await authenticateChip(session, dg14, notes, () => reader.restartAccess());
      chipAuth = ca.verdict;
      if (ca.redo) reader.keepChipAuthentication(ca.redo);
    }
  }

  // Text first: DG1 + DG13.
  let mrz: Mrz | null = null;
  let dg13: Dg13 | null = null;
  const dg1 = present.has(1) ? await read(DG_FILES[1]!) : null;
  if (dg1) {
    dgBytes.set(1, dg1);
    mrz = parseDg1(dg1).mrz;
  }
  if (present.has(13)) {
    const b = await read(DG_FILES[13]!);
    if (b) {
      dgBytes.set(13, b);
      dg13 = parseDg13(b);
    }
  }
  for (const n of [11, 12]) {
    if (!present.has(n)) continue;
    const b = await read(DG_FILES[n]!);
    if (b) dgBytes.set(n, b);
  }
  const holder = buildHolder(mrz, dg13, notes);
  const document = buildDocument(mrz, dg13);
  progress({ stage: 'text-ready', holder, document });

  // Active Authentication.
  let activeAuth: Verdict = 'NOT_SUPPORTED';
  if (present.has(15)) {
    const b = await read(DG_FILES[15]!);
    if (b) {
      dgBytes.set(15, b);
      const dg15 = parseDg15(b);
      const r = await performActiveAuthentication(session.send, dg15.spki, { signatureAlgorithmOid: dg14?.activeAuthenticationSignatureAlgorithm, rng: opts.rng });
      activeAuth = r.valid ? 'VALID' : r.notPerformed ? 'NOT_CHECKED' : 'INVALID';
      if (!r.valid) notes.push(`active authentication failed: ${r.reason ?? 'signature mismatch'}`);
    }
  }

  // Photo.
  let photo: Photo | null = null;
  if (present.has(2)) {
    const b = await read(DG_FILES[2]!);
    if (b) {
      dgBytes.set(2, b);
      photo = await buildPhoto(b, opts.decodePhoto !== false, notes);
      if (photo) progress({ stage: 'photo-ready', photo });
    }
  }

  // Passive Authentication.
  progress({ stage: 'verifying' });
  const sod = await read(SOD);
  let passive: Verdict = 'NOT_CHECKED';
  let sodSignature: Verdict = 'NOT_CHECKED';
  const dataGroups: Record<string, Verdict> = {};
  if (sod) {
    const pa = await verifyPassive({ sod, dataGroups: dgBytes, trust: opts.trust ?? new TrustStore(), now: opts.now });
    passive = pa.passive;
    sodSignature = pa.signature;
    // `motcua read --json` keys data groups by number: {"1": V, "13": V}.
    for (const [k, v] of Object.entries(pa.dataGroups)) dataGroups[k.replace(/^DG/, '')] = v;
    notes.push(...pa.notes);
  } else {
    notes.push('EF.SOD is missing: the data cannot be verified');
    passive = 'INVALID';
    sodSignature = 'INVALID';
  }

  const verification: Verification = {
    accessControl: access.method,
    passive,
    dataGroups,
    // Anti-clone checks only mean something when the keys they used are themselves signed (ICAO 9303-11 §6.1: the keys come from DG14/DG15, which PA covers): the
    // SOD must be genuine and the key's own data group must match its hash.
    chipAuthentication: gateOnPassive(chipAuth, worst(sodSignature, dataGroups['14'] ?? 'NOT_CHECKED')),
    activeAuthentication: gateOnPassive(activeAuth, worst(sodSignature, dataGroups['15'] ?? 'NOT_CHECKED')),
    notes,
  };
  const result: ReadResult = { holder, document, photo, verification, stats: session.stats.snapshot({ extendedLength: reader.strategy.extendedLength, chunkSize: reader.strategy.chunkSize }) };
  progress({ stage: 'done', result });
  return result;
}
