/**
 * `motcua read` (issue #3 §10): read and verify a card in a PC/SC reader, print the result.
 * stdout: one JSON object with --json (else a short human summary, no stack traces); stderr: one English line on errors.
 * Exit: 0 ok · 2 usage · 3 access refused · 4 reader/card/transport · 5 read but a check is INVALID.
 */
import fs from 'node:fs';
import { EXIT, list, parseArgs, str, UsageError } from './args';
import { KeyInputError } from '../vn/can';
import { accessKeysFrom, type KeyRequest } from '../card/reader/keys';
import type { AccessKeys } from '../card/reader/accessControl';
import type { ReadResult } from '../card/result';
import { CardServiceError, type CardErrorCode } from '../services/types';

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
export function keysFromOptions(o: { can?: string; id?: string; mrz?: string; bac?: string }): AccessKeys {
  const given = (['can', 'id', 'mrz', 'bac'] as const).filter((k) => o[k] !== undefined);
  if (given.length > 1) throw new UsageError(`give only one of --can, --id, --mrz, --bac (got ${given.map((g) => '--' + g).join(', ')})`);
  if (given.length === 0) throw new UsageError('a key is needed: --can, --id, --mrz or --bac');
  let bac: KeyRequest['bac'];
  if (o.bac !== undefined) {
    const parts = o.bac.split(',').map((s) => s.trim());
    if (parts.length !== 3) throw new UsageError('--bac takes <docNo>,<YYMMDD dob>,<YYMMDD expiry>');
    bac = { documentNumber: parts[0]!, dateOfBirth: parts[1]!, dateOfExpiry: parts[2]! };
  }
  try {
    return accessKeysFrom({ can: o.can, idNumber: o.id, mrz: o.mrz, bac });
  } catch (e) {
    if (e instanceof KeyInputError) throw new UsageError(e.message);
    throw e;
  }
}

export function exitCodeFor(code: CardErrorCode): number {
  switch (code) {
    case 'ACCESS_DENIED':
      return EXIT.ACCESS;
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
  const v = r.verification;
  return (
    v.passive === 'INVALID' ||
    v.chipAuthentication === 'INVALID' ||
    v.activeAuthentication === 'INVALID' ||
    Object.values(v.dataGroups).some((x) => x === 'INVALID')
  );
}

/** The JSON printed by --json: the ReadResult without the decoded display image (photo bytes stay base64). */
export function toCliJson(r: ReadResult): unknown {
  const photo = r.photo ? { ...r.photo, displayDataUrl: undefined } : null;
  return { holder: r.holder, document: r.document, photo, verification: r.verification, stats: r.stats };
}

export async function readCommand(argv: string[]): Promise<number> {
  const { options, positionals } = parseArgs(argv, SPEC);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const keys = keysFromOptions({ can: str(options, 'can'), id: str(options, 'id'), mrz: str(options, 'mrz'), bac: str(options, 'bac') });
  const timeoutText = str(options, 'timeout');
  const timeoutSec = timeoutText === undefined ? 30 : Number(timeoutText);
  if (!Number.isFinite(timeoutSec) || timeoutSec <= 0) throw new UsageError('--timeout takes a positive number of seconds');

  const { readFromPcsc } = await import('../card/reader/readFromPcsc');
  const { loadTrust } = await import('../card/reader/trust');
  const trust = await loadTrust(list(options, 'trust'));
  let result: ReadResult;
  try {
    result = await readFromPcsc({ keys, trust, readerFilter: str(options, 'reader'), timeoutMs: timeoutSec * 1000 });
  } catch (e) {
    if (e instanceof CardServiceError) {
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
  return hasInvalid(result) ? EXIT.INVALID : EXIT.OK;
}
