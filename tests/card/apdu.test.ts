import { describe, expect, it } from 'vitest';
import { decodeCommand, decodeResponse, describeSw, encodeCommand, encodeResponse, fromHex, hex, StatusWordError, SW } from '../../src/card/apdu';

describe('command APDUs (ISO/IEC 7816-4 §5.1)', () => {
  const cases: [string, Parameters<typeof encodeCommand>[0], string][] = [
    ['case 1', { cla: 0, ins: 0xa4, p1: 0, p2: 0x0c }, '00A4000C'],
    ['case 2 short, Le 256 as 00', { cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 256 }, '00B0810000'],
    ['case 3 short', { cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') }, '00A4020C02011E'],
    ['case 4 short', { cla: 0x0c, ins: 0xb0, p1: 0, p2: 0, data: fromHex('9701FF'), le: 256 }, '0CB00000039701FF00'],
    ['case 2 extended, Le 65536 as 0000', { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65536 }, '00B00000000000'],
    ['case 4 extended', { cla: 0, ins: 0x88, p1: 0, p2: 0, data: fromHex('0102'), le: 300, extended: true }, '008800000000020102012C'],
  ];
  for (const [name, cmd, wire] of cases) {
    it(`${name}: encodes to ${wire} and decodes back`, () => {
      expect(hex(encodeCommand(cmd))).toBe(wire);
      const d = decodeCommand(fromHex(wire));
      expect([d.cla, d.ins, d.p1, d.p2, d.le]).toEqual([cmd.cla, cmd.ins, cmd.p1, cmd.p2, cmd.le]);
      expect(hex(d.data ?? new Uint8Array(0))).toBe(hex(cmd.data ?? new Uint8Array(0)));
    });
  }

  it('uses extended length on its own when the data or Le does not fit a short APDU', () => {
    expect(decodeCommand(encodeCommand({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(256) })).extended).toBe(true);
    expect(decodeCommand(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 257 })).extended).toBe(true);
  });

  it('rejects out-of-range input and malformed encodings', () => {
    expect(() => encodeCommand({ cla: 0, ins: 0, p1: 0, p2: 0, le: 65537 })).toThrow(/Le out of range/);
    expect(() => decodeCommand(fromHex('00B0'))).toThrow(/shorter than a header/);
    expect(() => decodeCommand(fromHex('00A4020C05011E'))).toThrow(/short Lc/);
  });
});

describe('response APDUs and status words', () => {
  it('splits data and status word, and refuses a response without one', () => {
    const r = decodeResponse(encodeResponse(fromHex('CAFE'), 0x9000));
    expect(hex(r.data)).toBe('CAFE');
    expect(r.sw).toBe(SW.OK);
    expect(() => decodeResponse(fromHex('90'))).toThrow(/no status word/);
  });

  it('describes status words for logs, including retry counters and exact Le', () => {
    expect(describeSw(0x6982)).toBe('security status not satisfied');
    expect(describeSw(0x63c2)).toBe('verification failed, 2 tries left');
    expect(describeSw(0x6cdf)).toBe('wrong Le; exact length is 223');
    expect(new StatusWordError(0x6a82, 'SELECT EF.DG3').message).toBe('SELECT EF.DG3 refused by the card: SW 6A82 (file not found)');
  });
});
