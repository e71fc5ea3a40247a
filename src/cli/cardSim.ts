/**
 * `motcua card:sim`: present a simulated CCCD to pcscd through vsmartcard-vpcd, so the whole app (or `motcua read`)
 * can be exercised through a real PC/SC stack without hardware. Commands on stdin: `remove`, `insert`, `quit`.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs, list, str, UsageError } from './args';
import { SimulatedCccd } from '../sim/applet/cccdApplet';
import type { SimFaults } from '../sim/applet/faults';
import { VpcdBridge } from '../sim/vpcd';
import { buildProfile } from '../sim/profile/build';
import { loadIdentityFile } from '../sim/profile/identity';
import { loadRawProfile } from '../sim/profile/loadRaw';
import { sampleProfile } from '../sim/profile/samples';
import type { SimProfile } from '../sim/profile/types';

const SPEC = {
  port: { type: 'string' },
  profile: { type: 'string' },
  fault: { type: 'string', multiple: true },
  'write-csca': { type: 'string' },
  'mrz-info': { type: 'string' },
} as const;

const DG_FIDS: Record<string, number> = { DG1: 0x0101, DG2: 0x0102, DG13: 0x010d, DG14: 0x010e, DG15: 0x010f, COM: 0x011e, SOD: 0x011d };

/** `remove-after=N`, `no-extended`, `tamper=DG13`, `corrupt-sod`, `max-response=N`, `clone-ca`, `clone-aa`. */
export function parseFaults(specs: string[]): SimFaults {
  const f: SimFaults = {};
  for (const s of specs) {
    const [k, v] = s.split('=', 2) as [string, string | undefined];
    const num = () => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`--fault ${k} needs a whole number`);
      return n;
    };
    switch (k) {
      case 'remove-after': f.removeAfterApdus = num(); break;
      case 'no-extended': f.refuseExtendedLength = true; break;
      case 'corrupt-sod': f.corruptSodSignature = true; break;
      case 'max-response': f.maxResponseBytes = num(); break;
      case 'clone-ca': f.cloneChipAuthentication = true; break;
      case 'clone-aa': f.cloneActiveAuthentication = true; break;
      case 'tamper': {
        const fid = DG_FIDS[(v ?? '').toUpperCase()];
        if (fid === undefined) throw new UsageError(`--fault tamper=<${Object.keys(DG_FIDS).join('|')}>`);
        f.tamperFid = fid;
        break;
      }
      default:
        throw new UsageError(`unknown fault '${k}' (remove-after=N, no-extended, tamper=DGn, corrupt-sod, max-response=N, clone-ca, clone-aa)`);
    }
  }
  return f;
}

/** A sample number (1-based), an identity JSON file, or a folder of raw LDS files (e.g. the BSI 2008 set). */
export function loadProfileSpec(spec: string | undefined, mrzInfo?: string): SimProfile {
  const s = spec ?? '1';
  if (/^\d+$/.test(s)) return sampleProfile(Number(s) - 1);
  if (!fs.existsSync(s)) throw new UsageError(`profile not found: ${s}`);
  if (fs.statSync(s).isDirectory()) return loadRawProfile(s, mrzInfo ? { mrzInformation: mrzInfo } : {});
  const { identity, baseDir } = loadIdentityFile(s);
  return buildProfile(identity, { baseDir });
}

export async function cardSimCommand(argv: string[]): Promise<number> {
  const { options, positionals } = parseArgs(argv, SPEC);
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const port = Number(str(options, 'port') ?? '35963');
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UsageError('--port must be a TCP port');
  const profile = loadProfileSpec(str(options, 'profile'), str(options, 'mrz-info'));
  const faults = parseFaults(list(options, 'fault'));
  const cscaOut = str(options, 'write-csca');
  if (cscaOut) {
    if (!profile.cscaCertificate) throw new UsageError('this profile has no test CSCA (raw profiles carry only the DS in the SOD)');
    fs.mkdirSync(path.dirname(path.resolve(cscaOut)), { recursive: true });
    fs.writeFileSync(cscaOut, profile.cscaCertificate);
  }

  let bridge: VpcdBridge | null = null;
  const insert = async () => {
    // A fresh chip on every insert: fault counters and security state start over like a real card's power-up.
    bridge = new VpcdBridge(new SimulatedCccd(profile, { faults }), { port, onRemoved: (why) => console.log(`card removed (${why})`) });
    await bridge.insert();
    console.log(`Simulated card "${profile.label}" inserted via vpcd port ${port}` + (profile.can ? ` (CAN ${profile.can})` : ''));
  };
  await insert();

  return await new Promise<number>((resolve) => {
    const rl = readline.createInterface({ input: process.stdin });
    const stop = async (code: number) => {
      rl.close();
      await bridge?.close();
      resolve(code);
    };
    process.once('SIGINT', () => void stop(0));
    process.once('SIGTERM', () => void stop(0));
    rl.on('line', (line) => {
      const cmd = line.trim();
      if (cmd === 'remove') void bridge?.remove().then(() => console.log('removed'));
      else if (cmd === 'insert') void bridge?.close().then(insert);
      else if (cmd === 'quit') void stop(0);
      else if (cmd) console.log(`unknown command '${cmd}' (remove | insert | quit)`);
    });
    // Without a terminal (CI, background) stdin ends at once: keep serving until a signal.
    rl.on('close', () => undefined);
  });
}
