/** One read through the PC/SC stack, as `motcua read` does it: wait for a card, read, release. */
import { createPcscMonitor, type PcscMonitor } from '../transport/pcscMonitor';
import { isTransportError } from '../transport/types';
import type { ReadResult } from '../result';
import type { TrustStore } from '../pa/trustStore';
import { CardReadError, toCardReadError } from './errors';
import { readCard } from './readCard';
import type { AccessKey } from './accessKey';

export interface PcscReadOptions {
  key: AccessKey;
  trust?: TrustStore;
  readerFilter?: string;
  timeoutMs: number;
}

export async function readFromPcsc(o: PcscReadOptions): Promise<ReadResult> {
  const monitor = createPcscMonitor();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort('timeout'), o.timeoutMs);
  try {
    await monitor.waitForCard(o.readerFilter, o.timeoutMs);
    const channel = await monitor.connect(o.readerFilter);
    try {
      return await readCard(channel, { key: o.key, trust: o.trust, signal: deadline.signal, decodePhoto: false });
    } finally {
      await channel.close();
    }
  } catch (e) {
    if (deadline.signal.aborted || isTransportError(e, 'TIMEOUT')) throw whyNothingCame(monitor, o, e);
    throw toCardReadError(e);
  } finally {
    clearTimeout(timer);
    await monitor.close();
  }
}

/** A timeout says the most specific thing that went wrong: no PC/SC service, no reader, no card, or a slow card. */
function whyNothingCame(monitor: PcscMonitor, o: PcscReadOptions, e: unknown): CardReadError {
  const s = Math.round(o.timeoutMs / 1000);
  if (!monitor.serviceAvailable) return new CardReadError('NO_SERVICE', `the PC/SC service (pcscd) is not running or not reachable (waited ${s} s)`);
  const readers = monitor.readers().filter((r) => !o.readerFilter || r.name.includes(o.readerFilter));
  if (readers.length === 0) {
    return new CardReadError('NO_READER', o.readerFilter ? `no card reader matching "${o.readerFilter}" (waited ${s} s)` : `no card reader attached (waited ${s} s)`);
  }
  if (!readers.some((r) => r.cardPresent)) return new CardReadError('TIMEOUT', `no card on the reader within ${s} s`);
  return isTransportError(e, 'TIMEOUT') ? toCardReadError(e) : new CardReadError('TIMEOUT', `no complete read within ${s} s`);
}
