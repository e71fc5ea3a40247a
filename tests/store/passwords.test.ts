import { describe, it, expect } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from '../../src/store/passwords';

describe('passwords', () => {
  it('hashes with scrypt N=2^15 and a per-user salt; verifies only the right password', async () => {
    expect(DEFAULT_SCRYPT.N).toBe(2 ** 15);
    const a = hashPassword('correct horse');
    const b = hashPassword('correct horse');
    expect(a.salt.equals(b.salt)).toBe(false);
    expect(a.hash.equals(b.hash)).toBe(false);
    expect(await verifyPassword('correct horse', a.salt, a.hash, a.params)).toBe(true);
    expect(await verifyPassword('correct horsE', a.salt, a.hash, a.params)).toBe(false);
  });
  it('treats NFC and NFD spellings of a Vietnamese password as the same', async () => {
    const h = hashPassword('mậtkhẩu', { N: 1024, r: 8, p: 1, keyLen: 32 });
    expect(await verifyPassword('mậtkhẩu'.normalize('NFD'), h.salt, h.hash, h.params)).toBe(true);
  });
});
