/** The centre link's cryptography (node:crypto): what must fail does fail. */
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { changeAad, open, scramVerifier, seal, subjectHash, subjectKey, unwrapForDevice, unwrapWithCode, newDeviceKeyPair, wrapForDevice, wrapWithCode } from '../../src/centre/crypto';
import { clearMeta } from '../../src/centre/device/codec';

describe('centre crypto', () => {
  const key = randomBytes(32);
  const aad = changeAad('c-1', 'dossier.put', 'HS-1');

  it('AES-256-GCM payloads open only with the same key and the same change identity', () => {
    const sealed = seal(key, Buffer.from('Nguyễn Văn A'), aad);
    expect(sealed.includes(Buffer.from('Nguy'))).toBe(false);
    expect(open(key, sealed, aad).toString()).toBe('Nguyễn Văn A');
    expect(() => open(randomBytes(32), sealed, aad)).toThrow(/failed authentication/);
    expect(() => open(key, sealed, changeAad('c-2', 'dossier.put', 'HS-1'))).toThrow(/failed authentication/); // moved to another row
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => open(key, flipped, aad)).toThrow(/failed authentication/);
  });

  it('subject hashes are keyed: same citizen, same centre → same hash; another centre → another hash', () => {
    const k1 = subjectKey(key);
    expect(subjectHash(k1, '001192012345')).toBe(subjectHash(k1, ' 001192012345 '));
    expect(subjectHash(k1, '001192012345')).not.toBe(subjectHash(subjectKey(randomBytes(32)), '001192012345'));
    expect(subjectHash(k1, '001192012345')).not.toContain('001192012345');
  });

  it('the keyring sealed under a code opens only with that code; a key granted to a device only with its private key', () => {
    const salt = randomBytes(16);
    const w = wrapWithCode('ABCDEFGHJK0123456789', salt, Buffer.from('{"1":"00"}'));
    expect(unwrapWithCode('ABCDEFGHJK0123456789', salt, w).toString()).toBe('{"1":"00"}');
    expect(() => unwrapWithCode('ABCDEFGHJK0123456788', salt, w)).toThrow();
    const dev = newDeviceKeyPair();
    const other = newDeviceKeyPair();
    const g = wrapForDevice(dev.publicKeyDer, key, 2);
    expect(unwrapForDevice(dev.privateKeyDer, g, 2).equals(key)).toBe(true);
    expect(() => unwrapForDevice(other.privateKeyDer, g, 2)).toThrow();
    expect(() => unwrapForDevice(dev.privateKeyDer, g, 3)).toThrow(); // bound to its version
  });

  it('role passwords go to PostgreSQL as SCRAM-SHA-256 verifiers, never in clear', () => {
    const v = scramVerifier('secret-password-123');
    expect(v).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(v).not.toContain('secret-password-123');
  });

  it('clear metadata keeps only the non-personal fields', () => {
    const leaky = { at: '2026-12-02T09:00:00Z', actor: 'kiosk', formId: 'CT01', status: 'draft', fullName: 'Nguyễn Văn A' } as never;
    expect(clearMeta(leaky)).toEqual({ at: '2026-12-02T09:00:00Z', actor: 'kiosk', formId: 'CT01', status: 'draft' });
  });
});
