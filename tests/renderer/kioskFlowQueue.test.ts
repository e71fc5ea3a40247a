import { describe, it, expect } from 'vitest';
import type { CardStatus, StatusLookup, TicketSlip } from '../../src/api/contract';
import { blockedByReader, initialKioskState, kioskReducer, type KioskAction, type KioskState } from '../../renderer/src/kiosk/kioskFlow';
import { canSendRating } from '../../renderer/src/kiosk/kioskQueueFlow';
import { lookupText, normaliseLabel, parseLookupCode } from '../../renderer/src/kiosk/lookupCode';
import { WedgeDetector } from '../../renderer/src/lib/qrWedge';
import { identityOf } from '../../src/api/handlers/card';
import { FAKE_FORM, fakeResult } from '../api/fakes';

const ON: CardStatus = { demo: false, readers: [{ name: 'R0', cardPresent: true }], state: { state: 'card-present', reader: 'R0' } };
const DOWN: CardStatus = { demo: false, readers: [], state: { state: 'service-down', reason: 'pcscd stopped' } };

function run(actions: KioskAction[], from: KioskState = initialKioskState()): KioskState {
  return actions.reduce(kioskReducer, from);
}

const TICKET: TicketSlip = { day: '2026-12-02', label: '17', groupId: 'CU_TRU', groupLabel: 'Cư trú', counters: [1], ahead: 3, estimate: null, offline: false, qr: 'MOTCUA-T:2026-12-02:17', dossierId: null };
const served = (state: NonNullable<StatusLookup['ticket']>['state']): StatusLookup => ({ ticket: { day: '2026-12-02', label: '17', state, ahead: 0, counter: 2 }, dossier: null });
const DOSSIER: StatusLookup = { ticket: null, dossier: { code: 'HS-20261202-AB12CD', formId: 'CT01', progress: 'processing', expectedReturn: '2026-12-09', initials: 'N.V.A.' } };

describe('kiosk queue flow: the ticket', () => {
  it('"Tôi cần hỏi" from the start screen: a ticket without a card, issued then printed; a wipe drops it', () => {
    let s = run([{ type: 'status', status: ON }, { type: 'consent', choice: 'yes' }, { type: 'askTicket' }]);
    expect(s.step.name).toBe('ticket');
    expect(s.consent).toBeNull();
    expect(s.queue.ticketPhase).toBe('issuing');
    s = run([{ type: 'ticketIssued', ticket: TICKET }, { type: 'ticketPrinting' }], s);
    expect(s.queue).toMatchObject({ ticket: TICKET, ticketPhase: 'issued', print: 'printing' });
    expect(run([{ type: 'ticketPrinted', pdfBase64: null }], s).queue.print).toBe('printed');
    const preview = run([{ type: 'ticketPrinted', pdfBase64: 'JVBERi0=' }], s);
    expect(preview.queue).toMatchObject({ print: 'preview', ticketPdf: 'JVBERi0=' });
    expect(run([{ type: 'ticketPrintFailed' }], s).queue.print).toBe('failed');
    const wiped = run([{ type: 'wipe', reason: 'idle' }], preview);
    expect(wiped.step.name).toBe('welcome');
    expect(wiped.queue).toEqual(initialKioskState().queue);
  });

  it('a ticket, the look-up and the rating are only reachable from the start screen, never in the middle of a card session', () => {
    const identified = run([{ type: 'status', status: ON }, { type: 'consent', choice: 'yes' }, { type: 'continue' }, { type: 'keyEntered', key: { can: '123456' } }, { type: 'cardRead', identity: identityOf('s'.repeat(20), 0, false, fakeResult()) }]);
    expect(run([{ type: 'askTicket' }], identified).step.name).toBe('identity');
    expect(run([{ type: 'startCode', purpose: 'lookup' }], identified).step.name).toBe('identity');
  });

  it('with the reader service down the start screen is blocked for the card, but the ticket and the look-up still work', () => {
    const s = run([{ type: 'status', status: DOWN }]);
    expect(blockedByReader(s)).toBe(true);
    const t = run([{ type: 'askTicket' }], s);
    expect(t.step.name).toBe('ticket');
    expect(blockedByReader(t)).toBe(false);
    expect(blockedByReader(run([{ type: 'startCode', purpose: 'rate' }], s))).toBe(false);
  });

  it('the done screen of a saved dossier gets its ticket, and a failure can be retried', () => {
    let s = run([{ type: 'finish' }]);
    expect(s.step.name).toBe('done');
    s = run([{ type: 'ticketIssuing' }, { type: 'ticketFailed' }], s);
    expect(s.queue.ticketPhase).toBe('failed');
    s = run([{ type: 'ticketIssuing' }, { type: 'ticketIssued', ticket: { ...TICKET, label: 'K1-017', offline: true } }], s);
    expect(s.queue.ticket?.label).toBe('K1-017');
    expect(s.step.name).toBe('done');
  });
});

describe('kiosk queue flow: status look-up', () => {
  const lookup = (): KioskState => run([{ type: 'startCode', purpose: 'lookup' }]);

  it('a valid code is looked up; the answer shows on the status screen; "Tra cứu mã khác" starts again', () => {
    let s = run([{ type: 'codeTyped', code: 'hs-20261202-ab12cd' }], lookup());
    expect(s.step).toEqual({ name: 'code', purpose: 'lookup' });
    s = run([{ type: 'codeSubmit', text: s.queue.code }], s);
    expect(s.queue.checking).toBe(true);
    // A second submit while the first is out is ignored.
    expect(run([{ type: 'codeSubmit', text: 'x' }], s)).toBe(s);
    s = run([{ type: 'lookedUp', result: DOSSIER }], s);
    expect(s.step.name).toBe('status');
    expect(s.queue.result).toEqual(DOSSIER);
    const again = run([{ type: 'startCode', purpose: 'lookup' }], s);
    expect(again.step).toEqual({ name: 'code', purpose: 'lookup' });
    expect(again.queue.result).toBeNull();
  });

  it('invalid, empty and ID-card codes are refused before anything is sent, each with its own message', () => {
    expect(run([{ type: 'codeSubmit', text: '   ' }], lookup()).queue).toMatchObject({ problem: 'empty', checking: false });
    expect(run([{ type: 'codeSubmit', text: 'HS-2026-XYZ' }], lookup()).queue).toMatchObject({ problem: 'invalid', checking: false });
    expect(run([{ type: 'codeSubmit', text: '001099012345|123456789|Nguyễn Văn Mẫu|02011990|Nam|Xã Tân Phú|01012021' }], lookup()).queue.problem).toBe('idCard');
    // Typing again clears the message.
    expect(run([{ type: 'codeSubmit', text: 'abc' }, { type: 'codeTyped', code: 'H' }], lookup()).queue.problem).toBeNull();
  });

  it('NOT_FOUND and a refused code from the server get their messages and the citizen stays on the code screen', () => {
    const sent = run([{ type: 'codeSubmit', text: '17' }], lookup());
    const nf = run([{ type: 'lookupFailed', code: 'NOT_FOUND' }], sent);
    expect(nf.step.name).toBe('code');
    expect(nf.queue).toMatchObject({ problem: 'notFound', checking: false });
    expect(run([{ type: 'lookupFailed', code: 'INVALID_INPUT' }], sent).queue.problem).toBe('invalid');
    expect(run([{ type: 'lookupFailed', code: 'CONNECTION' }], sent).queue.problem).toBe('failed');
  });

  it('a late answer after a wipe changes nothing', () => {
    const wiped = run([{ type: 'codeSubmit', text: '17' }, { type: 'wipe', reason: 'idle' }], lookup());
    expect(run([{ type: 'lookedUp', result: DOSSIER }], wiped)).toBe(wiped);
    expect(run([{ type: 'lookupFailed', code: 'NOT_FOUND' }], wiped)).toBe(wiped);
  });
});

describe('kiosk queue flow: rating', () => {
  const rate = (): KioskState => run([{ type: 'startCode', purpose: 'rate' }, { type: 'codeSubmit', text: '17' }]);

  it('a served ticket → the three questions → sent once → thanks', () => {
    let s = run([{ type: 'lookedUp', result: served('done') }], rate());
    expect(s.step.name).toBe('rate');
    expect(s.queue.rating).toEqual({ day: '2026-12-02', label: '17', level: null, visits: null, papersClear: null });
    expect(canSendRating(s.queue.rating)).toBe(false);
    // Nothing to send before a level and the visits are chosen.
    expect(run([{ type: 'rateSending' }], s)).toBe(s);
    s = run([{ type: 'rateAnswer', level: 5 }, { type: 'rateAnswer', visits: 1 }], s);
    expect(canSendRating(s.queue.rating)).toBe(true);
    s = run([{ type: 'rateAnswer', papersClear: true }, { type: 'rateAnswer', level: 4 }], s);
    expect(s.queue.rating).toMatchObject({ level: 4, visits: 1, papersClear: true });
    // "Rõ ràng" tapped again takes the answer back (the question may stay unanswered).
    expect(run([{ type: 'rateAnswer', papersClear: null }], s).queue.rating?.papersClear).toBeNull();
    s = run([{ type: 'rateSending' }], s);
    expect(s.queue.sending).toBe(true);
    s = run([{ type: 'rated' }], s);
    expect(s.step.name).toBe('rated');
  });

  it('a ticket not served yet is not asked the questions; a dossier code without a ticket neither', () => {
    for (const state of ['waiting', 'called', 'no_show'] as const) {
      const s = run([{ type: 'lookedUp', result: served(state) }], rate());
      expect(s.step.name).toBe('code');
      expect(s.queue).toMatchObject({ problem: 'notServed', problemLabel: '17' });
    }
    expect(run([{ type: 'lookedUp', result: DOSSIER }], rate()).queue.problem).toBe('noTicket');
  });

  it('the server refuses a second rating (INVALID_TRANSITION once the ticket was seen served): said plainly, on the same screen', () => {
    const ready = run([{ type: 'lookedUp', result: served('done') }, { type: 'rateAnswer', level: 3 }, { type: 'rateAnswer', visits: 2 }, { type: 'rateSending' }], rate());
    const twice = run([{ type: 'rateFailed', code: 'INVALID_TRANSITION' }], ready);
    expect(twice.step.name).toBe('rate');
    expect(twice.queue).toMatchObject({ problem: 'alreadyRated', problemLabel: '17', sending: false });
    expect(run([{ type: 'rateFailed', code: 'NOT_FOUND' }], ready).queue.problem).toBe('notFound');
    expect(run([{ type: 'rateFailed', code: 'INTERNAL' }], ready).queue.problem).toBe('failed');
  });
});

describe('look-up codes', () => {
  it('reads the ticket QR, dossier codes and ticket numbers, forgiving case, spaces, dashes and leading zeros', () => {
    expect(parseLookupCode('MOTCUA-T:2026-12-02:17')).toEqual({ kind: 'ticket', day: '2026-12-02', label: '17', dossierId: null });
    expect(parseLookupCode('\uFEFFmotcua-t:2026-12-02:k1-017:hs-20261202-ab12cd\n')).toEqual({ kind: 'ticket', day: '2026-12-02', label: 'K1-017', dossierId: 'HS-20261202-AB12CD' });
    expect(parseLookupCode('HS-20261202-AB12CD')).toEqual({ kind: 'dossier', code: 'HS-20261202-AB12CD' });
    expect(parseLookupCode('hs 20261202 ab12cd')).toEqual({ kind: 'dossier', code: 'HS-20261202-AB12CD' });
    expect(parseLookupCode('017')).toEqual({ kind: 'label', label: '17' });
    expect(parseLookupCode('k1-17')).toEqual({ kind: 'label', label: 'K1-017' });
    expect(normaliseLabel('K1017')).toBe('K1-017');
    expect(normaliseLabel('K1-000')).toBeNull();
    expect(normaliseLabel('0')).toBeNull();
    expect(normaliseLabel('10000')).toBeNull();
  });

  it('refuses what is none of them, a QR with a bad day or dossier, and recognises the ID card QR', () => {
    for (const bad of ['HS-2026-ABC', 'MOTCUA-T:2026-13-02:17', 'MOTCUA-T:2026-12-02:17:HS-1', 'MOTCUA-T:2026-12-02:ABC', 'ABC', '12-34']) expect(parseLookupCode(bad)).toBe('invalid');
    expect(parseLookupCode('')).toBe('empty');
    expect(parseLookupCode('001099012345|123456789|Nguyễn Văn Mẫu|02011990|Nam|Xã Tân Phú|01012021')).toBe('idCard');
  });

  it('sends the canonical text', () => {
    const c = parseLookupCode('motcua-t:2026-12-02:k1-17');
    expect(typeof c === 'string' ? c : lookupText(c)).toBe('MOTCUA-T:2026-12-02:K1-017');
  });

  it('the wedge detector hands over a scanner burst as text, and a person typing is not a burst', () => {
    const w = new WedgeDetector({ minLength: 8 });
    let t = 0;
    for (const ch of 'MOTCUA-T:2026-12-02:17') expect(w.feedText(ch, (t += 5))).toBeNull();
    expect(w.feedText('Enter', (t += 5))).toBe('MOTCUA-T:2026-12-02:17');
    for (const ch of 'HS-20261202-AB12CD') w.feedText(ch, (t += 200));
    expect(w.feedText('Enter', (t += 200))).toBeNull();
  });
});

describe('kiosk queue flow keeps the card flow intact', () => {
  it('consent and the form catalogue are untouched by a visit to the look-up', () => {
    const s = run([{ type: 'catalogue', forms: [FAKE_FORM] }, { type: 'startCode', purpose: 'lookup' }, { type: 'wipe', reason: null }, { type: 'consent', choice: 'yes' }, { type: 'continue' }]);
    expect(s.forms).toEqual([FAKE_FORM]);
    expect(s.step).toEqual({ name: 'key', slot: 0 });
  });
});
