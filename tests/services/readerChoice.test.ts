/**
 * The reader in use when a machine has several: the counter's reader setting (useReader) decides the status as it
 * decides reads, and replaces the start-up `--reader` choice. Two in-process readers with the project's simulated
 * CCCD; the monitor is the real InProcessMonitor.
 */
import { describe, expect, it } from 'vitest';
import { createCardService } from '../../src/services/cardService';
import type { CardStatus } from '../../src/services/types';
import { InProcessMonitor } from '../../src/card/transport/inProcess';
import { SimulatedCccd } from '../../src/sim/applet/cccdApplet';
import { sampleIdentities, sampleProfile } from '../../src/sim/profile/samples';

const R0 = 'Virtual PCD 00 00';
const R1 = 'Virtual PCD 00 01';

async function twoReaders(readerFilter?: string) {
  const monitor = new InProcessMonitor({ readers: [R0, R1] });
  const svc = await createCardService({ mode: 'pcsc', readerFilter, pcscMonitor: async () => monitor, waitForCardMs: 2000 });
  const seen: CardStatus[] = [];
  svc.onStatus((s) => seen.push(s));
  return { monitor, svc, seen };
}

describe('card service: the chosen reader among several', () => {
  it('without a choice: every reader, all of them listed, and the reader with the card is the one named', async () => {
    const { monitor, svc } = await twoReaders();
    expect(svc.status()).toMatchObject({ machineReaders: [R0, R1], readers: [{ name: R0 }, { name: R1 }], state: { state: 'no-card', reader: R0 } });
    monitor.insert(new SimulatedCccd(sampleProfile(0)), '00 01');
    expect(svc.status().state).toEqual({ state: 'card-present', reader: R1 });
    await svc.close();
  });

  it('useReader: the status shows only the chosen reader at once, ignores a card on the other, and reads from it', async () => {
    const { monitor, svc, seen } = await twoReaders();
    monitor.insert(new SimulatedCccd(sampleProfile(0)), '00 00');
    svc.useReader!('00 01');
    // Emitted right away (the header changes when the administrator saves), without a card event.
    expect(seen.at(-1)).toMatchObject({ machineReaders: [R0, R1], readers: [{ name: R1, cardPresent: false }], state: { state: 'no-card', reader: R1 } });
    const read = svc.read({ can: sampleProfile(1).can! });
    monitor.insert(new SimulatedCccd(sampleProfile(1)), '00 01');
    const r = await read;
    expect(r.holder.idNumber).toBe(sampleIdentities()[1]!.idNumber);
    expect(svc.status().state).toEqual({ state: 'card-present', reader: R1 });
    // null goes back to every reader.
    svc.useReader!(null);
    expect(svc.status().readers.map((x) => x.name)).toEqual([R0, R1]);
    await svc.close();
  });

  it('the counter setting replaces the start-up --reader choice; clearing it restores that choice', async () => {
    const { svc } = await twoReaders('00 00');
    expect(svc.status()).toMatchObject({ machineReaders: [R0, R1], readers: [{ name: R0 }], state: { reader: R0 } });
    svc.useReader!('00 01');
    expect(svc.status()).toMatchObject({ readers: [{ name: R1 }], state: { reader: R1 } });
    svc.useReader!(null);
    expect(svc.status()).toMatchObject({ readers: [{ name: R0 }], state: { reader: R0 } });
    await svc.close();
  });

  it('a choice that matches no reader is "no reader", not another reader', async () => {
    const { monitor, svc } = await twoReaders();
    monitor.insert(new SimulatedCccd(sampleProfile(0)), '00 00');
    svc.useReader!('ACS ACR1252');
    expect(svc.status()).toMatchObject({ machineReaders: [R0, R1], readers: [], state: { state: 'no-reader' } });
    await svc.close();
  });
});
