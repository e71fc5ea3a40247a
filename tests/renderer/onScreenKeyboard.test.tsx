// @vitest-environment jsdom
import { describe, it, expect, afterEach } from 'vitest';
import { useState } from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { OnScreenKeyboard } from '../../renderer/src/components/OnScreenKeyboard';

afterEach(() => cleanup());

function Harness(props: { numeric?: boolean }) {
  const [v, setV] = useState('');
  return (
    <>
      <output data-testid="value">{v}</output>
      <OnScreenKeyboard value={v} numeric={props.numeric} onChange={setV} onDone={() => undefined} />
    </>
  );
}

describe('OnScreenKeyboard', () => {
  it('composes Telex: N g u y e e n x → Nguyễn; tone keys and vowel keys work directly', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: /Chữ hoa/ }));
    for (const k of 'Nguyeenx') fireEvent.click(screen.getByRole('button', { name: k }));
    expect(screen.getByTestId('value').textContent).toBe('Nguyễn');
    fireEvent.click(screen.getByRole('button', { name: 'Dấu cách' }));
    fireEvent.click(screen.getByRole('button', { name: 'đ' }));
    fireEvent.click(screen.getByRole('button', { name: 'ô' }));
    fireEvent.click(screen.getByRole('button', { name: 'n' }));
    fireEvent.click(screen.getByRole('button', { name: 'g' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dấu sắc' }));
    expect(screen.getByTestId('value').textContent).toBe('Nguyễn đống');
  });

  it('numeric pad for numbers', () => {
    render(<Harness numeric />);
    for (const k of '0901') fireEvent.click(screen.getByRole('button', { name: k }));
    fireEvent.click(screen.getByRole('button', { name: 'Xoá' }));
    expect(screen.getByTestId('value').textContent).toBe('090');
    expect(screen.queryByRole('button', { name: 'q' })).toBeNull();
  });
});
