import { describe, expect, it } from 'vitest';
import { readerMatches, waitForInsertEvent } from '../../../src/card/transport/waitForCard';
import { isTransportError, type ReaderEvent } from '../../../src/card/transport/types';

function bus() {
  const ls = new Set<(e: ReaderEvent) => void>();
  return { on: (l: (e: ReaderEvent) => void) => (ls.add(l), () => ls.delete(l)), emit: (e: ReaderEvent) => ls.forEach((l) => l(e)), size: () => ls.size };
}

describe('waitForInsertEvent', () => {
  it('resolves on a matching insert only, and unsubscribes', async () => {
    const b = bus();
    const waits = new Set<() => void>();
    const p = waitForInsertEvent(b.on, waits, '00 00', 1000);
    b.emit({ type: 'card-inserted', reader: 'Virtual PCD 00 01', atr: new Uint8Array() });
    b.emit({ type: 'card-inserted', reader: 'Virtual PCD 00 00', atr: new Uint8Array() });
    await expect(p).resolves.toBe('Virtual PCD 00 00');
    expect(b.size()).toBe(0);
    expect(waits.size).toBe(0);
  });
  it('times out with TIMEOUT and rejects with NO_SERVICE when the monitor closes', async () => {
    const b = bus();
    const waits = new Set<() => void>();
    const e = await waitForInsertEvent(b.on, waits, undefined, 20).catch((x: unknown) => x);
    expect(isTransportError(e, 'TIMEOUT')).toBe(true);
    const p = waitForInsertEvent(b.on, waits, undefined, undefined);
    for (const r of [...waits]) r();
    expect(isTransportError(await p.catch((x: unknown) => x), 'NO_SERVICE')).toBe(true);
  });
  it('an empty filter matches every reader', () => {
    expect(readerMatches('X', '')).toBe(true);
    expect(readerMatches('X', undefined)).toBe(true);
    expect(readerMatches('X', 'Y')).toBe(false);
  });
});
