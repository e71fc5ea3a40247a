/**
 * Form catalogue and filled-form types. Shared by forms, store, print, API and renderer.
 * A form is data: declarative fields with official Vietnamese labels verbatim, versioned with effective dates.
 */

/** The one list of form ids (the API contract's zod enum is built from it). */
export const FORM_IDS = ['CT01', 'KHAI_SINH', 'KET_HON', 'KHAI_TU', 'XAC_NHAN_TTHN', 'CHUNG_THUC_CHU_KY'] as const;
export type FormId = (typeof FORM_IDS)[number];

/** Where a field's value comes from by design: the (first) card, the second card, derived, typed by citizen, configuration. */
export const FIELD_SOURCES = ['CHIP', 'CHIP-2', 'DERIVED', 'INPUT', 'CONFIG'] as const;
export type FieldSource = (typeof FIELD_SOURCES)[number];

/**
 * Who actually produced the current value — shown to users as
 * "từ chip" | "suy ra" | "người dân khai" | "cán bộ sửa" | "cấu hình".
 */
export const PROVENANCES = ['chip', 'derived', 'citizen', 'clerk', 'config'] as const;
export type Provenance = (typeof PROVENANCES)[number];

export type FieldType = 'text' | 'textarea' | 'date' | 'idNumber' | 'number' | 'select' | 'phone' | 'email';

export interface FieldValidation {
  required?: boolean;
  maxLength?: number;
  /** ECMAScript regex source, whole-value match. */
  pattern?: string;
  /** Vietnamese message shown when the pattern fails. */
  patternMessage?: string;
  /** A date that cannot lie after the day the form is made (a birth), with the legal reason. */
  notInFuture?: string;
  /** A date of birth: the person must be at least this old (full years) on the day the form is made. */
  minAge?: { years: number; reason: string };
}

export interface FormField {
  key: string;
  /** The form's section heading, verbatim (e.g. "Thông tin người khai"). */
  group: string;
  /** Official label, verbatim Vietnamese. */
  label: string;
  labelEn: string;
  type: FieldType;
  source: FieldSource;
  validation?: FieldValidation;
  options?: { value: string; label: string }[];
  /** Printed in words as the official form asks ("ghi bằng chữ"). */
  inWords?: boolean;
  help?: string;
  /** A person's name: printed in UPPERCASE with full diacritics (forms.md §5.2). */
  personName?: boolean;
  /** Field name in the national-portal-style export (forms.md §4.3, [S9] e.g. "HoTenBenNu"). */
  portalName?: string;
  /** Who types an INPUT field: the citizen (default) or the clerk (e.g. the certification number). */
  inputBy?: 'citizen' | 'clerk';
  /** Asked by the national portal's e-form but not a row of the paper form: exported, not printed. */
  portalOnly?: boolean;
  /** How pre-fill computes the value (interpreted by src/forms/prefill.ts). */
  bind?: FieldBinding;
  /** A residence row the form asks for only when no số định danh cá nhân is given (TT 04/2024/TT-BTP notes). */
  onlyWithoutIdNumber?: boolean;
  /** A table on the paper form (CT01 item 11): its column headings; the value holds one row per line, cells split by ";". */
  table?: string[];
}

/** The people a procedure involves; each is resolved to one read card (or none) by prefill. */
export type PersonRole = 'requester' | 'subject' | 'householdHead' | 'mother' | 'father' | 'bride' | 'groom' | 'deceased';

export type PersonAttr =
  | 'fullName' | 'dateOfBirth' | 'yearOfBirth' | 'sex' | 'idNumber' | 'nationality' | 'ethnicity' | 'residence'
  | 'identityDocument';

export type FieldBinding =
  | { person: PersonRole; attr: PersonAttr }
  | { config: 'recipient' | 'policeRecipient' | 'placeDate' | 'today' | 'todayInWords' }
  /** Re-derived whenever the named field changes (e.g. a date "ghi bằng chữ"). */
  | { inWordsOf: string };

/**
 * Which read card plays which role, as plain data (definitions cross the API as JSON, so no functions here);
 * src/forms/prefill.ts interprets it. Rules apply in this order: byOrder, bySex, byRelationship, sameAs, then the
 * caller's explicit roles.
 */
export interface RoleRule {
  /** Roles of the cards in read order: [card 1, card 2]. */
  byOrder?: PersonRole[];
  /**
   * Roles by the sex on each card, never by read order (a marriage: F → bride, M → groom).
   * minCards: the rule applies only when at least that many cards were read (a birth declaration's two parents).
   * maxCards: more cards than this is refused.
   */
  bySex?: { F: PersonRole; M: PersonRole; minCards?: number; maxCards?: number };
  /**
   * With exactly one card: the card also takes the role the requester's stated relationship (the value of input
   * `field`) names — "mẹ" → mother, "cha"/"bố"/"ba" → father — after checking the sex on the card.
   */
  byRelationship?: { field: string; mother: PersonRole; father: PersonRole };
  /** A role that takes another role's card when no card of its own was read (the "Bản thân" case). */
  sameAs?: Partial<Record<PersonRole, PersonRole>>;
}

export interface FormDefinition {
  id: FormId;
  title: string;
  titleEn: string;
  version: string;
  /** ISO date from which this version applies. */
  effectiveFrom: string;
  effectiveTo?: string | null;
  /** Legal basis, e.g. "Thông tư 53/2025/TT-BCA". */
  legalBasis: string;
  /** The official code printed at the top ("Mẫu CT01"); null when the instrument gives the form no code. */
  code: string | null;
  /** The declarant's sworn statement (cam đoan), printed above the place-and-date line. */
  oath?: string;
  /** Print the group headings as section titles: only when the official paper has them (the current forms do not). */
  headings?: boolean;
  /** A sentence the form prints before a group's rows, by group (khai sinh: "Đề nghị cơ quan … cho người dưới đây:"). */
  groupIntro?: Record<string, string>;
  /** 'declaration' (a citizen's form) or 'statement' (an officer's text such as the lời chứng, printed as prose). */
  kind?: 'declaration' | 'statement';
  /** The statement's text with {fieldKey} placeholders (kind 'statement'). */
  statement?: string;
  /** How many cards the procedure takes (KET_HON: 2). */
  cards: 1 | 2;
  /** Which card fills which person's rows. */
  roles: RoleRule;
  fields: FormField[];
  /** Competent body (forms.md §1.1), e.g. "Công an cấp xã" for CT01. */
  competentBody?: string;
  /** Signature block captions printed at the bottom, left to right; `dated`: the block has its own date line. */
  signatures?: { title: string; caption: string; dated?: boolean }[];
}

export interface FilledField {
  key: string;
  group: string;
  label: string;
  /** Display value exactly as printed: dates dd/mm/yyyy, text NFC. */
  value: string;
  source: FieldSource;
  provenance: Provenance;
  /** The chip's raw text when the value was converted (e.g. the old 3-level address). */
  rawValue?: string | null;
  /** A Vietnamese note that needs a person's decision (e.g. a split commune: choose the new one). */
  attention?: string | null;
  /** Candidate values the person must choose from when ambiguous. */
  choices?: string[];
}

export interface FilledForm {
  formId: FormId;
  formVersion: string;
  fields: FilledField[];
}

/** Commune/office configuration used by CONFIG fields and printing. */
export interface OfficeConfig {
  communeName: string; // e.g. "UBND xã Tân Phú"
  provinceName: string;
  communeCode?: string;
  provinceCode?: string;
  /** CT01 "Kính gửi": the commune Police (forms.md §1.1); default "Công an " + the commune part of communeName. */
  policeName?: string;
  /** Place name of the "…, ngày … tháng … năm …" line; default the commune name without its prefix. */
  placeName?: string;
}
