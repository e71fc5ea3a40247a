import { describe, expect, it } from 'vitest';
import { toCardReadError } from '../../../src/card/reader/errors';
import { ImageError } from '../../../src/card/lds/image';
import { MrzError } from '../../../src/card/lds/mrz';
import { TlvError } from '../../../src/card/asn1/tlv';
import { parseDg1 } from '../../../src/card/lds/dg1';

describe('card read errors', () => {
  it('every typed parse error of a card file is a malformed card, not an internal error', () => {
    for (const e of [new TlvError('bad length'), new MrzError('bad MRZ'), new ImageError('bad image')]) {
      expect(toCardReadError(e).code).toBe('MALFORMED_CARD');
    }
  });

  it('a DG1 the parser refuses reaches the reader as MALFORMED_CARD', () => {
    let thrown: unknown;
    try {
      parseDg1(Uint8Array.of(0x61, 0x03, 0x5f, 0x1f, 0x00));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeDefined();
    expect(toCardReadError(thrown).code).toBe('MALFORMED_CARD');
  });

  it('a programming error stays INTERNAL', () => {
    expect(toCardReadError(new TypeError('x is undefined')).code).toBe('INTERNAL');
  });
});
