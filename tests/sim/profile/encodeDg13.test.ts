import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { encodeDg13 } from '../../../src/sim/profile/encodeDg13';
import { sampleIdentities } from '../../../src/sim/profile/samples';
import type { Identity } from '../../../src/sim/profile/identity';

interface Field {
  n: number;
  values: asn1js.AsnType[];
}

function decodeDg13(dg13: Uint8Array): { version: number; oid: string; fields: Field[] } {
  const r = asn1js.fromBER(dg13.slice().buffer);
  expect(r.offset).toBe(dg13.length);
  const app = r.result as asn1js.Constructed;
  expect(app.idBlock.tagClass).toBe(2); // APPLICATION
  expect(app.idBlock.tagNumber).toBe(13);
  const seq = app.valueBlock.value[0] as asn1js.Sequence;
  const [ver, oid, set] = seq.valueBlock.value as [asn1js.Integer, asn1js.ObjectIdentifier, asn1js.Set];
  expect(set).toBeInstanceOf(asn1js.Set);
  const fields = set.valueBlock.value.map((f) => {
    const [n, ...values] = (f as asn1js.Sequence).valueBlock.value;
    return { n: (n as asn1js.Integer).valueBlock.valueDec, values };
  });
  return { version: ver.valueBlock.valueDec, oid: oid.valueBlock.toString(), fields };
}

function str(v: asn1js.AsnType | undefined, type: typeof asn1js.PrintableString | typeof asn1js.Utf8String): string {
  expect(v).toBeInstanceOf(type);
  return (v as asn1js.PrintableString).valueBlock.value;
}

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');
const samples = sampleIdentities();

describe('DG13 encoding (cccd.md §4)', () => {
  it.each(samples.map((s, i) => [i, s] as const))('sample index %i re-decodes with the right numbers, types and values', (_i, id: Identity) => {
    const { version, oid, fields } = decodeDg13(encodeDg13(id));
    expect(version).toBe(1);
    expect(oid).toBe('1.0.10646.1.0.8');
    const byNo = new Map(fields.map((f) => [f.n, f.values]));
    const P = asn1js.PrintableString;
    const U = asn1js.Utf8String;
    expect(str(byNo.get(1)?.[0], P)).toBe(id.idNumber);
    expect(str(byNo.get(2)?.[0], U)).toBe(id.fullName);
    expect(str(byNo.get(3)?.[0], P)).toBe(ddmmyyyy(id.dateOfBirth));
    expect(str(byNo.get(4)?.[0], U)).toBe(id.sex === 'M' ? 'Nam' : 'Nữ');
    expect(str(byNo.get(5)?.[0], U)).toBe('Việt Nam');
    expect(str(byNo.get(6)?.[0], U)).toBe(id.ethnicity);
    expect(str(byNo.get(7)?.[0], U)).toBe(id.religion);
    expect(str(byNo.get(8)?.[0], U)).toBe(id.placeOfOrigin);
    expect(str(byNo.get(9)?.[0], U)).toBe(id.placeOfResidence);
    expect(str(byNo.get(10)?.[0], U)).toBe(id.personalIdentification);
    expect(str(byNo.get(11)?.[0], P)).toBe(ddmmyyyy(id.dateOfIssue));
    expect(str(byNo.get(12)?.[0], U)).toBe(id.dateOfExpiry === null ? 'Không thời hạn' : ddmmyyyy(id.dateOfExpiry));
    // Field 13, appota shape: two SEQUENCEs with one UTF8String each.
    const parents = byNo.get(13)!;
    expect(parents).toHaveLength(2);
    expect(str((parents[0] as asn1js.Sequence).valueBlock.value[0], U)).toBe(id.fatherName);
    expect(str((parents[1] as asn1js.Sequence).valueBlock.value[0], U)).toBe(id.motherName);
    const spouse = byNo.get(14)!;
    if (id.spouseName) expect(str((spouse[0] as asn1js.Sequence).valueBlock.value[0], U)).toBe(id.spouseName);
    else expect(spouse).toHaveLength(0);
    if (id.oldIdNumber) expect(str(byNo.get(15)?.[0], P)).toBe(id.oldIdNumber);
    else expect(byNo.has(15)).toBe(false);
    if (id.field16) expect(str(byNo.get(16)?.[0], P)).toBe(id.field16);
    expect(fields.map((f) => f.n)).toEqual([...fields.map((f) => f.n)].sort((a, b) => a - b));
  });

  it('writes field 14 as the empty entry 30 03 02 01 0E when there is no spouse', () => {
    const single = samples.find((s) => !s.spouseName)!;
    expect(Buffer.from(encodeDg13(single)).toString('hex')).toContain('3003' + '02010e');
  });

  it('uses long-form lengths for a residence address longer than 127 bytes (sample 3)', () => {
    const long = samples[2]!;
    const bytes = Buffer.byteLength(long.placeOfResidence, 'utf8');
    expect(bytes).toBeGreaterThan(127);
    const dg13 = Buffer.from(encodeDg13(long));
    // field 9: 30 81 LL 02 01 09 0C 81 <bytes> <utf-8 address>
    const addr = Buffer.from(long.placeOfResidence, 'utf8');
    const expected = Buffer.concat([Buffer.from([0x02, 0x01, 0x09, 0x0c, 0x81, bytes]), addr]);
    const at = dg13.indexOf(expected);
    expect(at).toBeGreaterThan(2);
    expect(dg13[at - 3]).toBe(0x30);
    expect(dg13[at - 2]).toBe(0x81);
    expect(dg13[at - 1]).toBe(expected.length);
    expect(dg13.subarray(0, 2).toString('hex')).toBe('6d82');
  });
});
