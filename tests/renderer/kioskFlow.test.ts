import { describe, it, expect } from 'vitest';
import type { CardIdentity, CardStatus, FilledForm, FormDefinition } from '../../src/api/contract';
import { awaitingSwap, blockedByReader, cardPresent, displayStatus, editingField, initialKioskState, kioskReducer, readyToPrefill, sameCardTwice, type KioskAction, type KioskState } from '../../renderer/src/kiosk/kioskFlow';
import { nextStageIndex } from '../../renderer/src/kiosk/screens/ReadScreen';
import { visibleIssues } from '../../renderer/src/kiosk/screens/FormScreen';
import { identityOf } from '../../src/api/handlers/card';
import { FAKE_FORM, fakeResult } from '../api/fakes';

const status = (state: CardStatus['state'], cardPresent = state.state === 'card-present'): CardStatus => ({ demo: false, readers: state.state === 'no-reader' || state.state === 'service-down' ? [] : [{ name: 'R0', cardPresent }], state });
const ON = status({ state: 'card-present', reader: 'R0' });
const OFF = status({ state: 'no-card', reader: 'R0' });
const WRONG_CODE = status({ state: 'error', reader: 'R0', code: 'ACCESS_DENIED', message: 'wrong CAN' }, true);

function run(actions: KioskAction[], from: KioskState = initialKioskState()): KioskState {
  return actions.reduce(kioskReducer, from);
}

function identity(slot: number, over: Partial<CardIdentity> = {}): CardIdentity {
  return { ...identityOf('s'.repeat(20), slot, false, fakeResult()), ...over };
}

const TWO_CARDS: FormDefinition = { ...FAKE_FORM, id: 'KET_HON', cards: 2 };
const FILLED: FilledForm = { formId: 'CT01', formVersion: '1', fields: [{ key: 'a', group: 'g', label: 'A', value: '', source: 'INPUT', provenance: 'citizen' }, { key: 'b', group: 'g', label: 'B', value: 'x', source: 'CHIP', provenance: 'chip' }] };

/** Consent given, the CAN entered, the first card read. */
const IDENTIFIED: KioskAction[] = [{ type: 'status', status: ON }, { type: 'consent', choice: 'yes' }, { type: 'continue' }, { type: 'keyEntered', key: { can: '123456' } }, { type: 'cardRead', identity: identity(0) }];

describe('kiosk flow', () => {
  it('consent: "Tiếp tục" does nothing without a choice; yes → key entry, no → declined', () => {
    expect(run([{ type: 'continue' }]).step.name).toBe('welcome');
    expect(run([{ type: 'consent', choice: 'yes' }, { type: 'continue' }]).step).toEqual({ name: 'key', slot: 0 });
    expect(run([{ type: 'consent', choice: 'no' }, { type: 'continue' }]).step.name).toBe('declined');
  });

  it('key → read → identity; a wrong code goes back to key entry for the same card, and the new code reads at once', () => {
    const s = run([{ type: 'status', status: ON }, { type: 'consent', choice: 'yes' }, { type: 'continue' }, { type: 'keyEntered', key: { can: '111111' } }]);
    expect(s.step).toEqual({ name: 'read', slot: 0, key: { can: '111111' } });
    const retry = run([{ type: 'status', status: WRONG_CODE }, { type: 'changeKey' }, { type: 'keyEntered', key: { can: '123456' } }], s);
    expect(retry.step).toEqual({ name: 'read', slot: 0, key: { can: '123456' } });
    // The failed read leaves the reader state at "error" with the card still on it: that counts as a card present,
    // so the read screen starts the read at once instead of waiting for "card-present".
    expect(cardPresent(retry.status)).toBe(true);
    expect(run([{ type: 'cardRead', identity: identity(0) }], retry).step.name).toBe('identity');
  });

  it('the header never keeps a failed read\'s error: it shows the card on the reader (or no card) instead', () => {
    expect(displayStatus(WRONG_CODE)?.state).toEqual({ state: 'card-present', reader: 'R0' });
    expect(displayStatus(status({ state: 'error', reader: 'R0', code: 'CARD_REMOVED', message: 'x' }, false))?.state).toEqual({ state: 'no-card', reader: 'R0' });
    expect(displayStatus(ON)).toBe(ON);
  });

  it('a wipe drops everything personal and any error, keeps the reader status and the catalogue, and says why', () => {
    const s = run([...IDENTIFIED, { type: 'catalogue', forms: [FAKE_FORM] }, { type: 'failed', error: 'error.CARD_ACCESS_DENIED' }, { type: 'wipe', reason: 'idle' }]);
    expect(s.identities).toEqual([]);
    expect(s.error).toBeNull();
    expect(s.consent).toBeNull();
    expect(s.step.name).toBe('welcome');
    expect(s.notice).toBe('wiped.idle');
    expect(s.forms).toEqual([FAKE_FORM]);
    expect(s.status).toBe(ON);
    // The next citizen's "Tiếp tục" clears the notice.
    expect(run([{ type: 'consent', choice: 'yes' }, { type: 'continue' }], s).notice).toBeNull();
  });

  it('an INVALID card cannot go to the procedures until a clerk overrides', () => {
    const s = run([...IDENTIFIED.slice(0, -1), { type: 'cardRead', identity: identity(0, { overall: 'INVALID' }) }, { type: 'goto', step: 'procedure' }]);
    expect(s.step.name).toBe('identity');
    const o = run([{ type: 'goto', step: 'override' }, { type: 'overrideGranted', token: 't', name: 'Cán bộ A' }, { type: 'goto', step: 'procedure' }], s);
    expect(o.override).toEqual({ token: 't', name: 'Cán bộ A' });
    expect(o.step.name).toBe('procedure');
  });

  it('two-card form: the second card is not read while the first is still on; lifting it lets the new card be read', () => {
    let s = run([...IDENTIFIED, { type: 'goto', step: 'procedure' }, { type: 'secondCardNeeded', form: TWO_CARDS }]);
    expect(s.step).toEqual({ name: 'key', slot: 1 });
    expect(awaitingSwap(s)).toBe(true);
    s = run([{ type: 'keyEntered', key: { can: '654321' } }], s);
    expect(s.step.name).toBe('read');
    expect(awaitingSwap(s)).toBe(true);
    s = run([{ type: 'status', status: OFF }], s);
    expect(awaitingSwap(s)).toBe(false);
    s = run([{ type: 'status', status: ON }, { type: 'cardRead', identity: identity(1, { document: { documentCode: 'ID', issuingState: 'VNM', documentNumber: '999' } }) }], s);
    expect(s.step.name).toBe('procedure');
    expect(readyToPrefill(s)).toBe(true);
  });

  it('two-card form in demo mode: choosing another sample card is the swap', () => {
    const demo = (index: number): CardStatus => ({ ...ON, demo: true, demoCard: { index, count: 4, label: `THẺ MẪU ${index + 1}`, can: '123456' } });
    let s = run([{ type: 'status', status: demo(0) }, ...IDENTIFIED.slice(1), { type: 'secondCardNeeded', form: TWO_CARDS }]);
    expect(awaitingSwap(s)).toBe(true);
    s = run([{ type: 'status', status: demo(0) }], s);
    expect(awaitingSwap(s)).toBe(true);
    s = run([{ type: 'status', status: demo(3) }], s);
    expect(awaitingSwap(s)).toBe(false);
  });

  it('two-card form: a first card lifted while the procedure was chosen needs no swap', () => {
    const s = run([...IDENTIFIED, { type: 'goto', step: 'procedure' }, { type: 'status', status: OFF }, { type: 'secondCardNeeded', form: TWO_CARDS }]);
    expect(awaitingSwap(s)).toBe(false);
  });

  it('the same card read twice is recognised by its document number and sends the flow back to the swap', () => {
    const a = identity(0);
    expect(sameCardTwice(a, identity(1))).toBe(true);
    expect(sameCardTwice(a, identity(1, { document: { ...a.document, documentNumber: 'other' } }))).toBe(false);
    const s = run([...IDENTIFIED, { type: 'secondCardNeeded', form: TWO_CARDS }, { type: 'status', status: OFF }, { type: 'keyEntered', key: { can: '123456' } }, { type: 'sameCard' }]);
    expect(s.step).toEqual({ name: 'key', slot: 1 });
    expect(s.error).toBe('swap.sameCard');
    expect(awaitingSwap(s)).toBe(true);
  });

  it('no reader service or no reader blocks the steps before a card is read, and only those', () => {
    const down = status({ state: 'service-down', reason: 'pcscd stopped' });
    expect(blockedByReader(run([{ type: 'status', status: down }]))).toBe(true);
    expect(blockedByReader(run([{ type: 'status', status: status({ state: 'no-reader' }) }, { type: 'consent', choice: 'yes' }, { type: 'continue' }]))).toBe(true);
    // A citizen already filling a form keeps it: the card has been read.
    const filling = run([...IDENTIFIED, { type: 'prefilled', form: FAKE_FORM, filled: FILLED }, { type: 'status', status: down }]);
    expect(blockedByReader(filling)).toBe(false);
    expect(blockedByReader(run([{ type: 'status', status: ON }]))).toBe(false);
  });

  it('form: an edit shows at once, goes to the server as an edit, and clears that field\'s problem; stale answers are dropped', () => {
    let s = run([...IDENTIFIED, { type: 'prefilled', form: FAKE_FORM, filled: FILLED }, { type: 'focus', key: 'a' }]);
    expect(editingField(s)).toBe('a');
    s = run([{ type: 'validated', filled: FILLED, issues: [{ key: 'a', message: 'Cần điền' }] }], s);
    expect(s.step.name).toBe('review');
    expect(editingField(s)).toBeNull();
    s = run([{ type: 'goto', step: 'form' }, { type: 'focus', key: 'a' }, { type: 'edit', key: 'a', value: 'Số 1' }, { type: 'edit', key: 'a', value: 'Số 12' }], s);
    expect(s.issues).toEqual([]);
    expect(s.edits).toEqual([{ key: 'a', value: 'Số 12' }]);
    expect(s.filled?.fields[0]?.value).toBe('Số 12');
    // The server's answer for the first keystroke arrives after the second: dropped.
    const server = (value: string): FilledForm => ({ ...FILLED, fields: [{ ...FILLED.fields[0]!, value, provenance: 'citizen' }, FILLED.fields[1]!] });
    expect(run([{ type: 'previewed', seq: s.editSeq - 1, filled: server('Số 1'), issues: [] }], s).filled?.fields[0]?.value).toBe('Số 12');
    const answered = run([{ type: 'previewed', seq: s.editSeq, filled: server('Số 12'), issues: [{ key: 'b', message: 'Sai' }] }], s);
    expect(answered.filled?.fields[0]).toMatchObject({ value: 'Số 12', provenance: 'citizen' });
    // After a review, problems follow each answer.
    expect(answered.issues).toEqual([{ key: 'b', message: 'Sai' }]);
  });

  it('form: before the first review, the server\'s problems are not shown while the citizen types', () => {
    const s = run([...IDENTIFIED, { type: 'prefilled', form: FAKE_FORM, filled: FILLED }, { type: 'edit', key: 'a', value: 'x' }]);
    expect(run([{ type: 'previewed', seq: s.editSeq, filled: FILLED, issues: [{ key: 'b', message: 'Sai' }] }], s).issues).toEqual([]);
  });

  it('printing: "printed" only after a real print job; finish → done', () => {
    let s = run([...IDENTIFIED, { type: 'preview', pdfBase64: 'JVBERi0=', kind: 'declaration' }]);
    expect(s.step.name).toBe('print');
    expect(s.printed).toBe(false);
    s = run([{ type: 'printed' }, { type: 'finish' }], s);
    expect(s.printed).toBe(true);
    expect(s.step.name).toBe('done');
  });

  it('read progress only moves forward (the photo\'s "reading" events do not take it back)', () => {
    let i = -1;
    const seen: number[] = [];
    for (const stage of ['connecting', 'access-control', 'reading', 'text-ready', 'reading', 'photo-ready', 'reading', 'verifying', 'done'] as const) seen.push((i = nextStageIndex(i, stage)));
    expect(seen).toEqual([0, 1, 2, 3, 3, 4, 4, 5, 6]);
  });

  it('review: the problem count is the number of notes shown (one per field on the form)', () => {
    const issues = [
      { key: 'a', message: 'Cần điền' },
      { key: 'a', message: 'Quá dài' },
      { key: 'missing', message: 'not on the form' },
      { key: 'b', message: 'Sai' },
    ];
    expect(visibleIssues(FILLED, issues).map((i) => i.key)).toEqual(['a', 'b']);
  });
});
