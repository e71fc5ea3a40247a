import path from 'node:path';
import { readFileSync } from 'node:fs';
import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { cccdCardAccess } from '../../../src/sim/profile/cardAccess';
import { SHARED } from '../../helpers/sharedData';

describe('EF.CardAccess', () => {
  it('equals the real CCCD bytes quoted in cccd.md §1.2', () => {
    const md = readFileSync(path.join(SHARED, 'research', 'cccd.md'), 'utf8');
    const hex = /\n(3134300d[0-9a-f]+)\n/.exec(md)?.[1];
    expect(hex).toBeDefined();
    expect(Buffer.from(cccdCardAccess()).toString('hex')).toBe(hex);
  });

  it('decodes to TA, CA and PACE-ECDH-GM-AES-128 on parameter 13', () => {
    const set = asn1js.fromBER(cccdCardAccess().slice().buffer).result as asn1js.Set;
    const oids = set.valueBlock.value.map((s) => ((s as asn1js.Sequence).valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString());
    expect(oids).toEqual(['0.4.0.127.0.7.2.2.2', '0.4.0.127.0.7.2.2.3.2.2', '0.4.0.127.0.7.2.2.4.2.2']);
    const pace = (set.valueBlock.value[2] as asn1js.Sequence).valueBlock.value;
    expect((pace[2] as asn1js.Integer).valueBlock.valueDec).toBe(13);
  });
});
