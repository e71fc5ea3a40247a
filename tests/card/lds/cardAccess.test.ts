import { describe, it, expect } from 'vitest';
import { parseCardAccess } from '../../../src/card/lds/cardAccess';
import { CCCD_CARD_ACCESS } from './fixtures';

describe('EF.CardAccess', () => {
  it('offers PACE ECDH-GM AES-128 on brainpoolP256r1 for the CCCD CardAccess', () => {
    const ca = parseCardAccess(new Uint8Array(CCCD_CARD_ACCESS));
    expect(ca.securityInfos).toHaveLength(3);
    expect(ca.paceOptions).toHaveLength(1);
    const p = ca.paceOptions[0]!;
    expect(p.protocol).toEqual({ keyAgreement: 'ECDH', mapping: 'GM', cipher: 'AES-128' });
    expect(p.parameterId).toBe(13);
    expect(p.curve?.name).toBe('brainpoolP256r1');
    expect(p.version).toBe(2);
  });
});
