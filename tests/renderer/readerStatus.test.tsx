// @vitest-environment jsdom
/** The header's reader line: the reader in use is named only when the machine has several. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { CardStatus } from '../../src/api/contract';
import { Header } from '../../renderer/src/components/Header';
import { activeReaderName } from '../../renderer/src/components/ReaderStatus';

afterEach(() => cleanup());

const R0 = 'Virtual PCD 00 00';
const R1 = 'Virtual PCD 00 01';
const status = (state: CardStatus['state'], machineReaders: string[]): CardStatus => ({ demo: false, readers: machineReaders.map((name) => ({ name, cardPresent: state.state === 'card-present' })), machineReaders, state });

describe('reader in use', () => {
  it('named only with several readers and a reader state that has one', () => {
    expect(activeReaderName(status({ state: 'card-present', reader: R1 }, [R0, R1]))).toBe(R1);
    expect(activeReaderName(status({ state: 'card-present', reader: R0 }, [R0]))).toBeNull();
    expect(activeReaderName(status({ state: 'no-reader' }, [R0, R1]))).toBeNull();
    expect(activeReaderName(status({ state: 'service-down', reason: 'x' }, []))).toBeNull();
    expect(activeReaderName(status({ state: 'error', reader: null, code: 'TIMEOUT', message: 'm' }, [R0, R1]))).toBeNull();
    // A status without the machine's list (older host): its own readers decide.
    expect(activeReaderName({ demo: false, readers: [{ name: R0, cardPresent: false }, { name: R1, cardPresent: true }], state: { state: 'card-present', reader: R1 } })).toBe(R1);
  });

  it('the kiosk header: name first, then the state in a few words; one reader keeps the full sentence', () => {
    const { rerender } = render(<Header demo={false} status={status({ state: 'no-card', reader: R1 }, [R0, R1])} />);
    expect(screen.getByRole('status').textContent).toBe(`Đầu đọc: ${R1} — chưa có thẻ`);
    rerender(<Header demo={false} status={status({ state: 'no-card', reader: R0 }, [R0])} />);
    expect(screen.getByRole('status').textContent).toBe(`Chưa có thẻ trên đầu đọc ${R0}.`);
    expect(screen.queryByTestId('active-reader')).toBeNull();
  });

  it('the signed-in counter header: only the name, and nothing with one reader', () => {
    const { rerender } = render(<Header demo={false} status={null} activeReader={status({ state: 'card-present', reader: R0 }, [R0, R1])} />);
    expect(screen.getByTestId('active-reader').textContent).toBe(`Đầu đọc: ${R0}`);
    expect(screen.queryByRole('status')).toBeNull();
    rerender(<Header demo={false} status={null} activeReader={status({ state: 'card-present', reader: R0 }, [R0])} />);
    expect(screen.queryByTestId('active-reader')).toBeNull();
  });
});
