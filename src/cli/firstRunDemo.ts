/**
 * `motcua start` on a machine that has never been set up and has no card reader opens the demonstration mode
 * (the sample card, labelled THẺ MẪU, with its own data folder), so a first look at the app needs no hardware.
 *
 * This is decided once, at launch, and only while no real store exists: once a centre has data, a missing
 * PC/SC service or reader is shown as such ("gọi cán bộ") and never replaced by the sample card — a silent
 * fallback would let a kiosk pre-fill forms from a card nobody presented.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createPcscMonitor } from '../card/transport/pcscMonitor';

/** How long the probe waits for the PC/SC service to list a reader (pcscd answers within milliseconds). */
const PROBE_MS = 1500;

/** True when a PC/SC service answers and lists at least one reader within `timeoutMs`. */
export async function readerAttached(timeoutMs = PROBE_MS): Promise<boolean> {
  const monitor = createPcscMonitor();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (monitor.serviceAvailable !== false && monitor.readers().length > 0) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  } catch {
    return false;
  } finally {
    await monitor.close().catch(() => undefined);
  }
}

export type DemoDecision = { demo: false } | { demo: true; reason: string };

/** Whether `start` without `--demo` should open the demonstration mode (see the header comment). */
export async function firstRunDemo(dataDir: string, probe: () => Promise<boolean> = readerAttached): Promise<DemoDecision> {
  if (existsSync(path.join(dataDir, 'motcua.db'))) return { demo: false };
  if (await probe()) return { demo: false };
  return { demo: true, reason: 'no store yet and no card reader: starting the demonstration mode (sample card, separate data folder)' };
}
