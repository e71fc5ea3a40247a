/**
 * Card sessions. Card data protection (research/forms.md §3.5, Decree 356/2025): a read's full ReadResult stays
 * here on the server; the renderer gets display data, the store only the filled fields. A session belongs to the
 * connection (socket, window) that read the card, and is wiped on card removal (unless held for a second card), on
 * idle, and on session.end.
 */
import type { ReadResult } from '../card/result';
import { ApiError, type SessionWipeReason } from './contract';

export interface CardSession {
  id: string;
  /** The connection that read the card: its events and data go to it alone. */
  owner: string | undefined;
  results: ReadResult[];
  held: boolean;
  lastUsed: number;
  /** A clerk let an INVALID card fill a form (dossier.prefill with override); recorded on the dossier. */
  verificationOverride: boolean;
  overrideBy: string | null;
  dossiers: Set<string>;
}

export interface CardSessionsOptions {
  now: () => number;
  newId: () => string;
  idleMs: number;
  onWipe: (session: CardSession, reason: SessionWipeReason) => void;
}

export class CardSessions {
  private readonly byId = new Map<string, CardSession>();
  constructor(private readonly o: CardSessionsOptions) {}

  get size(): number {
    return this.byId.size;
  }

  create(owner: string | undefined): CardSession {
    const s: CardSession = { id: this.o.newId(), owner, results: [], held: false, lastUsed: this.o.now(), verificationOverride: false, overrideBy: null, dossiers: new Set() };
    this.byId.set(s.id, s);
    return s;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The live session `id` of connection `client` (its idle timer restarts), or NO_SESSION — also for another connection's. */
  get(id: string, client: string | undefined): CardSession {
    const s = this.byId.get(id);
    if (!s || s.owner !== client) throw new ApiError('NO_SESSION', 'card session expired or unknown');
    s.lastUsed = this.o.now();
    return s;
  }

  wipe(id: string, reason: SessionWipeReason): void {
    const s = this.byId.get(id);
    if (!s) return;
    // Drop references so the ReadResult (photo included) becomes garbage; JS cannot zero strings.
    s.results.length = 0;
    this.byId.delete(id);
    this.o.onWipe(s, reason);
  }

  /** Card removed: every session not held for a second card ends. */
  wipeUnheld(reason: SessionWipeReason): void {
    for (const s of [...this.byId.values()]) if (!s.held) this.wipe(s.id, reason);
  }

  /** The connection is gone (page closed or reloaded): its sessions end with it. */
  wipeOwnedBy(client: string): void {
    for (const s of [...this.byId.values()]) if (s.owner === client) this.wipe(s.id, 'ended');
  }

  sweep(): void {
    const t = this.o.now();
    for (const s of [...this.byId.values()]) if (t - s.lastUsed > this.o.idleMs) this.wipe(s.id, 'idle');
  }

  clear(reason: SessionWipeReason): void {
    for (const id of [...this.byId.keys()]) this.wipe(id, reason);
  }
}
