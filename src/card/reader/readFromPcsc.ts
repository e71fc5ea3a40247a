/** One read through the PC/SC stack, as `motcua read` does it: wait for a card, read, release. */
import { createPcscMonitor } from '../transport/pcscMonitor';
import type { ReadResult } from '../result';
import type { TrustStore } from '../pa/trustStore';
import { toCardServiceError } from './errors';
import { readCard } from './readCard';
import type { AccessKeys } from './accessControl';
import { CardServiceError } from '../../services/types';

export interface PcscReadOptions {
  keys: AccessKeys;
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
      return await readCard(channel, { keys: o.keys, trust: o.trust, signal: deadline.signal, decodePhoto: false });
    } finally {
      await channel.close();
    }
  } catch (e) {
    if (deadline.signal.aborted) throw new CardServiceError('TIMEOUT', `no complete read within ${Math.round(o.timeoutMs / 1000)} s`);
    throw toCardServiceError(e);
  } finally {
    clearTimeout(timer);
    await monitor.close();
  }
}
