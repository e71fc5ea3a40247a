import { describe, it, expect } from 'vitest';
import { parseCom, dgNumberForTag, tagForDgNumber } from '../../../src/card/lds/com';
import { encode } from '../../../src/card/asn1/tlv';
import { bsi } from '../../helpers/sharedData';

describe('EF.COM', () => {
  it('parses the BSI 2008 EF.COM', () => {
    const com = parseCom(bsi('EF_COM.bin'));
    expect(com.ldsVersion).toBe('0107');
    expect(com.unicodeVersion).toBe('040000');
    expect(com.tags).toEqual([0x61, 0x75, 0x63, 0x6e]);
    expect(com.dataGroups).toEqual([1, 2, 3, 14]);
  });

  it('parses a CCCD-style tag list (DG1, DG2, DG3, DG13, DG14, DG15)', () => {
    const te = new TextEncoder();
    const bytes = encode(0x60, [encode(0x5f01, te.encode('0107')), encode(0x5f36, te.encode('040000')), encode(0x5c, Uint8Array.of(0x61, 0x75, 0x63, 0x6d, 0x6e, 0x6f))]);
    expect(bytes.length).toBe(26); // cccd.md §3: khoa288 reads exactly 26 bytes
    expect(parseCom(bytes).dataGroups).toEqual([1, 2, 3, 13, 14, 15]);
  });

  it('maps tags and numbers both ways and rejects other files', () => {
    expect(dgNumberForTag(0x6d)).toBe(13);
    expect(tagForDgNumber(15)).toBe(0x6f);
    expect(() => parseCom(bsi('Datagroup1.bin'))).toThrow(/expected tag 60/);
  });
});
