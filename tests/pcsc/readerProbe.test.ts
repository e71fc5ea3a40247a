import { describe, expect, it } from 'vitest';
import { readerAttached } from '../../src/cli/firstRunDemo';

// scripts/test.sh runs pcscd with the vpcd readers configured ('Virtual PCD 00 00' / '00 01'): they are listed
// whether or not a card is in them, so the start-up probe must see a reader and not open the demonstration mode.
describe('start-up reader probe through the real pcscd', () => {
  it('finds the virtual readers', async () => {
    expect(await readerAttached(10_000)).toBe(true);
  });
});
