/**
 * The citizen's kiosk flow as a pure state machine: consent → key → place card → identity + checks → procedure →
 * pre-filled form (+ second card for two-card forms) → review → print → done, with its wipe rules. It imports no
 * React and no API client, so every rule is tested without a browser (the portable-core shape of the Belgian eID
 * viewer); KioskApp only runs the API calls and dispatches their results here.
 *
 * Everything personal lives in this state and `wipe` drops all of it (card removal, idle timeout, the end): the
 * reader status, the form catalogue and the settings are not personal and survive a wipe.
 */
import type { AppSettings, CardIdentity, CardKey, CardStatus, Dossier, FieldEdit, FieldIssue, FilledForm, FormDefinition, SessionWipeReason } from '../../../src/api/contract';
import type { MessageKey } from '../i18n/messages';
import { initialQueueFlow, isQueueAction, reduceQueue, type CodePurpose, type QueueAction, type QueueFlowState } from './kioskQueueFlow';

export type Slot = 0 | 1;

export type Step =
  | { name: 'welcome' }
  | { name: 'declined' }
  | { name: 'key'; slot: Slot }
  | { name: 'read'; slot: Slot; key: CardKey }
  | { name: 'identity' }
  | { name: 'override' }
  | { name: 'procedure' }
  | { name: 'form' }
  | { name: 'review' }
  | { name: 'print' }
  | { name: 'done' }
  // Without a card (kioskQueueFlow.ts): a ticket for "Tôi cần hỏi / nộp giấy tờ khác", the code screen of the status
  // look-up and of the rating, the look-up's result, the rating's questions and its thanks.
  | { name: 'ticket' }
  | { name: 'code'; purpose: CodePurpose }
  | { name: 'status' }
  | { name: 'rate' }
  | { name: 'rated' };

export type StepName = Step['name'];

export interface KioskState {
  step: Step;
  consent: 'yes' | 'no' | null;
  /** identities[0] = the first card, identities[1] = the second card of a two-card form. */
  identities: CardIdentity[];
  /**
   * Two-card forms: whether the reader has been seen without a card since the first card was read. Until then the
   * card on the reader is still the first person's, and reading it with the second person's code must not be tried.
   */
  firstCardLifted: boolean;
  override: { token: string; name: string } | null;
  /** The chosen form (set before the second card is read so the flow can continue to it). */
  def: FormDefinition | null;
  /** The form as the server last computed it (pre-fill + edits, derived fields such as dates in words). */
  filled: FilledForm | null;
  /**
   * The citizen's changes, last value per field. The server applies them (dossier.preview / dossier.save), so the
   * provenance and the derived fields follow one rule; the kiosk only shows the typed value until the answer comes.
   */
  edits: FieldEdit[];
  /** Counts edits: an answer computed for older edits than the newest is dropped. */
  editSeq: number;
  /** Problems are shown once the citizen has asked for the review, and then follow every change. */
  reviewed: boolean;
  issues: FieldIssue[];
  /** The field the citizen tapped (the on-screen keyboard types into it on the form step). */
  active: string | null;
  dossier: Dossier | null;
  pdf: { base64: string; kind: 'declaration' | 'slip' } | null;
  /** Whether a print job for the declaration was really sent (not just previewed). */
  printed: boolean;
  /** The queue ticket, status look-up and rating (kioskQueueFlow.ts); wiped with the rest. */
  queue: QueueFlowState;
  /** Why the last session ended (shown on the welcome screen). */
  notice: MessageKey | null;
  /** A message key, not text: the language can change while it is shown. */
  error: MessageKey | null;
  busy: boolean;
  status: CardStatus | null;
  forms: FormDefinition[];
  settings: AppSettings | null;
}

export type KioskAction =
  | { type: 'status'; status: CardStatus }
  | { type: 'catalogue'; forms: FormDefinition[] }
  | { type: 'settings'; settings: AppSettings }
  | { type: 'consent'; choice: 'yes' | 'no' }
  | { type: 'continue' }
  | { type: 'wipe'; reason: SessionWipeReason | null }
  | { type: 'keyEntered'; key: CardKey }
  | { type: 'changeKey' }
  | { type: 'cardRead'; identity: CardIdentity }
  | { type: 'sameCard' }
  | { type: 'goto'; step: 'identity' | 'override' | 'procedure' | 'form' }
  | { type: 'overrideGranted'; token: string; name: string }
  | { type: 'secondCardNeeded'; form: FormDefinition }
  | { type: 'busy' }
  | { type: 'prefilled'; form: FormDefinition; filled: FilledForm }
  | { type: 'focus'; key: string | null }
  | { type: 'edit'; key: string; value: string }
  | { type: 'previewed'; seq: number; filled: FilledForm; issues: FieldIssue[] }
  | { type: 'validated'; filled: FilledForm; issues: FieldIssue[] }
  | { type: 'saved'; dossier: Dossier }
  | { type: 'preview'; pdfBase64: string | null; kind: 'declaration' | 'slip' }
  | { type: 'printed' }
  | { type: 'finish' }
  | { type: 'failed'; error: MessageKey }
  | { type: 'dismissError' }
  | QueueAction;

/** Seconds the done screen stays before it clears itself for the next citizen. */
export const DONE_RESET_S = 20;

const PERSONAL: Omit<KioskState, 'status' | 'forms' | 'settings' | 'notice'> = {
  step: { name: 'welcome' },
  consent: null,
  identities: [],
  firstCardLifted: false,
  override: null,
  def: null,
  filled: null,
  edits: [],
  editSeq: 0,
  reviewed: false,
  issues: [],
  active: null,
  dossier: null,
  pdf: null,
  printed: false,
  queue: initialQueueFlow(),
  error: null,
  busy: false,
};

export function initialKioskState(): KioskState {
  return { ...PERSONAL, notice: null, status: null, forms: [], settings: null };
}

/** Whether a card lies on the reader, whatever the last read did (a failed read leaves the state at "error"). */
export function cardPresent(status: CardStatus | null): boolean {
  const s = status?.state.state;
  if (s === 'card-present' || s === 'reading') return true;
  if (s === 'error') return status!.readers.some((r) => r.cardPresent);
  return false;
}

/**
 * What the reader status means for a citizen, with a failed read's error folded back into "card on the reader" or
 * "no card": the read screen says what went wrong with the read, so the header must not keep a stale reader error
 * (and carry it into the next citizen's session).
 */
export function displayStatus(status: CardStatus | null): CardStatus | null {
  if (!status || status.state.state !== 'error') return status;
  const withCard = status.readers.find((r) => r.cardPresent);
  const reader = withCard?.name ?? status.readers[0]?.name ?? status.state.reader;
  if (!reader) return { ...status, state: { state: 'no-reader' } };
  return { ...status, state: withCard ? { state: 'card-present', reader } : { state: 'no-card', reader } };
}

/** No reader service or no reader: a citizen cannot go on, so the kiosk asks them to call a clerk instead. */
export function readerUnavailable(status: CardStatus | null): boolean {
  const s = status?.state.state;
  return s === 'service-down' || s === 'no-reader';
}

/** The steps that need a reader: before a card has been read, nothing else can be done at the kiosk. */
export function blockedByReader(state: KioskState): boolean {
  return readerUnavailable(state.status) && (state.step.name === 'key' || state.step.name === 'read' || (state.step.name === 'welcome' && state.identities.length === 0));
}

export function isInvalid(state: KioskState): boolean {
  return state.identities.some((i) => i.overall === 'INVALID');
}

/** The field being typed into: only the form step edits (review shows the same fields read-only). */
export function editingField(state: KioskState): string | null {
  return state.step.name === 'form' ? state.active : null;
}

/** Whether the chosen form needs another card before it can be pre-filled. */
export function needsSecondCard(state: KioskState, form: FormDefinition): boolean {
  return form.cards === 2 && state.identities.length < 2;
}

/** The second card has been read for the chosen two-card form: pre-fill it now. */
export function readyToPrefill(state: KioskState): boolean {
  return state.step.name === 'procedure' && !!state.def && state.def.cards === 2 && state.identities.length === 2 && !state.filled && !state.busy;
}

/**
 * The read screen for the second card while the first person's card is still on the reader: do not read it with the
 * second person's code (that fails as a wrong code); ask for the swap and read as soon as the new card lands.
 */
export function awaitingSwap(state: KioskState): boolean {
  return (state.step.name === 'read' || state.step.name === 'key') && state.step.slot === 1 && !state.firstCardLifted;
}

/** The second read returned the first person's card again (same document number): ask for the swap. */
export function sameCardTwice(first: CardIdentity | undefined, second: CardIdentity): boolean {
  return !!first && first.document.documentNumber === second.document.documentNumber && first.holder.idNumber === second.holder.idNumber;
}

function withTypedValues(filled: FilledForm, edits: FieldEdit[]): FilledForm {
  const typed = new Map(edits.map((e) => [e.key, e.value]));
  return { ...filled, fields: filled.fields.map((f) => (typed.has(f.key) ? { ...f, value: typed.get(f.key)! } : f)) };
}

export function kioskReducer(state: KioskState, action: KioskAction): KioskState {
  if (isQueueAction(action)) return reduceQueue(state, action);
  switch (action.type) {
    case 'status': {
      // Demo mode swaps the built-in sample card without an empty reader in between: a new sample is a new card.
      const demoSwapped = !!state.status?.demoCard && !!action.status.demoCard && state.status.demoCard.index !== action.status.demoCard.index;
      const lifted = state.firstCardLifted || (state.identities.length > 0 && ((!cardPresent(action.status) && !readerUnavailable(action.status)) || demoSwapped));
      return { ...state, status: action.status, firstCardLifted: lifted };
    }
    case 'catalogue':
      return { ...state, forms: action.forms };
    case 'settings':
      return { ...state, settings: action.settings };
    case 'consent':
      return { ...state, consent: action.choice };
    case 'continue':
      if (state.step.name !== 'welcome' || !state.consent) return state;
      return { ...state, notice: null, step: state.consent === 'yes' ? { name: 'key', slot: 0 } : { name: 'declined' } };
    case 'wipe':
      return { ...state, ...PERSONAL, notice: action.reason ? (`wiped.${action.reason}` as MessageKey) : null };
    case 'keyEntered':
      if (state.step.name !== 'key') return state;
      return { ...state, error: null, step: { name: 'read', slot: state.step.slot, key: action.key } };
    case 'changeKey':
      if (state.step.name !== 'read') return state;
      return { ...state, step: { name: 'key', slot: state.step.slot } };
    case 'cardRead': {
      const id = action.identity;
      const identities = [...state.identities.filter((p) => p.slot !== id.slot), id];
      return { ...state, error: null, identities, step: id.slot === 0 ? { name: 'identity' } : { name: 'procedure' } };
    }
    case 'sameCard':
      // The first person's card was read again as the second: ask for the swap and wait for it.
      return { ...state, error: 'swap.sameCard', firstCardLifted: false, step: { name: 'key', slot: 1 } };
    case 'goto':
      if (action.step === 'procedure' && isInvalid(state) && !state.override) return state;
      return { ...state, step: { name: action.step }, active: null };
    case 'overrideGranted':
      return { ...state, override: { token: action.token, name: action.name }, step: { name: 'identity' } };
    case 'secondCardNeeded':
      // The first card may already have been lifted while the procedure was chosen.
      return { ...state, def: action.form, firstCardLifted: !cardPresent(state.status), step: { name: 'key', slot: 1 } };
    case 'busy':
      return { ...state, busy: true, error: null };
    case 'prefilled':
      return { ...state, busy: false, def: action.form, filled: action.filled, edits: [], editSeq: 0, reviewed: false, issues: [], active: null, step: { name: 'form' } };
    case 'focus':
      return { ...state, active: action.key };
    case 'edit': {
      if (!state.filled) return state;
      const fields = state.filled.fields.map((f) => (f.key === action.key ? { ...f, value: action.value } : f));
      const edits = [...state.edits.filter((e) => e.key !== action.key), { key: action.key, value: action.value }];
      // A field's problem note goes as soon as the field changes: the citizen sees at once that it is being fixed.
      return { ...state, filled: { ...state.filled, fields }, edits, editSeq: state.editSeq + 1, issues: state.issues.filter((i) => i.key !== action.key) };
    }
    case 'previewed':
      if (action.seq !== state.editSeq || !state.filled) return state;
      // The server's answer brings provenance and derived fields; the text being typed stays as typed (the server
      // may trim a trailing space the citizen is about to follow with the next word).
      return { ...state, filled: withTypedValues(action.filled, state.edits), issues: state.reviewed ? action.issues : [] };
    case 'validated':
      return { ...state, busy: false, active: null, filled: action.filled, issues: action.issues, reviewed: true, step: { name: 'review' } };
    case 'saved':
      return { ...state, dossier: action.dossier };
    case 'preview':
      return { ...state, busy: false, pdf: action.pdfBase64 ? { base64: action.pdfBase64, kind: action.kind } : null, step: { name: 'print' } };
    case 'printed':
      return { ...state, busy: false, printed: true };
    case 'finish':
      return { ...state, busy: false, step: { name: 'done' } };
    case 'failed':
      return { ...state, busy: false, error: action.error };
    case 'dismissError':
      return { ...state, error: null };
  }
}
