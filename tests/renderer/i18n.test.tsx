// @vitest-environment jsdom
import { describe, it, expect, afterEach } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { en, vi, format } from '../../renderer/src/i18n/messages';
import { App, optionsFromUrl } from '../../renderer/src/App';
import { fakeClient } from './fakeClient';

afterEach(() => cleanup());

describe('i18n', () => {
  it('vi and en have the same keys, no empty strings, same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [k, v] of Object.entries(vi)) {
      expect(v.length, k).toBeGreaterThan(0);
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(en[k as keyof typeof vi]), k).toEqual(ph(v));
    }
    expect(format('Hồ sơ {id}', { id: 'HS-1' })).toBe('Hồ sơ HS-1');
  });

  it('Vietnamese by default; the switch turns the UI to English', async () => {
    const { client } = fakeClient();
    render(<App api={client} options={optionsFromUrl('')} />);
    await waitFor(() => screen.getByText('Xin chào!'));
    expect(document.documentElement.lang).toBe('vi');
    fireEvent.click(screen.getByRole('button', { name: 'Chuyển ngôn ngữ sang tiếng Anh' }));
    expect(screen.getByText('Welcome!')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('URL options: mode, idle override, language', () => {
    expect(optionsFromUrl('?mode=counter&idle=3000&lang=en')).toEqual({ mode: 'counter', idleMs: 3000, lang: 'en' });
    expect(optionsFromUrl('?idle=abc')).toEqual({ mode: null, idleMs: null, lang: 'vi' });
  });
});
