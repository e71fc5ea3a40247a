/**
 * Converts the chip's pre-2025 three-level address ("[chi tiết], xã X, huyện Y, tỉnh Z") to the two-level form the
 * forms use since 1 July 2025 ("[chi tiết], Xã/Phường X, Tỉnh/Thành phố Z") — forms.md §1.4 "Address remapping",
 * §2.4. The mapping table is dvhcvn/20250701 (MIT), compacted into src/vn/data/admin-units-2025.json.
 *
 * Rules:
 * - parse from the end: last part = province; the part next to it, if a district (huyện/quận/thị xã/thành phố),
 *   is dropped; the part before that = commune; the rest = detail (forms.md §1.4, [S9]);
 * - names match case-insensitively with prefixes normalised ("P." → "Phường", "TT" → "Thị trấn"), first with
 *   diacritics (tone placement folded), then diacritic-free only when that is unique ("An Nghĩa" ≠ "Ân Nghĩa");
 * - an old name shared by several communes of the province (HCMC's numbered wards: "Phường 12" in six districts)
 *   is narrowed by the old district the chip names, from the GSO list of 04/01/2025 (old-districts-2025-01.json);
 * - a commune merged away before 2025 (2017–2024 UBTVQH resolutions; "Xã Hải Lý, Huyện Hải Hậu") is first taken to
 *   the commune that succeeded it in the pre-2025 list (Thị trấn Cồn), by old province + district + name, from
 *   pre-2025-merges.json (SOURCE-pre-2025-merges.md), then converted like any pre-2025 commune;
 * - an old commune split across several new ones, or a name the district cannot narrow → status 'ambiguous' with
 *   choices and a Vietnamese attention text: never guess silently;
 * - the raw chip text is always returned unchanged for audit.
 */
import adminUnits from './data/admin-units-2025.json';
import oldDistrictTable from './data/old-districts-2025-01.json';
import pre2025Merges from './data/pre-2025-merges.json';
import { cleanText, foldKey, toneKey } from './text';

export const ADDRESS_CODESET = '2025-07';

interface AdminUnitsFile {
  provinces: Record<string, string>;
  communes: Record<string, [string, string]>;
  old: { id: string; name: string; to: string[]; communes: [string, string, string[]][] }[];
}
const DATA = adminUnits as unknown as AdminUnitsFile;
const OLD_DISTRICTS = oldDistrictTable as unknown as { districts: Record<string, string>; communes: Record<string, string> };

/** The source's unit key: no diacritics, đ → d, lowercase, letters and digits only ("Huyện Hải Hậu" → "huyenhaihau"). */
export function unitKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]/g, '');
}

const MERGE_ROWS = (pre2025Merges as unknown as { merges: [string, string, string, string, string][] }).merges;
/** "province|districtKey|mergedCommuneKey" → GSO code of the successor in the pre-2025 list. */
const MERGED_BEFORE_2025 = new Map<string, string>(MERGE_ROWS.map(([p, d, m, to]) => [`${p}|${d}|${m}`, to]));
/** "province|mergedCommuneKey" → every successor named for it in that province, whatever the district. */
const MERGED_IN_PROVINCE = new Map<string, Set<string>>();
for (const [p, , m, to] of MERGE_ROWS) MERGED_IN_PROVINCE.set(`${p}|${m}`, (MERGED_IN_PROVINCE.get(`${p}|${m}`) ?? new Set()).add(to));

/** The old district's name ("Quận Gò Vấp") of an old commune code, from the GSO list of 04/01/2025. */
function oldDistrictOf(communeCode: string): string | null {
  const d = OLD_DISTRICTS.communes[communeCode];
  return d ? (OLD_DISTRICTS.districts[d] ?? null) : null;
}

export type ConversionStatus = 'unique' | 'current' | 'ambiguous' | 'unknown' | 'empty';

export interface AddressChoice {
  commune: string;
  communeCode: string;
  province: string;
  provinceCode: string;
  /** "detail, Phường X, Thành phố Y". */
  display: string;
}

export interface AddressConversion {
  /** The chip's text exactly as read. */
  raw: string;
  status: ConversionStatus;
  /** Display string to put on the form; '' when the person must choose first ('ambiguous'); raw when 'unknown'. */
  value: string;
  detail: string;
  commune: string | null;
  communeCode: string | null;
  province: string | null;
  provinceCode: string | null;
  /** The old commune/province as recognised on the chip (for the attention text and audit). */
  oldCommune: string | null;
  oldProvince: string | null;
  choices: AddressChoice[];
  /** Vietnamese note shown to the citizen/clerk when a decision is needed; null otherwise. */
  attention: string | null;
  codeset: typeof ADDRESS_CODESET;
}

type Level = 'commune' | 'district' | 'province';

/** Prefixes, longest first. "Thành phố" is both a district (thành phố thuộc tỉnh) and a province level. */
const PREFIXES: { re: RegExp; canonical: string; levels: Level[] }[] = [
  { re: /^(thị\s*trấn|tt\.?)\s*/iu, canonical: 'Thị trấn', levels: ['commune'] },
  { re: /^(thị\s*xã|tx\.?)\s*/iu, canonical: 'Thị xã', levels: ['district'] },
  { re: /^(thành\s*phố|tp\.?)\s*/iu, canonical: 'Thành phố', levels: ['district', 'province'] },
  { re: /^(đặc\s*khu)\s*/iu, canonical: 'Đặc khu', levels: ['commune'] },
  { re: /^(phường|p\.|p(?=\s*\d))\s*/iu, canonical: 'Phường', levels: ['commune'] },
  { re: /^(xã|x\.)\s*/iu, canonical: 'Xã', levels: ['commune'] },
  { re: /^(quận|q\.)\s*/iu, canonical: 'Quận', levels: ['district'] },
  { re: /^(huyện|h\.)\s*/iu, canonical: 'Huyện', levels: ['district'] },
  { re: /^(tỉnh|t\.)\s*/iu, canonical: 'Tỉnh', levels: ['province'] },
];

interface Part {
  text: string;
  prefix: string | null;
  levels: Level[];
  name: string;
}

function splitPrefix(text: string): Part {
  const t = cleanText(text);
  for (const p of PREFIXES) {
    const m = p.re.exec(t);
    if (m && t.length > m[0].length) return { text: t, prefix: p.canonical, levels: p.levels, name: t.slice(m[0].length).trim() };
  }
  return { text: t, prefix: null, levels: [], name: t };
}

/** Name key without the unit prefix; numeric wards keep their number ("Phường 09" = "Phường 9"). */
const nameKey = (name: string): string => toneKey(name).replace(/^0+(?=\d)/, '');
const nameFold = (name: string): string => foldKey(name).replace(/^0+(?=\d)/, '');

const PROVINCE_ALIASES: Record<string, string> = { hcm: 'hồchíminh', tphcm: 'hồchíminh', sàigòn: 'hồchíminh', huế: 'huế', thừathiênhuế: 'huế' };

interface Unit {
  id: string;
  name: string;
  bare: string;
}
const unit = (id: string, name: string): Unit => ({ id, name, bare: splitPrefix(name).name });

const NEW_PROVINCES: Unit[] = Object.entries(DATA.provinces).map(([id, n]) => unit(id, n));
const OLD_PROVINCES: Unit[] = DATA.old.map((p) => unit(p.id, p.name));
// Pre-2025 "Thừa Thiên Huế" became "Thành phố Huế" in 2025 (old list already says "Thành phố Huế").

function findByName<T extends Unit>(units: T[], name: string): T[] {
  const k = PROVINCE_ALIASES[nameKey(name)] ?? nameKey(name);
  const exact = units.filter((u) => nameKey(u.bare) === k);
  if (exact.length) return exact;
  const f = nameFold(name);
  return units.filter((u) => nameFold(u.bare) === f);
}

function matchCommunes<T extends Unit & { prefix: string | null }>(units: T[], part: Part): T[] {
  let hits = units.filter((u) => nameKey(u.bare) === nameKey(part.name));
  if (!hits.length) hits = units.filter((u) => nameFold(u.bare) === nameFold(part.name));
  // The chip's unit type (xã vs phường vs thị trấn) narrows same-named units when it is given.
  if (part.prefix && hits.length > 1) {
    const typed = hits.filter((u) => u.prefix === part.prefix);
    if (typed.length) hits = typed;
  }
  return hits;
}

interface OldCommune extends Unit {
  prefix: string | null;
  to: string[];
}
const OLD_COMMUNES = new Map<string, OldCommune[]>(
  DATA.old.map((p) => [p.id, p.communes.map(([id, name, to]) => ({ ...unit(id, name), prefix: splitPrefix(name).prefix, to }))]),
);
/** Keys of the districts each old province had in the GSO list of 04/01/2025 ("huyenhaihau" …). */
const DISTRICTS_OF_PROVINCE = new Map<string, Set<string>>(
  DATA.old.map((p) => [p.id, new Set(p.communes.map(([id]) => oldDistrictOf(id)).filter((d): d is string => d !== null).map(unitKey))]),
);
const NEW_COMMUNES_BY_PROVINCE = new Map<string, (Unit & { prefix: string | null })[]>();
for (const [id, [prov, name]] of Object.entries(DATA.communes)) {
  const list = NEW_COMMUNES_BY_PROVINCE.get(prov) ?? [];
  list.push({ ...unit(id, name), prefix: splitPrefix(name).prefix });
  NEW_COMMUNES_BY_PROVINCE.set(prov, list);
}

function choiceFor(detail: string, communeCode: string): AddressChoice {
  const c = DATA.communes[communeCode];
  if (!c) throw new Error(`admin-units table is missing new commune ${communeCode}`);
  const [provinceCode, commune] = c;
  const province = DATA.provinces[provinceCode] ?? '';
  return { commune, communeCode, province, provinceCode, display: joinAddress(detail, commune, province) };
}

/** "detail, Xã X, Tỉnh Y" with empty parts left out. */
export function joinAddress(detail: string, commune: string | null, province: string | null): string {
  return [detail, commune, province].filter((s): s is string => !!s && s.trim() !== '').join(', ');
}

function base(raw: string, status: ConversionStatus): AddressConversion {
  return {
    raw, status, value: raw, detail: '', commune: null, communeCode: null, province: null, provinceCode: null,
    oldCommune: null, oldProvince: null, choices: [], attention: null, codeset: ADDRESS_CODESET,
  };
}

const UNKNOWN_NOTE =
  'Không xác định được xã/phường và tỉnh/thành phố hiện hành (sau ngày 01/7/2025) từ địa chỉ trên chip. ' +
  'Đã giữ nguyên địa chỉ trên chip; đề nghị kiểm tra và ghi lại theo tên đơn vị hành chính mới.';

/** Resolves old-commune candidates to a result (unique, or ambiguous with choices). */
function fromOld(raw: string, detail: string, oldProvince: Unit, candidates: OldCommune[]): AddressConversion {
  const targets = [...new Set(candidates.flatMap((c) => c.to))];
  const first = candidates[0];
  const oldName = first ? first.name : '';
  const r: AddressConversion = { ...base(raw, 'unique'), detail, oldCommune: oldName, oldProvince: oldProvince.name };
  if (targets.length === 1 && targets[0]) {
    const ch = choiceFor(detail, targets[0]);
    return { ...r, value: ch.display, commune: ch.commune, communeCode: ch.communeCode, province: ch.province, provinceCode: ch.provinceCode };
  }
  const choices = targets.map((t) => choiceFor(detail, t));
  const attention =
    candidates.length > 1
      ? `Tên “${oldName}” trùng với ${candidates.length} xã/phường cũ của ${oldProvince.name} (chip không ghi rõ để phân biệt). ` +
        'Đề nghị chọn xã/phường hiện hành đúng với nơi cư trú.'
      : `${oldName} (${oldProvince.name}) đã được sắp xếp vào ${targets.length} đơn vị hành chính mới từ ngày 01/7/2025. ` +
        'Đề nghị chọn xã/phường hiện hành đúng với nơi cư trú.';
  return { ...r, status: 'ambiguous', value: '', choices, attention };
}

/** The successor (pre-2025 list) of a commune the chip names but that list no longer has; [] when none is known. */
function mergedInto(op: Unit, district: Part, commune: Part): OldCommune[] {
  // Chip addresses often leave the unit types out ("Xóm 4, Hải Lý, Hải Hậu, Nam Định"): try each type then.
  const districts = (district.prefix ? [district.prefix] : ['Huyện', 'Quận', 'Thị xã', 'Thành phố']).map((p) => unitKey(`${p} ${district.name}`));
  const communes = (commune.prefix ? [commune.prefix] : ['Xã', 'Phường', 'Thị trấn']).map((p) => unitKey(`${p} ${commune.name}`));
  const found = new Set<string>();
  for (const d of districts) for (const c of communes) {
    const to = MERGED_BEFORE_2025.get(`${op.id}|${d}|${c}`);
    if (to) found.add(to);
  }
  // The chip's district was itself abolished before 2025 (Huyện Kỳ Sơn, Hòa Bình; Huyện Đông Sơn, Thanh Hóa): the
  // merged commune is then looked up in the whole province, and used only when the province names one successor.
  if (!found.size && !districts.some((d) => DISTRICTS_OF_PROVINCE.get(op.id)?.has(d))) {
    for (const c of communes) for (const to of MERGED_IN_PROVINCE.get(`${op.id}|${c}`) ?? []) found.add(to);
  }
  // Two different successors would be a guess: none then.
  const [to] = found.size === 1 ? [...found] : [];
  const hit = to ? OLD_COMMUNES.get(op.id)?.find((c) => c.id === to) : undefined;
  return hit ? [hit] : [];
}

/**
 * Converts a chip address to the 2025 commune + province. Never throws on bad input: unknown addresses come back
 * with status 'unknown', the raw text as value, and an attention note.
 */
export function convertAddress(input: string | null | undefined): AddressConversion {
  const raw = input ?? '';
  if (!cleanText(raw)) return { ...base(raw, 'empty'), value: '' };
  const parts = cleanText(raw).split(/\s*[,;]\s*/).filter(Boolean).map(splitPrefix);
  const provPart = parts[parts.length - 1];
  if (!provPart || parts.length < 2) return { ...base(raw, 'unknown'), attention: UNKNOWN_NOTE };

  const oldProvinces = findByName(OLD_PROVINCES, provPart.name);
  const newProvinces = findByName(NEW_PROVINCES, provPart.name);
  const p2 = parts[parts.length - 2];
  const p3 = parts[parts.length - 3];
  const hasDistrict = !!p2 && (p2.levels.includes('district') || (p2.prefix === null && parts.length >= 3 && !!p3));

  // 1. Three-level (district present): the commune is the part before the district.
  if (hasDistrict && p3) {
    for (const op of oldProvinces) {
      let hits = matchCommunes(OLD_COMMUNES.get(op.id) ?? [], p3);
      if (hits.length && p2) {
        // Same-named communes of one province (numbered wards) are told apart by the district on the chip.
        const inDistrict = hits.filter((h) => {
          const d = oldDistrictOf(h.id);
          return d !== null && (nameKey(splitPrefix(d).name) === nameKey(p2.name) || nameFold(splitPrefix(d).name) === nameFold(p2.name));
        });
        // None in the chip's district: the chip's commune may be one merged before 2025 ("Phường 6, Quận 4").
        const merged = inDistrict.length ? [] : mergedInto(op, p2, p3);
        if (merged.length) return { ...fromOld(raw, parts.slice(0, -3).map((p) => p.text).join(', '), op, merged), oldCommune: p3.text };
        if (inDistrict.length) hits = inDistrict;
      }
      if (hits.length) return fromOld(raw, parts.slice(0, -3).map((p) => p.text).join(', '), op, hits);
    }
    // A commune merged before 2025: its successor in the pre-2025 list, then the 2025 mapping.
    for (const op of oldProvinces) {
      const merged = p2 ? mergedInto(op, p2, p3) : [];
      if (merged.length) return { ...fromOld(raw, parts.slice(0, -3).map((p) => p.text).join(', '), op, merged), oldCommune: p3.text };
    }
  }
  // 2. Two-level: the part next to the province is the commune — already current (post-2025) or an old commune.
  if (p2) {
    const explicitDistrict = p2.levels.includes('district') && !p2.levels.includes('commune');
    const detail = parts.slice(0, -2).map((p) => p.text).join(', ');
    for (const np of newProvinces) {
      const hits = matchCommunes(NEW_COMMUNES_BY_PROVINCE.get(np.id) ?? [], p2);
      const hit = hits[0];
      if (hits.length === 1 && hit && !explicitDistrict) {
        const ch = choiceFor(detail, hit.id);
        return {
          ...base(raw, 'current'), value: ch.display, detail, commune: ch.commune, communeCode: ch.communeCode,
          province: ch.province, provinceCode: ch.provinceCode,
        };
      }
    }
    // A part the chip marks as a district ("Huyện Giao Thủy") is never read as a commune of the same name.
    for (const op of explicitDistrict ? [] : oldProvinces) {
      const hits = matchCommunes(OLD_COMMUNES.get(op.id) ?? [], p2);
      if (hits.length) return fromOld(raw, detail, op, hits);
    }
  }
  return { ...base(raw, 'unknown'), attention: UNKNOWN_NOTE };
}
