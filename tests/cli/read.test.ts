import { describe, expect, it } from 'vitest';
import { exitCodeFor, hasInvalid, keysFromOptions } from '../../src/cli/read';
import { chipSecrets } from '../../src/card/reader/accessKey';
import { UsageError } from '../../src/cli/args';
import type { ReadResult } from '../../src/card/result';

describe('motcua read options', () => {
  it('--id means CAN = last 6 digits', () => {
    expect(keysFromOptions({ id: '001203004567' })).toEqual({ idNumber: '001203004567' });
    expect(chipSecrets(keysFromOptions({ id: '001203004567' }))).toEqual({ can: '004567' });
  });
  it('--bac builds the MRZ information with check digits', () => {
    expect(chipSecrets(keysFromOptions({ bac: 'L898902C,690806,940623' }))).toEqual({ mrzInformation: 'L898902C<369080619406236' });
  });
  it('rejects two keys, no key and malformed keys as usage errors', () => {
    expect(() => keysFromOptions({ can: '123456', id: '001203004567' })).toThrow(UsageError);
    expect(() => keysFromOptions({})).toThrow(/a key is needed/);
    expect(() => keysFromOptions({ can: '12345' })).toThrow(/6 digits/);
    expect(() => keysFromOptions({ bac: 'X,1' })).toThrow(/--bac takes/);
  });
  it('maps error codes to the documented exit codes', () => {
    expect(exitCodeFor('ACCESS_DENIED')).toBe(3);
    expect(exitCodeFor('CHIP_NOT_GENUINE')).toBe(5);
    expect(exitCodeFor('CARD_REMOVED')).toBe(4);
    expect(exitCodeFor('NO_READER')).toBe(4);
    expect(exitCodeFor('NO_SERVICE')).toBe(4);
    expect(exitCodeFor('TIMEOUT')).toBe(4);
  });
  it('any INVALID verdict means exit 5', () => {
    const v = { accessControl: 'PACE-CAN', passive: 'VALID', dataGroups: { '1': 'VALID' }, chipAuthentication: 'VALID', activeAuthentication: 'NOT_SUPPORTED' } as const;
    const r = { verification: v } as unknown as ReadResult;
    expect(hasInvalid(r)).toBe(false);
    expect(hasInvalid({ verification: { ...v, dataGroups: { '2': 'INVALID' } } } as unknown as ReadResult)).toBe(true);
    expect(hasInvalid({ verification: { ...v, activeAuthentication: 'INVALID' } } as unknown as ReadResult)).toBe(true);
  });
});
