/**
 * Pre-fill: form definition + verified card holders + office configuration → a filled form whose every field says
 * where its value came from (forms.md §4.3: "lấy từ chip", "người dân khai", "cán bộ sửa").
 *
 * Rules that protect against known mapping bugs (forms.md §0.2, §1.4):
 * - the holder's own parents (DG13 #13) are never copied anywhere: on a birth declaration the child's parents
 *   come only from a parent's *own* card;
 * - the two marriage cards go to Bên nữ / Bên nam by the sex on each card, never by read order;
 * - the old 3-level chip address is converted to the 2025 units; ambiguity is surfaced, never guessed; the chip
 *   text stays in rawValue.
 */
import type { Holder } from '../card/result';
import { normalizeEthnicity } from '../vn/ethnicity';
import { convertAddress } from '../vn/address';
import { dateInWords, placeDateLine, toDmy, vnDate } from '../vn/dates';
import { getForm, getFormVersion } from './catalogue';
import { identityDocument } from './identityDocument';
import { cleanText, foldKey } from '../vn/text';
import type { FieldBinding, FilledField, FilledForm, FormDefinition, FormField, FormId, OfficeConfig, PersonAttr, PersonRole, Provenance } from './types';

export class PrefillError extends Error {
  override readonly name = 'PrefillError';
}

export interface PrefillOptions {
  /** The moment the dossier is made: selects the form version and dates "Làm tại …, ngày …". Default now. */
  at?: Date;
  /** Explicit card index per role, overriding the defaults below. */
  roles?: Partial<Record<PersonRole, number>>;
  /** Values the citizen already typed (key → value), applied with provenance 'citizen'. */
  inputs?: Record<string, string>;
}

type Roles = Partial<Record<PersonRole, Holder>>;

function bySex(holders: Holder[], formId: FormId): { F?: Holder; M?: Holder } {
  const out: { F?: Holder; M?: Holder } = {};
  for (const h of holders) {
    if (h.sex !== 'F' && h.sex !== 'M') throw new PrefillError(`${formId}: a card has no sex field, cannot assign it to a column`);
    if (out[h.sex]) throw new PrefillError(`${formId}: two cards with the same sex; expected one F and one M`);
    out[h.sex] = h;
  }
  return out;
}

/** "mẹ"/"Mẹ"/"me" → mother, "cha"/"bố"/"ba" → father, anything else (ông, bà …) → not a parent. */
function parentOf(relationship: string | undefined): 'mother' | 'father' | null {
  const k = foldKey(relationship ?? '');
  if (k === 'me') return 'mother';
  if (k === 'cha' || k === 'bo' || k === 'ba') return 'father';
  return null;
}

/** Which card plays which role: the form's own RoleRule (forms.md §1.3 source columns), then explicit overrides. */
function resolveRoles(def: FormDefinition, holders: Holder[], opts: PrefillOptions): Roles {
  const rule = def.roles;
  const roles: Roles = {};
  rule.byOrder?.forEach((role, i) => {
    if (holders[i]) roles[role] = holders[i];
  });
  if (rule.bySex) {
    const { F, M, minCards = 1, maxCards } = rule.bySex;
    if (maxCards !== undefined && holders.length > maxCards) throw new PrefillError(`${def.id} takes at most ${maxCards === 2 ? 'two cards' : `${maxCards} cards`}`);
    if (holders.length >= minCards) {
      const s = bySex(holders.slice(0, Math.max(minCards, 2)), def.id);
      roles[F] = s.F;
      roles[M] = s.M;
    }
  }
  const first = holders[0];
  if (rule.byRelationship && holders.length === 1 && first) {
    const parent = parentOf(opts.inputs?.[rule.byRelationship.field]);
    if (parent) {
      if (first.sex !== (parent === 'mother' ? 'F' : 'M')) throw new PrefillError(`${def.id}: the stated relationship does not match the sex on the card`);
      roles[rule.byRelationship[parent]] = first;
    }
  }
  for (const [role, other] of Object.entries(rule.sameAs ?? {}) as [PersonRole, PersonRole][]) roles[role] ??= roles[other];
  for (const [role, index] of Object.entries(opts.roles ?? {}) as [PersonRole, number][]) {
    const h = holders[index];
    if (!h) throw new PrefillError(`role ${role} points to card ${index}, which was not read`);
    roles[role] = h;
  }
  return roles;
}

interface Computed {
  value: string;
  provenance: Provenance;
  rawValue?: string | null;
  attention?: string | null;
  choices?: string[];
}

const EMPTY: Computed = { value: '', provenance: 'citizen' };

function personValue(h: Holder, attr: PersonAttr, fd: FormField, at: Date): Computed {
  switch (attr) {
    case 'fullName':
      return h.fullName ? { value: cleanText(h.fullName), provenance: 'chip' } : EMPTY;
    case 'dateOfBirth': {
      const d = toDmy(h.dateOfBirth);
      return d ? { value: d, provenance: 'chip' } : EMPTY;
    }
    case 'yearOfBirth': {
      const d = toDmy(h.dateOfBirth);
      return d ? { value: d.slice(6), provenance: 'derived' } : EMPTY;
    }
    case 'sex':
      return h.sex ? { value: h.sex === 'F' ? 'Nữ' : 'Nam', provenance: 'chip' } : EMPTY;
    case 'idNumber':
      return h.idNumber ? { value: h.idNumber, provenance: 'chip' } : EMPTY;
    case 'nationality': {
      const raw = h.nationality ? cleanText(h.nationality) : '';
      if (raw === 'Việt Nam') return { value: raw, provenance: 'chip' };
      // A CCCD is only issued to Vietnamese citizens (forms.md §1.4 "Nationality": default "Việt Nam").
      if (!raw || ['vietnam', 'vnm', 'vn'].includes(foldKey(raw))) return { value: 'Việt Nam', provenance: 'derived', rawValue: raw || null };
      return { value: raw, provenance: 'chip' };
    }
    case 'ethnicity': {
      const m = normalizeEthnicity(h.ethnicity);
      if (!m) return EMPTY;
      if (!m.name) {
        return {
          value: m.raw, provenance: 'chip', rawValue: m.raw,
          attention: `Dân tộc “${m.raw}” không có trong danh mục 54 dân tộc Việt Nam: đề nghị kiểm tra và ghi đúng tên dân tộc.`,
        };
      }
      return m.name === m.raw ? { value: m.name, provenance: 'chip' } : { value: m.name, provenance: 'derived', rawValue: m.raw };
    }
    case 'residence': {
      // TT 04/2024/TT-BTP notes: "Nơi cư trú" is written only when no số định danh cá nhân is given.
      if (fd.onlyWithoutIdNumber && h.idNumber) return { value: '', provenance: 'derived' };
      if (!h.placeOfResidence || !cleanText(h.placeOfResidence)) return EMPTY;
      const c = convertAddress(h.placeOfResidence);
      const base = { rawValue: c.raw, attention: c.attention };
      switch (c.status) {
        case 'unique':
          return { ...base, value: c.value, provenance: 'derived' };
        case 'current':
          return { ...base, value: c.value, provenance: 'chip' };
        case 'ambiguous':
          return { ...base, value: '', provenance: 'derived', choices: c.choices.map((x) => x.display) };
        default:
          return { ...base, value: c.raw, provenance: 'chip' };
      }
    }
    case 'identityDocument': {
      const d = identityDocument(h, at);
      return d.text ? { value: d.text, provenance: 'derived', attention: d.attention } : EMPTY;
    }
  }
}

/** "UBND xã Tân Phú" → "xã Tân Phú"; "Ủy ban nhân dân phường Ba Đình" → "phường Ba Đình". */
function communeUnit(office: OfficeConfig): string {
  const t = cleanText(office.communeName).replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/iu, '');
  return t.charAt(0).toLowerCase() + t.slice(1);
}

/** "xã Tân Phú" → "Tân Phú". */
function placeName(office: OfficeConfig): string {
  return office.placeName ? cleanText(office.placeName) : communeUnit(office).replace(/^(xã|phường|thị trấn|đặc khu)\s+/iu, '');
}

function configValue(kind: Extract<FieldBinding, { config: string }>['config'], office: OfficeConfig, at: Date): Computed {
  switch (kind) {
    // An unconfigured office leaves these empty (never "Công an " or ", ngày …"): validation and printing refuse it.
    case 'recipient':
      return { value: cleanText(office.communeName), provenance: 'config' };
    case 'policeRecipient':
      if (office.policeName && cleanText(office.policeName)) return { value: cleanText(office.policeName), provenance: 'config' };
      return { value: communeUnit(office) ? `Công an ${communeUnit(office)}` : '', provenance: 'config' };
    case 'placeDate': {
      const place = placeName(office);
      return { value: place ? placeDateLine(place, at) : '', provenance: 'derived' };
    }
    case 'today': {
      const d = vnDate(at);
      return { value: toDmy(`${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`) ?? '', provenance: 'derived' };
    }
    case 'todayInWords': {
      const d = vnDate(at);
      return { value: dateInWords(`${d.day}/${d.month}/${d.year}`) ?? '', provenance: 'derived' };
    }
  }
}

function emptyFor(f: FormField): Computed {
  return { value: '', provenance: f.inputBy === 'clerk' ? 'clerk' : 'citizen' };
}

function toFilled(f: FormField, c: Computed): FilledField {
  const out: FilledField = {
    key: f.key, group: f.group, label: f.label, value: c.value, source: f.source, provenance: c.provenance,
    rawValue: c.rawValue ?? null, attention: c.attention ?? null,
  };
  if (c.choices?.length) out.choices = c.choices;
  return out;
}

function recomputeInWords(def: FormDefinition, fields: FilledField[], onlyOf?: string): FilledField[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  return fields.map((f) => {
    const fd = def.fields.find((x) => x.key === f.key);
    if (!fd?.bind || !('inWordsOf' in fd.bind) || (onlyOf !== undefined && fd.bind.inWordsOf !== onlyOf)) return f;
    const src = byKey.get(fd.bind.inWordsOf);
    return { ...f, value: dateInWords(src?.value) ?? '', provenance: 'derived' as const };
  });
}

/** Pre-fills form `formId` (the version in force at opts.at) from the read cards. */
export function prefill(formId: FormId, holders: Holder[], office: OfficeConfig, opts: PrefillOptions = {}): FilledForm {
  const at = opts.at ?? new Date();
  const def = getForm(formId, at);
  if (!def) throw new PrefillError(`no version of ${formId} is in force at ${at.toISOString()}`);
  const roles = resolveRoles(def, holders, opts);
  let fields = def.fields.map((f) => {
    const b = f.bind;
    if (!b || 'inWordsOf' in b) return toFilled(f, b ? { value: '', provenance: 'derived' } : emptyFor(f));
    if ('config' in b) return toFilled(f, configValue(b.config, office, at));
    const h = roles[b.person];
    if (!h) return toFilled(f, emptyFor(f));
    return toFilled(f, personValue(h, b.attr, f, at));
  });
  let filled: FilledForm = { formId: def.id, formVersion: def.version, fields };
  for (const [key, value] of Object.entries(opts.inputs ?? {})) filled = applyEdit(filled, key, value, 'citizen');
  fields = recomputeInWords(def, filled.fields);
  return { ...filled, fields };
}

/**
 * A person's edit: sets the value, records who made it, clears the attention note (the decision is made), keeps the
 * chip's rawValue for audit, and re-derives dependent fields (dates in words).
 */
export function applyEdit(filled: FilledForm, key: string, value: string, by: 'citizen' | 'clerk'): FilledForm {
  const def = getFormVersion(filled.formId, filled.formVersion);
  const target = filled.fields.find((f) => f.key === key);
  if (!target) throw new Error(`unknown field key ${key} for ${filled.formId}`);
  const fd = def?.fields.find((f) => f.key === key);
  let v = value.normalize('NFC').trim();
  if (fd?.type === 'date') v = toDmy(v) ?? v;
  else if (fd?.type !== 'textarea') v = cleanText(v);
  const fields = filled.fields.map((f) => (f.key === key ? { ...f, value: v, provenance: by, attention: null } : f));
  return { ...filled, fields: def ? recomputeInWords(def, fields, key) : fields };
}
