/**
 * From "card on the reader" to a verified identity. Orchestration only: protocols live in
 * bac/, pace/, ca/, aa/, parsing in lds/, verification in pa/.
 *
 * Order, chosen for the clerk's screen and for trust:
 *   EF.CardAccess → access control (PACE-CAN → PACE-MRZ → BAC) → EF.COM → DG14 → Chip Authentication (so every
 *   later byte comes over keys only the genuine chip can hold) → DG1 + DG13 (text shown first) → DG15 → Active
 *   Authentication → DG2 (photo) → EF.SOD → Passive Authentication.
 * An SM failure (6987/6988, bad MAC) mid-read re-authenticates and resumes the file where it stopped.
 */
import { createHash } from 'node:crypto';
import { SW, StatusWordError } from '../apdu';
import { SmError } from '../sm/secureMessaging';
import { isTransportError, type CardChannel } from '../transport/types';
import { emptyHolder, type DocumentInfo, type Holder, type Photo, type ReadProgress, type ReadResult, type Verdict, type Verification } from '../result';
import { parseCom } from '../lds/com';
import { parseDg1 } from '../lds/dg1';
import { dg13ToHolder, parseDg13, type Dg13 } from '../lds/dg13';
import { parseDg14, type Dg14 } from '../lds/dg14';
import { parseDg15 } from '../lds/dg15';
import { parseDg2 } from '../lds/dg2';
import { imageDimensions, toDisplayDataUrl } from '../lds/image';
import type { Mrz } from '../lds/mrz';
import { verifyPassive } from '../pa/passiveAuthentication';
import { TrustStore } from '../pa/trustStore';
import { performChipAuthentication } from '../ca/performChipAuthentication';
import { performActiveAuthentication } from '../aa/performActiveAuthentication';
import { CardSession } from './session';
import { establishAccess, readCardAccess } from './accessControl';
import { chipSecrets, type AccessKey } from './accessKey';
import { readFile, StrategyRefusedError, type FileRef, type PartialRead } from './fileReader';
import { extendedStrategy, recalledStrategy, rememberStrategy, shortStrategy, strategyKey, type ReadStrategy } from './readStrategy';

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

export class ReadAbortedError extends Error {
  override readonly name = 'ReadAbortedError';
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
const MAX_REAUTH = 2;

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
  let strategy: ReadStrategy = opts.strategy ?? recalledStrategy(key) ?? extendedStrategy(alg);
  let caDone: { sm: () => Promise<void> } | null = null;
  let reauths = 0;
  const notes: string[] = [];

  const reauthenticate = async () => {
    reauths += 1;
    if (reauths > MAX_REAUTH) throw new SmError(0x6988, 'secure messaging failed repeatedly');
    notes.push('secure messaging was re-established during the read');
    session.sm = null;
    // A plain APDU first: the chip drops its broken SM session on it (6987) and is back at the start state, as
    // for a fresh read (ICAO 9303-11 §9.8.4).
    await readCardAccess(session);
    await establishAccess(session, secrets, cardAccess, opts.rng);
    if (caDone) await caDone.sm();
  };

  /** Read a file with strategy fallback and SM recovery; null when absent (6A82) or protected (6982). */
  const read = async (ref: FileRef): Promise<Uint8Array | null> => {
    const partial: PartialRead = { parts: [], offset: 0, total: null };
    for (;;) {
      try {
        return await readFile(session.send, ref, strategy, (n, total) => progress({ stage: 'reading', file: ref.name, bytesRead: n, bytesTotal: total }), partial);
      } catch (e) {
        if (e instanceof StrategyRefusedError || (strategy.extendedLength && isTransportError(e, 'PROTOCOL'))) {
          // Reader or card refuses extended length: largest short read that fits the SM overhead.
          strategy = shortStrategy(alg);
          if (!opts.strategy) rememberStrategy(key, strategy);
          if (e instanceof StrategyRefusedError) continue;
          await reauthenticate();
          continue;
        }
        if (e instanceof StatusWordError && (e.sw === SW.FILE_NOT_FOUND || e.sw === SW.SECURITY_STATUS_NOT_SATISFIED)) {
          if (e.sw === SW.SECURITY_STATUS_NOT_SATISFIED && ref.name !== 'DG3') notes.push(`${ref.name} is access-protected`);
          return null;
        }
        if (e instanceof SmError || (e instanceof StatusWordError && (e.sw === SW.SM_DATA_MISSING || e.sw === SW.SM_DATA_INCORRECT))) {
          await reauthenticate();
          continue; // resumes at partial.offset
        }
        throw e;
      }
    }
  };

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
      chipAuth = await runChipAuthentication(session, dg14, notes, async (fn) => {
        caDone = { sm: fn };
      });
      if (chipAuth === 'INVALID') await reauthenticate();
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
  const result: ReadResult = { holder, document, photo, verification, stats: session.stats.snapshot({ extendedLength: strategy.extendedLength, chunkSize: strategy.chunkSize }) };
  progress({ stage: 'done', result });
  return result;
}

const SEVERITY: Verdict[] = ['INVALID', 'NOT_SUPPORTED', 'NOT_CHECKED', 'UNTRUSTED', 'VALID'];

/** The less favourable of two verdicts. */
export function worst(a: Verdict, b: Verdict): Verdict {
  return SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b;
}

/** CA/AA are VALID only when Passive Authentication holds for their keys (the keys are in DG14/DG15, which only the SOD vouches for). */
export function gateOnPassive(v: Verdict, passive: Verdict): Verdict {
  if (v !== 'VALID') return v;
  if (passive === 'VALID') return 'VALID';
  if (passive === 'UNTRUSTED') return 'UNTRUSTED';
  if (passive === 'INVALID') return 'INVALID';
  return 'NOT_CHECKED';
}

async function runChipAuthentication(
  session: CardSession,
  dg14: Dg14,
  notes: string[],
  onDone: (rekey: () => Promise<void>) => Promise<void>,
): Promise<Verdict> {
  const key = dg14.chipAuthenticationPublicKeys.find((k) => k.publicKey.kind === 'EC' && k.publicKey.domain.named !== undefined);
  if (!key || key.publicKey.kind !== 'EC' || !key.publicKey.domain.named) {
    notes.push('chip authentication key is not an EC key on a supported curve');
    return 'NOT_SUPPORTED';
  }
  const info = dg14.chipAuthenticationInfos.find((i) => key.keyId === undefined || i.keyId === undefined || i.keyId === key.keyId);
  if (!info) {
    notes.push('DG14 has no ChipAuthenticationInfo');
    return 'NOT_SUPPORTED';
  }
  const curve = key.publicKey.domain.named;
  const point = key.publicKey.point;
  const doCa = async () => {
    session.sm = await performChipAuthentication(session.send, { curve, publicPoint: point }, info.oid, { keyId: info.keyId });
  };
  try {
    await doCa();
    await onDone(doCa);
    return 'VALID';
  } catch (e) {
    if (isTransportError(e)) throw e;
    notes.push(`chip authentication failed: ${(e as Error).message}`);
    return 'INVALID';
  }
}

function buildHolder(mrz: Mrz | null, dg13: Dg13 | null, notes: string[]): Holder {
  const h = emptyHolder();
  if (mrz) {
    if (!mrz.valid) notes.push('MRZ check digits do not all verify');
    h.idNumber = mrz.vnIdNumber;
    h.fullName = [mrz.surname, mrz.givenNames].filter(Boolean).join(' ') || null;
    h.dateOfBirth = mrz.dateOfBirth;
    h.sex = mrz.sex;
    h.nationality = mrz.nationality || null;
    h.dateOfExpiry = mrz.dateOfExpiry;
  }
  if (dg13) {
    // DG13 carries the full Vietnamese text and dd/MM/yyyy dates; DG1 has no diacritics (cccd.md §4.3 item 3).
    if (mrz?.vnIdNumber && dg13.idNumber && dg13.idNumber !== mrz.vnIdNumber) notes.push('ID number in DG13 differs from the MRZ');
    const d = dg13ToHolder(dg13);
    for (const k of Object.keys(d) as (keyof Holder)[]) {
      if (d[k] !== null) (h as unknown as Record<string, unknown>)[k] = d[k];
    }
    if (dg13.noExpiry) h.dateOfExpiry = null;
  }
  for (const k of Object.keys(h) as (keyof Holder)[]) {
    const v = h[k];
    if (typeof v === 'string') (h as unknown as Record<string, string | null>)[k] = v.normalize('NFC');
  }
  return h;
}

function buildDocument(mrz: Mrz | null, dg13: Dg13 | null): DocumentInfo {
  return {
    documentCode: mrz?.documentCode ?? '',
    issuingState: mrz?.issuingState ?? '',
    documentNumber: mrz?.documentNumber ?? '',
    mrz: mrz?.lines.join('\n') ?? '',
    ...(dg13 ? { rawDg13: dg13.rawFields } : {}),
  };
}

async function buildPhoto(dg2: Uint8Array, decode: boolean, notes: string[]): Promise<Photo | null> {
  try {
    const img = parseDg2(dg2).faces[0];
    if (!img) return null;
    const dims = img.width && img.height ? { width: img.width, height: img.height } : imageDimensions(img.imageBytes);
    return {
      format: img.format,
      dataBase64: Buffer.from(img.imageBytes).toString('base64'),
      sha256: createHash('sha256').update(img.imageBytes).digest('hex'),
      width: dims?.width ?? null,
      height: dims?.height ?? null,
      displayDataUrl: decode ? await toDisplayDataUrl(img.imageBytes) : null,
    };
  } catch (e) {
    notes.push(`photo could not be decoded: ${(e as Error).message}`);
    return null;
  }
}
