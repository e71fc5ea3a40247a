/**
 * DG13, Vietnam's personal-data group (cccd.md §4):
 * 6D { SEQUENCE { INTEGER 1, OID 1.0.10646.1.0.8, SET OF { SEQUENCE { INTEGER n, value } } } }.
 * Types per §4.1: PrintableString for ID, DOB, issue date, old ID, field 16; UTF8String for text and the expiry.
 * Field 13 uses the appota shape (two SEQUENCEs of one UTF8String each), field 14 is an empty entry when unmarried.
 */
import { encode } from '../../card/asn1/tlv';
import { derInteger, derOid, derPrintable, derSequence, derSet, derUtf8 } from '../../card/asn1/derEncode';
import type { Identity } from './identity';
import { OID } from '../../card/oids';

export const NO_EXPIRY_TEXT = 'Không thời hạn';

/** ISO YYYY-MM-DD → dd/MM/yyyy (cccd.md §4.1). */
export function toDdMmYyyy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function field(n: number, ...value: Uint8Array[]): Uint8Array {
  return derSequence(derInteger(n), ...value);
}

export function encodeDg13(id: Identity): Uint8Array {
  const fields: Uint8Array[] = [
    field(1, derPrintable(id.idNumber)),
    field(2, derUtf8(id.fullName)),
    field(3, derPrintable(toDdMmYyyy(id.dateOfBirth))),
    field(4, derUtf8(id.sex === 'M' ? 'Nam' : 'Nữ')),
    field(5, derUtf8(id.nationality)),
    field(6, derUtf8(id.ethnicity)),
    field(7, derUtf8(id.religion)),
    field(8, derUtf8(id.placeOfOrigin)),
    field(9, derUtf8(id.placeOfResidence)),
    field(10, derUtf8(id.personalIdentification)),
    field(11, derPrintable(toDdMmYyyy(id.dateOfIssue))),
    field(12, derUtf8(id.dateOfExpiry === null ? NO_EXPIRY_TEXT : toDdMmYyyy(id.dateOfExpiry))),
    field(13, derSequence(derUtf8(id.fatherName)), derSequence(derUtf8(id.motherName))),
    id.spouseName ? field(14, derSequence(derUtf8(id.spouseName))) : field(14),
  ];
  if (id.oldIdNumber) fields.push(field(15, derPrintable(id.oldIdNumber)));
  if (id.field16) fields.push(field(16, derPrintable(id.field16)));
  // Entries stay in field-number order as the readers in cccd.md §4.2 expect (appota scans in increasing order);
  // strict DER SET OF sorting would reorder them by length.
  return encode(0x6d, [derSequence(derInteger(1), derOid(OID.DG13_UTF8), derSet(...fields))]);
}
