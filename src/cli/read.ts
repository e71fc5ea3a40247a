/**
 * `motcua read`: read and verify a card in a PC/SC reader, print the result.
 * stdout: one JSON object with --json (else a short human summary, no stack traces); stderr: one English line on errors.
 * Exit: 0 ok · 2 usage · 3 access refused · 4 reader/card/transport · 5 read but a check is INVALID.
 */
import fs from 'node:fs';
import { EXIT, list, parseArgs, str, UsageError } from './args';
import { KeyInputError } from '../vn/can';
import path from 'node:path';
import { chipSecrets, type AccessKey } from '../card/reader/accessKey';
import { overallVerdict, type ReadResult } from '../card/result';
import { CardReadError, type CardErrorCode } from '../card/reader/errors';
import { defaultDataDir } from '../services/paths';

const SPEC = {
  reader: { type: 'string' },
  can: { type: 'string' },
  id: { type: 'string' },
  mrz: { type: 'string' },
  bac: { type: 'string' },
  trust: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  photo: { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** Turn the mutually exclusive key options into access keys; usage errors on anything malformed. */
export function keysFromOptions(o: { can?: string; id?: string; mrz?: string; bac?: string }): AccessKey {
  const given = (['can', 'id', 'mrz', 'bac'] as const).filter((k) => o[k] !== undefined);
  if (given.length > 1) throw new UsageError(`give only one of --can, --id, --mrz, --bac (got ${given.map((g) => '--' + g).join(', ')})`);
  if (given.length === 0) throw new UsageError('a key is needed: --can, --id, --mrz or --bac');
  let bac: AccessKey['bac'];
  if (o.bac !== undefined) {
    const parts = o.bac.split(',').map((s) => s.trim());
    if (parts.length !== 3) throw new UsageError('--bac takes <docNo>,<YYMMDD dob>,<YYMMDD expiry>');
    bac = { documentNumber: parts[0]!, dateOfBirth: parts[1]!, dateOfExpiry: parts[2]! };
  }
  try {
    const key: AccessKey = o.can !== undefined ? { can: o.can } : o.id !== undefined ? { idNumber: o.id } : o.mrz !== undefined ? { mrz: o.mrz } : { bac };
    chipSecrets(key); // a malformed key is a usage error now, not a refused read later
    return key;
  } catch (e) {
    if (e instanceof KeyInputError) throw new UsageError(e.message);
    throw e;
  }
}

export function exitCodeFor(code: CardErrorCode): number {
  switch (code) {
    case 'ACCESS_DENIED':
      return EXIT.ACCESS;
    case 'CHIP_NOT_GENUINE':
      return EXIT.INVALID;
    case 'MALFORMED_CARD':
    case 'CARD_REMOVED':
    case 'NO_READER':
    case 'NO_SERVICE':
    case 'TIMEOUT':
    case 'CANCELLED':
      return EXIT.TRANSPORT;
    default:
      return EXIT.FAILURE;
  }
}

export function hasInvalid(r: ReadResult): boolean {
  return overallVerdict(r.verification) === 'INVALID';
}

/** The JSON printed by --json: the ReadResult without the decoded display image (photo bytes stay base64). */
export function toCliJson(r: ReadResult): unknown {
  const photo = r.photo ? { ...r.photo, displayDataUrl: undefined } : null;
  return { holder: r.holder, document: r.document, photo, verification: r.verification, stats: r.stats };
}

export async function readCommand(argv: string[]): Promise<number> {
  const { options, positionals } = parseArgs(argv, SPEC);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const key = keysFromOptions({ can: str(options, 'can'), id: str(options, 'id'), mrz: str(options, 'mrz'), bac: str(options, 'bac') });
  const timeoutText = str(options, 'timeout');
  const timeoutSec = timeoutText === undefined ? 30 : Number(timeoutText);
  if (!Number.isFinite(timeoutSec) || timeoutSec <= 0) throw new UsageError('--timeout takes a positive number of seconds');

  const { readFromPcsc } = await import('../card/reader/readFromPcsc');
  const { loadTrust } = await import('../card/reader/trust');
  const trust = await loadTrust(list(options, 'trust'), path.join(defaultDataDir(), 'trust'));
  let result: ReadResult;
  try {
    result = await readFromPcsc({ key, trust, readerFilter: str(options, 'reader'), timeoutMs: timeoutSec * 1000 });
  } catch (e) {
    if (e instanceof CardReadError) {
      process.stderr.write(`motcua read: ${e.message}\n`);
      return exitCodeFor(e.code);
    }
    throw e;
  }
  const photoOut = str(options, 'photo');
  if (photoOut && result.photo) fs.writeFileSync(photoOut, Buffer.from(result.photo.dataBase64, 'base64'));
  if (options.json) {
    process.stdout.write(JSON.stringify(toCliJson(result)) + '\n');
  } else {
    const v = result.verification;
    process.stdout.write(
      `Read OK via ${v.accessControl}: passive ${v.passive}, chip authentication ${v.chipAuthentication}, ` +
        `active authentication ${v.activeAuthentication}; ${result.stats.apdus} APDUs in ${result.stats.wallMs} ms\n`,
    );
  }
  if (!hasInvalid(result)) return EXIT.OK;
  process.stderr.write(`motcua read: ${invalidSummary(result)}\n`);
  return EXIT.INVALID;
}

const CHECK_NAMES: [keyof Pick<ReadResult['verification'], 'passive' | 'chipAuthentication' | 'activeAuthentication'>, string][] = [
  ['passive', 'passive authentication'],
  ['chipAuthentication', 'chip authentication'],
  ['activeAuthentication', 'active authentication'],
];

/** One English line: which checks are INVALID, and the clone warning when an anti-clone check failed. */
export function invalidSummary(r: ReadResult): string {
  const v = r.verification;
  const failed = CHECK_NAMES.filter(([k]) => v[k] === 'INVALID').map(([, name]) => name);
  const groups = Object.entries(v.dataGroups).filter(([, x]) => x === 'INVALID').map(([n]) => `DG${n}`);
  if (groups.length) failed.push(`data group hash ${groups.join(', ')}`);
  const clone = v.chipAuthentication === 'INVALID' || v.activeAuthentication === 'INVALID';
  return `INVALID: ${failed.join('; ')}` + (clone ? ' — the chip could not prove it is genuine (possible clone)' : '');
}
