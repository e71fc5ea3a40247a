/**
 * In-memory fakes of the services the API core takes, for unit tests of the core and the hosts.
 * The e2e tests (tests/e2e/) use the real modules instead.
 */
import { emptyHolder, type ReadProgress, type ReadResult, type Verification } from '../../src/card/result';
import { CardServiceError, type CardService, type CardStatus, type ReadRequest } from '../../src/services/types';
import { StoreError, type AuditEntry, type ClerkAccount, type Dossier, type DossierStatus, type DossierStore } from '../../src/store/types';
import type { FilledForm, FormDefinition } from '../../src/forms/types';
import type { FormsPort, PrintPort, PrintSink } from '../../src/api/ports';
import { ApiCore, SETTINGS_KEY, type ApiCoreOptions } from '../../src/api/core';

export function fakeResult(over: Partial<Verification> = {}): ReadResult {
  return {
    holder: { ...emptyHolder(), idNumber: '001099012345', fullName: 'NGUYỄN VĂN MẪU', dateOfBirth: '1990-01-02', sex: 'M', placeOfResidence: 'Xã Tân Phú, Tỉnh Đồng Nai' },
    document: { documentCode: 'ID', issuingState: 'VNM', documentNumber: '099012345', mrz: 'IDVNM...' },
    photo: { format: 'JPEG', dataBase64: 'AAAA', sha256: '00', width: 1, height: 1, displayDataUrl: 'data:image/jpeg;base64,AAAA' },
    verification: { accessControl: 'PACE-CAN', passive: 'VALID', dataGroups: { DG1: 'VALID', DG2: 'VALID', DG13: 'VALID' }, chipAuthentication: 'VALID', activeAuthentication: 'NOT_SUPPORTED', ...over },
    stats: { apdus: 1, bytesIn: 1, bytesOut: 1, wallMs: 1, cpuMs: 1 },
  };
}

export class FakeCard implements CardService {
  current: CardStatus = { demo: true, readers: [{ name: 'R0', cardPresent: true }], state: { state: 'card-present', reader: 'R0' } };
  next: ReadResult | Error = fakeResult();
  requests: ReadRequest[] = [];
  private listeners = new Set<(s: CardStatus) => void>();
  status(): CardStatus {
    return this.current;
  }
  onStatus(l: (s: CardStatus) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  set(state: CardStatus['state']): void {
    const keep = state.state === 'error' && this.current.readers.some((r) => r.cardPresent);
    this.current = { ...this.current, state, readers: [{ name: 'R0', cardPresent: keep || state.state === 'card-present' || state.state === 'reading' }] };
    for (const l of this.listeners) l(this.current);
  }
  async read(req: ReadRequest, onProgress?: (p: ReadProgress) => void): Promise<ReadResult> {
    this.requests.push(req);
    if (this.next instanceof Error) throw this.next;
    onProgress?.({ stage: 'connecting' });
    onProgress?.({ stage: 'text-ready', holder: this.next.holder, document: this.next.document });
    if (this.next.photo) onProgress?.({ stage: 'photo-ready', photo: this.next.photo });
    onProgress?.({ stage: 'done', result: this.next });
    return this.next;
  }
  cancel(): void {
    this.next = new CardServiceError('CANCELLED', 'cancelled');
  }
  async close(): Promise<void> {}
}

export class FakeStore implements DossierStore {
  dossiers = new Map<string, Dossier>();
  settings = new Map<string, unknown>();
  auditLog: AuditEntry[] = [];
  users = new Map<string, ClerkAccount & { password: string }>();
  private seq = 0;
  private log(actor: string, action: string, recordId: string | null): void {
    this.auditLog.push({ seq: ++this.seq, at: new Date().toISOString(), actor, action, recordId, recordHash: null, chainHash: 'x' });
  }
  createDossier(input: { formId: Dossier['formId']; formVersion: string; fields: Dossier['fields']; actor: string; verificationOverride?: boolean }): Dossier {
    const now = new Date().toISOString();
    const d: Dossier = { id: `HS-${this.dossiers.size + 1}`, formId: input.formId, formVersion: input.formVersion, status: 'draft', fields: input.fields, createdAt: now, updatedAt: now, history: [{ status: 'created', at: now, actor: input.actor }], verificationOverride: input.verificationOverride };
    this.dossiers.set(d.id, d);
    this.log(input.actor, input.verificationOverride ? 'dossier.create.override' : 'dossier.create', d.id);
    return d;
  }
  updateFields(id: string, fields: Dossier['fields'], actor: string): Dossier {
    const d = this.mustGet(id);
    d.fields = fields;
    this.log(actor, 'dossier.update', id);
    return d;
  }
  transition(id: string, to: DossierStatus, actor: string): Dossier {
    const d = this.mustGet(id);
    const order: DossierStatus[] = ['draft', 'completed', 'printed', 'handed_over'];
    if (order.indexOf(to) < order.indexOf(d.status)) throw new StoreError('INVALID_TRANSITION', `${d.status} -> ${to}`);
    d.status = to;
    this.log(actor, `dossier.${to}`, id);
    return d;
  }
  get(id: string): Dossier | null {
    return this.dossiers.get(id) ?? null;
  }
  list(): ReturnType<DossierStore['list']> {
    return [...this.dossiers.values()].map((d) => ({ id: d.id, formId: d.formId, status: d.status, fullName: d.fields.find((f) => f.key === 'fullName')?.value ?? null, idNumber: d.fields.find((f) => f.key === 'idNumber')?.value ?? null, createdAt: d.createdAt, updatedAt: d.updatedAt }));
  }
  search(q: string): ReturnType<DossierStore['list']> {
    return this.list().filter((s) => (s.fullName ?? '').toLowerCase().includes(q.toLowerCase()) || (s.idNumber ?? '').includes(q));
  }
  deleteCitizen(idNumber: string, actor: string): number {
    let n = 0;
    for (const s of this.list()) if (s.idNumber === idNumber) n += this.dossiers.delete(s.id) ? 1 : 0;
    this.log(actor, 'citizen.delete', null);
    return n;
  }
  purgeOlderThan(): number {
    return 0;
  }
  recordAccess(action: string, id: string, actor: string): void {
    this.log(actor, action, id);
  }
  audit(): AuditEntry[] {
    return this.auditLog;
  }
  verifyAudit(): number | null {
    return null;
  }
  async backupNow(): Promise<string> {
    return '/dev/null';
  }
  createUser(u: ClerkAccount & { password: string }, _actor?: string): void {
    this.users.set(u.username, u);
  }
  async login(username: string, password: string): Promise<ClerkAccount> {
    const u = this.users.get(username);
    if (!u || u.password !== password) throw new StoreError('BAD_CREDENTIALS', 'bad credentials');
    return { username: u.username, displayName: u.displayName, role: u.role };
  }
  listUsers(): ClerkAccount[] {
    return [...this.users.values()];
  }
  getSetting<T>(key: string): T | null {
    return (this.settings.get(key) as T) ?? null;
  }
  setSetting(key: string, value: unknown): void {
    this.settings.set(key, value);
  }
  close(): void {}
  private mustGet(id: string): Dossier {
    const d = this.dossiers.get(id);
    if (!d) throw new StoreError('NOT_FOUND', id);
    return d;
  }
}

export const FAKE_FORM: FormDefinition = {
  id: 'CT01',
  title: 'TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ',
  titleEn: 'Residence information change declaration',
  version: '2023',
  effectiveFrom: '2023-07-01',
  legalBasis: 'Thông tư 66/2023/TT-BCA',
  cards: 1,
  code: 'CT01',
  roles: { byOrder: ['requester'] },
  fields: [
    { key: 'fullName', group: 'Thông tin người khai', label: 'Họ, chữ đệm và tên', labelEn: 'Full name', type: 'text', source: 'CHIP', validation: { required: true } },
    { key: 'idNumber', group: 'Thông tin người khai', label: 'Số định danh cá nhân', labelEn: 'ID number', type: 'idNumber', source: 'CHIP', validation: { required: true } },
    { key: 'phone', group: 'Thông tin người khai', label: 'Số điện thoại liên hệ', labelEn: 'Phone', type: 'phone', source: 'INPUT' },
  ],
};
export const FAKE_FORM_2: FormDefinition = { ...FAKE_FORM, id: 'KET_HON', title: 'TỜ KHAI ĐĂNG KÝ KẾT HÔN', cards: 2 };

export const fakeForms: FormsPort = {
  list: () => [FAKE_FORM, FAKE_FORM_2],
  get: (id) => [FAKE_FORM, FAKE_FORM_2].find((f) => f.id === id) ?? null,
  prefill: (formId, holders): FilledForm => ({
    formId,
    formVersion: '2023',
    fields: [
      { key: 'fullName', group: 'Thông tin người khai', label: 'Họ, chữ đệm và tên', value: holders[0]?.fullName ?? '', source: 'CHIP', provenance: 'chip' },
      { key: 'idNumber', group: 'Thông tin người khai', label: 'Số định danh cá nhân', value: holders[0]?.idNumber ?? '', source: 'CHIP', provenance: 'chip' },
      { key: 'phone', group: 'Thông tin người khai', label: 'Số điện thoại liên hệ', value: '', source: 'INPUT', provenance: 'citizen' },
    ],
  }),
  validate: (_def, filled) => filled.fields.filter((f) => f.key === 'fullName' && !f.value).map((f) => ({ key: f.key, message: 'Bắt buộc' })),
  exportJson: (_def, d) => new TextEncoder().encode(JSON.stringify({ id: d.id })),
  applyEdit: (filled, key, value, by) => ({ ...filled, fields: filled.fields.map((f) => (f.key === key ? { ...f, value: value.trim(), provenance: by, attention: null } : f)) }),
};

export const fakePrint: PrintPort = {
  declaration: async () => new TextEncoder().encode('%PDF-1.7 declaration'),
  slip: async () => new TextEncoder().encode('%PDF-1.7 slip'),
};

export class FakeSink implements PrintSink {
  available = true;
  jobs: { printer: string | null; bytes: number }[] = [];
  async print(pdf: Uint8Array, printer: string | null): Promise<void> {
    this.jobs.push({ printer, bytes: pdf.length });
  }
}

export function makeCore(over: Partial<ApiCoreOptions> = {}): { core: ApiCore; card: FakeCard; store: FakeStore; sink: FakeSink } {
  const card = new FakeCard();
  const store = new FakeStore();
  store.createUser({ username: 'canbo', displayName: 'Cán bộ', role: 'clerk', password: 'pw-clerk' }, 'test');
  store.createUser({ username: 'admin', displayName: 'Quản trị', role: 'admin', password: 'pw-admin' }, 'test');
  // A configured office: a declaration never prints with "Kính gửi" or the place left empty.
  store.setSetting(SETTINGS_KEY, { communeName: 'UBND xã Tân Phú', provinceName: 'Tỉnh Đồng Nai' });
  const sink = new FakeSink();
  const core = new ApiCore({ card, store, forms: fakeForms, print: fakePrint, sink, host: 'browser', mode: 'kiosk', demo: true, version: '0.1.0', sweepIntervalMs: 0, ...over });
  return { core, card, store, sink };
}
