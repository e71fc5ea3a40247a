/**
 * DG13 of the Vietnamese CCCD (cccd.md §4): 6D { SEQUENCE { INTEGER version, OID 1.0.10646.1.0.8 (UTF-8),
 * SET OF SEQUENCE { INTEGER fieldNumber, value } } }. Fields are identified by the INTEGER, never by position,
 * any field may be absent, and lengths may be long-form (addresses > 127 bytes). Parsed with the real BER
 * decoder, not byte-pattern scans (cccd.md §4.3 item 4).
 */
import { decodeAll, decodeOne, TlvError, type Tlv, isConstructed, unsignedValue } from '../asn1/tlv';
import { emptyHolder, type Holder } from '../result';
import { decodeOid } from '../asn1/der';

/** Field numbers (cccd.md §4.2). */
export const DG13_FIELD = {
  idNumber: 1, fullName: 2, dateOfBirth: 3, sex: 4, nationality: 5, ethnicity: 6, religion: 7,
  placeOfOrigin: 8, placeOfResidence: 9, personalIdentification: 10, dateOfIssue: 11, dateOfExpiry: 12,
  parents: 13, spouse: 14, oldIdNumber: 15, field16: 16,
} as const;

/**
 * The holder fields of result.ts (ISO dates; dateOfExpiry null when absent, unparsable or "Không thời hạn" —
 * see noExpiry; oldIdNumber = field 15, the old 9-digit CMND on most cards, semantics disputed per cccd.md §4.3
 * item 2) plus what only DG13 has.
 */
export interface Dg13 extends Holder {
  version: number | null;
  /** Text-encoding OID; 1.0.10646.1.0.8 = UTF-8. */
  encodingOid: string | null;
  noExpiry: boolean;
  /** Field 16: opaque 16-character value, kept as is. */
  field16: string | null;
  /** Every field's string leaves in document order, by field number (disputed semantics stay inspectable). */
  fields: Map<number, string[]>;
  /** Field number → leaves joined with " | " (for DocumentInfo.rawDg13). */
  rawFields: Record<string, string>;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** X.690 string types → text; ASCII-only types are decoded as UTF-8 too, which is a superset. */
function stringOf(t: Tlv): string | undefined {
  switch (t.tag) {
    case 0x0c: // UTF8String
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x1a: // VisibleString
    case 0x14: // T61String: only seen with ASCII content
      return utf8.decode(t.value).normalize('NFC');
    case 0x1e: { // BMPString (UTF-16BE)
      let s = '';
      for (let i = 0; i + 1 < t.value.length; i += 2) s += String.fromCharCode((t.value[i]! << 8) | t.value[i + 1]!);
      return s.normalize('NFC');
    }
    default:
      return undefined;
  }
}

/**
 * Real DG13s nest 5 levels (6D, SEQUENCE, SET, field SEQUENCE, value SEQUENCE, cccd.md §4.1); the recursion
 * below stops well above that, before a crafted file can exhaust the stack.
 */
const MAX_DEPTH = 12;

function checkDepth(depth: number): void {
  if (depth > MAX_DEPTH) throw new TlvError(`DG13: nested deeper than ${MAX_DEPTH} levels`);
}

/** Collect every string leaf under `value` in document order (handles both shapes of field 13, cccd.md §4.3 item 1). */
function stringLeaves(tlvs: Tlv[], out: string[], depth: number): void {
  checkDepth(depth);
  for (const t of tlvs) {
    const s = stringOf(t);
    if (s !== undefined) out.push(s);
    else if (isConstructed(t.tag)) stringLeaves(decodeAll(t.value), out, depth + 1);
  }
}

/** dd/MM/yyyy (also d/M/yyyy, dd-MM-yyyy, ddMMyyyy) → ISO; null when not a real date. */
export function dg13DateToIso(text: string | null): string | null {
  if (!text) return null;
  const m = /^(\d{1,2})[/.-]?(\d{1,2})[/.-]?(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function fold(s: string): string {
  return s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

const NO_EXPIRY = fold('Không thời hạn');

export function isNoExpiryText(s: string | null): boolean {
  return s !== null && fold(s) === NO_EXPIRY;
}

export function sexFromVietnamese(s: string | null): 'M' | 'F' | null {
  if (!s) return null;
  const f = fold(s);
  if (f === 'nam' || f === 'm' || f === 'male') return 'M';
  if (f === fold('Nữ') || f === 'nu' || f === 'f' || f === 'female') return 'F';
  return null;
}

/** Find the field entries: children SEQUENCE { INTEGER n, ... }, inside the SET or directly under the SEQUENCE. */
function collectFields(nodes: Tlv[], fields: Map<number, string[]>, meta: { version: number | null; encodingOid: string | null }, depth: number): void {
  checkDepth(depth);
  for (const t of nodes) {
    if (t.tag === 0x02 && meta.version === null) meta.version = unsignedValue(t.value);
    else if (t.tag === 0x06 && meta.encodingOid === null) meta.encodingOid = decodeOid(t.value);
    else if (t.tag === 0x31) collectFields(decodeAll(t.value), fields, meta, depth + 1);
    else if (t.tag === 0x30) {
      const kids = decodeAll(t.value);
      const first = kids[0];
      // The outer container also starts with an INTEGER (version) but carries the OID and/or the SET.
      const isContainer = kids.some((k) => k.tag === 0x31 || k.tag === 0x06);
      if (first?.tag === 0x02 && !isContainer) {
        const leaves: string[] = [];
        stringLeaves(kids.slice(1), leaves, depth + 1);
        const n = unsignedValue(first.value);
        fields.set(n, [...(fields.get(n) ?? []), ...leaves]);
      } else {
        collectFields(kids, fields, meta, depth + 1);
      }
    }
  }
}

export function parseDg13(bytes: Uint8Array): Dg13 {
  const outer = decodeOne(bytes);
  if (outer.tag !== 0x6d) throw new TlvError(`DG13: expected tag 6D, got ${outer.tag.toString(16).toUpperCase()}`);
  const fields = new Map<number, string[]>();
  const meta = { version: null as number | null, encodingOid: null as string | null };
  collectFields(decodeAll(outer.value), fields, meta, 1);

  const text = (n: number): string | null => {
    const v = fields.get(n)?.[0];
    return v === undefined || v.trim() === '' ? null : v.trim();
  };
  const parents = (fields.get(DG13_FIELD.parents) ?? []).map((s) => s.trim());
  const expiryText = text(DG13_FIELD.dateOfExpiry);
  const noExpiry = isNoExpiryText(expiryText);
  const rawFields: Record<string, string> = {};
  for (const [n, v] of [...fields.entries()].sort((a, b) => a[0] - b[0])) rawFields[String(n)] = v.join(' | ');

  return {
    version: meta.version,
    encodingOid: meta.encodingOid,
    idNumber: text(DG13_FIELD.idNumber),
    fullName: text(DG13_FIELD.fullName),
    dateOfBirth: dg13DateToIso(text(DG13_FIELD.dateOfBirth)),
    sex: sexFromVietnamese(text(DG13_FIELD.sex)),
    nationality: text(DG13_FIELD.nationality),
    ethnicity: text(DG13_FIELD.ethnicity),
    religion: text(DG13_FIELD.religion),
    placeOfOrigin: text(DG13_FIELD.placeOfOrigin),
    placeOfResidence: text(DG13_FIELD.placeOfResidence),
    personalIdentification: text(DG13_FIELD.personalIdentification),
    dateOfIssue: dg13DateToIso(text(DG13_FIELD.dateOfIssue)),
    dateOfExpiry: noExpiry ? null : dg13DateToIso(expiryText),
    noExpiry,
    fatherName: parents[0] ? parents[0] : null,
    motherName: parents[1] ? parents[1] : null,
    spouseName: text(DG13_FIELD.spouse),
    oldIdNumber: text(DG13_FIELD.oldIdNumber),
    field16: text(DG13_FIELD.field16),
    fields,
    rawFields,
  };
}

/** Map DG13 onto the shared Holder record (result.ts): exactly its holder fields. */
export function dg13ToHolder(d: Dg13): Holder {
  const h = emptyHolder();
  for (const k of Object.keys(h) as (keyof Holder)[]) (h as unknown as Record<string, unknown>)[k] = d[k];
  return h;
}
