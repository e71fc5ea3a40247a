import { describe, it, expect } from 'vitest';
import { autoRestart, isBlockedShortcut } from '../../src/main/kiosk';
import { FakeWebContents } from './fakeElectron';

describe('kiosk', () => {
  it('isBlockedShortcut', () => {
    expect(isBlockedShortcut({ type: 'keyDown', key: 'F5' })).toBe(true);
    expect(isBlockedShortcut({ type: 'keyDown', key: 'w', control: true })).toBe(true);
    expect(isBlockedShortcut({ type: 'keyDown', key: 'p', meta: true })).toBe(true);
    expect(isBlockedShortcut({ type: 'keyUp', key: 'F5' })).toBe(false);
    expect(isBlockedShortcut({ type: 'keyDown', key: 'Enter' })).toBe(false);
    expect(isBlockedShortcut({ type: 'keyDown', key: '5' })).toBe(false);
  });

  it('autoRestart stops after too many crashes in the window', async () => {
    const wc = new FakeWebContents();
    let reloads = 0;
    autoRestart({ webContents: wc as never, isDestroyed: () => false }, () => reloads++, { maxRestarts: 2, delayMs: 1 });
    for (let i = 0; i < 4; i++) wc.emit('render-process-gone', {}, { reason: 'killed' });
    wc.emit('render-process-gone', {}, { reason: 'clean-exit' });
    await new Promise((r) => setTimeout(r, 20));
    expect(reloads).toBe(2);
  });
});
