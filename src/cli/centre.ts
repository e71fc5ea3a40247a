/**
 * `motcua centre init|enroll|devices|revoke` for the centre administrator (run on the server machine or any machine that
 * holds the centre keyring; `--keys <dir>` or MOTCUA_CENTRE_KEYS says where it is).
 */
import { EXIT, parseArgs, str, UsageError, type OptionSpec } from './args';
import { DEFAULT_CODE_TTL_HOURS, defaultKeysDir, enrollDevice, initCentre, listDevices, revokeDevice } from '../centre/server/admin';
import { isUnreachable } from '../centre/connection';

const COMMON: OptionSpec = { url: { type: 'string' }, json: { type: 'boolean' }, keys: { type: 'string' } };

function required(o: Record<string, unknown>, k: string, usage: string): string {
  const v = str(o as never, k);
  if (!v) throw new UsageError(`--${k} is required. ${usage}`);
  return v;
}

function out(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? JSON.stringify(value) + '\n' : text + '\n');
}

export async function centreCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'init': {
        const usage = 'usage: motcua centre init --url <admin postgres URL> --name <text> [--json]';
        const { options } = parseArgs(rest, { ...COMMON, name: { type: 'string' } });
        const keys = str(options, 'keys') ?? defaultKeysDir();
        const r = await initCentre(required(options, 'url', usage), required(options, 'name', usage), keys);
        out(!!options.json, { centreId: r.centreId }, `${r.created ? 'centre created' : 'centre already exists'}: ${r.centreId} (keyring in ${keys})`);
        return EXIT.OK;
      }
      case 'enroll': {
        const usage = 'usage: motcua centre enroll --url <admin postgres URL> --centre <centreId> --role kiosk|counter [--name <text>] [--ttl-hours <h>] [--json]';
        const { options } = parseArgs(rest, { ...COMMON, centre: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, 'ttl-hours': { type: 'string' } });
        const role = required(options, 'role', usage);
        if (role !== 'kiosk' && role !== 'counter') throw new UsageError(`--role must be kiosk or counter. ${usage}`);
        const ttl = Number(str(options, 'ttl-hours') ?? DEFAULT_CODE_TTL_HOURS);
        if (!(ttl > 0 && ttl <= 24 * 30)) throw new UsageError('--ttl-hours must be between 0 and 720');
        const r = await enrollDevice(required(options, 'url', usage), required(options, 'centre', usage), role, str(options, 'keys') ?? defaultKeysDir(), ttl, str(options, 'name'));
        out(!!options.json, { code: r.code, deviceId: r.deviceId, name: r.name }, `enrolment code for "${r.name}" (device ${r.deviceId}; one use, until ${r.expiresAt}): ${r.code}`);
        return EXIT.OK;
      }
      case 'devices': {
        const usage = 'usage: motcua centre devices --url <admin postgres URL> --centre <centreId> [--json]';
        const { options } = parseArgs(rest, { ...COMMON, centre: { type: 'string' } });
        const list = await listDevices(required(options, 'url', usage), required(options, 'centre', usage));
        const text = list.map((d) => `${d.deviceId}  ${d.kind.padEnd(7)}  ${d.status.padEnd(7)}  ${d.name}`).join('\n') || 'no devices enrolled yet';
        out(!!options.json, list, text);
        return EXIT.OK;
      }
      case 'revoke': {
        const usage = 'usage: motcua centre revoke --url <admin postgres URL> --device <deviceId> [--json]';
        const { options } = parseArgs(rest, { ...COMMON, device: { type: 'string' } });
        const r = await revokeDevice(required(options, 'url', usage), required(options, 'device', usage), str(options, 'keys') ?? defaultKeysDir());
        const note = r.expiredCodes ? `; ${r.expiredCodes} unused enrolment code(s) expired, make them again` : '';
        out(!!options.json, { revoked: true, keyVersion: r.keyVersion, expiredCodes: r.expiredCodes }, `device revoked; the centre now uses data key ${r.keyVersion}${note}`);
        return EXIT.OK;
      }
      default:
        throw new UsageError('usage: motcua centre init|enroll|devices|revoke …');
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (isUnreachable(e)) {
      process.stderr.write(`motcua centre: the server cannot be reached: ${(e as Error).message}\n`);
      return EXIT.TRANSPORT;
    }
    throw e;
  }
}
