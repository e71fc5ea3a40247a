/**
 * The card pulled mid-read and put back: the client re-reads on the next insertion, whatever order the removal
 * reaches the service in. pcscd reports a removal up to ~400 ms after the failed exchange; the double below holds the
 * removal event back until the test releases it, so both orders are exercised deterministically. The card is the
 * project's simulated CCCD on the in-process transport; the double implements the real ReaderMonitor interface.
 */
import { describe, expect, it } from 'vitest';
import { createCardService } from '../../../src/services/cardService';
import type { CardStatus } from '../../../src/services/types';
import { InProcessMonitor } from '../../../src/card/transport/inProcess';
import type { CardChannel, ReaderEvent, ReaderMonitor } from '../../../src/card/transport/types';
import { SimulatedCccd } from '../../../src/sim/applet/cccdApplet';
import { sampleIdentities, sampleProfile } from '../../../src/sim/profile/samples';

/** A monitor that learns of removals late (as pcsc-lite does), until `catchUp()`. */
class LateRemovalMonitor implements ReaderMonitor {
  readonly inner = new InProcessMonitor();
  private readonly listeners = new Set<(e: ReaderEvent) => void>();
  private readonly held: ReaderEvent[] = [];
  private readonly present = new Map<string, boolean>();

  constructor() {
    this.inner.on((e) => {
      if (e.type === 'card-removed') this.held.push(e);
      else this.deliver(e);
    });
  }

  catchUp(): void {
    for (const e of this.held.splice(0)) this.deliver(e);
  }

  private deliver(e: ReaderEvent): void {
    if (e.type === 'card-inserted') this.present.set(e.reader, true);
    if (e.type === 'card-removed') this.present.set(e.reader, false);
    for (const l of this.listeners) l(e);
  }

  readers(): { name: string; cardPresent: boolean }[] {
    return this.inner.readers().map((r) => ({ name: r.name, cardPresent: this.present.get(r.name) ?? r.cardPresent }));
  }
  on(listener: (e: ReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  connect(readerSubstring?: string): Promise<CardChannel> {
    return this.inner.connect(readerSubstring);
  }
  waitForCard(readerSubstring?: string, timeoutMs?: number): Promise<string> {
    return this.inner.waitForCard(readerSubstring, timeoutMs);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const profile = () => sampleProfile(0);
const card = (removeAfterApdus?: number) => new SimulatedCccd(profile(), { faults: removeAfterApdus === undefined ? {} : { removeAfterApdus } });
const present = (s: CardStatus) => s.readers.some((r) => r.cardPresent);

async function service(monitor: ReaderMonitor) {
  const svc = await createCardService({ mode: 'pcsc', pcscMonitor: async () => monitor });
  const seen: CardStatus[] = [];
  svc.onStatus((s) => seen.push(s));
  return { svc, seen };
}

describe('card pulled mid-read and put back', () => {
  for (const late of [true, false]) {
    it(`${late ? 'the removal reaches the service after the failed read' : 'the removal is known before the read fails'}: the failure already shows no card, and the next insertion reads`, async () => {
      const monitor = late ? new LateRemovalMonitor() : new InProcessMonitor();
      const inner = monitor instanceof LateRemovalMonitor ? monitor.inner : monitor;
      inner.insert(card(12));
      const { svc, seen } = await service(monitor);
      const can = profile().can!;

      const err = (await svc.read({ can }).catch((e: unknown) => e)) as { code?: string };
      expect(err.code).toBe('CARD_REMOVED');
      // What a client holds when the rejection arrives: an error status without the card.
      const atFailure = seen.at(-1)!;
      expect(atFailure.state).toMatchObject({ state: 'error', code: 'CARD_REMOVED' });
      expect(present(atFailure)).toBe(false);

      if (monitor instanceof LateRemovalMonitor) monitor.catchUp();
      expect(present(svc.status())).toBe(false);

      // Put back: the first status with the card present is the new insertion, and reading then succeeds.
      const before = seen.length;
      inner.insert(card());
      const back = seen.slice(before).find(present);
      expect(back?.state).toMatchObject({ state: 'card-present' });
      const r = await svc.read({ can });
      expect(r.holder.idNumber).toBe(sampleIdentities()[0]!.idNumber);
      await svc.close();
    });
  }
});
