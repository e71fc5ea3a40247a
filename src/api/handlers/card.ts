/** Card reads and card sessions: the kiosk's first steps. */
import { overallVerdict, type ReadProgress, type ReadResult } from '../../card/result';
import type { AccessKey } from '../../card/reader/accessKey';
import type { CardStatus } from '../../services/types';
import { ApiError, type CardIdentity, type CardKey, type ReadProgressEvent } from '../contract';
import type { CoreContext, Handlers } from './context';
import { setupRequired } from './settings';

type CardMethods = 'card.status' | 'card.read' | 'card.cancel' | 'card.demoInsert' | 'session.hold' | 'session.end';

export function cardHandlers(ctx: CoreContext): Handlers<CardMethods> {
  const { o, sessions } = ctx;
  let reading = false;
  return {
    'card.status': (): CardStatus => o.card.status(),
    'card.read': async (i, call): Promise<CardIdentity> => {
      if (setupRequired(ctx)) throw new ApiError('FORBIDDEN', 'first-run setup is not done: create the administrator at the counter');
      const existing = i.session ? sessions.get(i.session, call.client) : null;
      if (existing && existing.results.length >= 2) throw new ApiError('INVALID_INPUT', 'session already holds two cards');
      if (reading) throw new ApiError('CARD_BUSY', 'a read is already running');
      reading = true;
      let result: ReadResult;
      try {
        result = await o.card.read({ ...accessKeyOf(i.key), reader: ctx.settings().reader ?? undefined }, (p) => ctx.emit('card.progress', progressEvent(p), call.client));
      } finally {
        reading = false;
      }
      const sess = existing ?? sessions.create(call.client);
      sess.results.push(result);
      // The second card is in: removal of this card should wipe again.
      if (existing) sess.held = false;
      return identityOf(sess.id, sess.results.length - 1, o.demo, result);
    },
    'card.cancel': () => {
      o.card.cancel();
      return { cancelled: reading };
    },
    'card.demoInsert': async (i) => {
      if (!o.demo || !o.card.insertDemoCard) throw new ApiError('UNSUPPORTED', 'demo cards exist only in demo mode');
      if (reading) throw new ApiError('CARD_BUSY', 'a read is running');
      try {
        await o.card.insertDemoCard(i.index);
      } catch (e) {
        if (e instanceof RangeError) throw new ApiError('NOT_FOUND', 'no such demo card');
        throw e;
      }
      return { inserted: i.index };
    },
    'session.hold': (i, call) => {
      sessions.get(i.session, call.client).held = true;
      return { held: true };
    },
    'session.end': (i, call) => {
      const had = sessions.has(i.session);
      if (had) sessions.get(i.session, call.client);
      sessions.wipe(i.session, 'ended');
      return { ended: had };
    },
  };
}

/** The API's one name for the key (CardKey) mapped once onto the card side's (AccessKey): a keypad gives a subset. */
function accessKeyOf(key: CardKey): AccessKey {
  return { ...key };
}

/** What the renderer may see of a read: display data, verdicts, the photo as a data URL (never stored). */
export function identityOf(session: string, slot: number, demo: boolean, r: ReadResult): CardIdentity {
  return {
    session,
    slot,
    demo,
    holder: { ...r.holder },
    document: { documentCode: r.document.documentCode, issuingState: r.document.issuingState, documentNumber: r.document.documentNumber },
    photoDataUrl: r.photo?.displayDataUrl ?? null,
    verification: r.verification,
    overall: overallVerdict(r.verification),
  };
}

export function cardPresent(s: CardStatus): boolean {
  if (s.state.state === 'service-down' || s.state.state === 'no-reader') return false;
  return s.state.state === 'card-present' || s.state.state === 'reading' || s.readers.some((r) => r.cardPresent);
}

function progressEvent(p: ReadProgress): ReadProgressEvent {
  switch (p.stage) {
    case 'text-ready':
      return { stage: 'text-ready', holder: p.holder };
    case 'photo-ready':
      return { stage: 'photo-ready', photoDataUrl: p.photo.displayDataUrl };
    case 'done':
      // The full result is returned by card.read itself; the event only marks the end.
      return { stage: 'done' };
    default:
      return p;
  }
}
