/**
 * The read progress as a citizen watches it, in Debian Chromium against the browser host in demo mode (the built-in
 * simulated card read through the real card engine on a 424 kbit/s link model): the checklist only ever moves
 * forward — the photo (DG2) is read after the text, and its "reading" events once took the list back from five done
 * steps to two — and the name and photo stay on screen long enough to be seen before the identity screen.
 * Screenshot: artifacts/screenshots/progress-preview.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CAN, demoHostPerFile, giveConsent, openPage, shot, typeCan } from './harness';
import { PREVIEW_HOLD_MS } from '../../renderer/src/kiosk/screens/ReadScreen';
import { sampleIdentities } from '../../src/sim/profile/samples';

const demo = demoHostPerFile({ beforeAll, afterAll });

/** What the page recorder notes, with performance.now() times in ms. */
interface ProgressLog {
  /** The checklist's done count at every change (null: the list is not on screen). */
  done: { n: number | null; total: number; t: number }[];
  previewShown: number | null;
  photoShown: number | null;
  previewGone: number | null;
  identityAt: number | null;
}

describe('read progress in Chromium (demo card)', () => {
  it('the checklist never goes back during a real read, and the name and photo stay up for the intended time', async () => {
    const page = await openPage(demo.browser, demo.host.url);
    await page.getByRole('radio', { name: 'Đồng ý', exact: true }).waitFor();
    // One reader (the demo's): the header does not name it.
    expect(await page.locator('.app-header [data-testid="active-reader"]').count()).toBe(0);
    // A recorder in the page, installed before the read: every DOM change is looked at, so no step is missed.
    await page.evaluate(() => {
      const log: ProgressLog = { done: [], previewShown: null, photoShown: null, previewGone: null, identityAt: null };
      (window as unknown as { progressLog: ProgressLog }).progressLog = log;
      let last: number | null | undefined;
      const look = (): void => {
        const t = performance.now();
        const list = document.querySelector('ol.stages');
        const n = list ? list.querySelectorAll('li.stage-done').length : null;
        if (n !== last) {
          log.done.push({ n, total: list ? list.querySelectorAll('li').length : 0, t });
          last = n;
        }
        const preview = document.querySelector('[data-testid="text-preview"]');
        if (preview && log.previewShown === null) log.previewShown = t;
        if (!preview && log.previewShown !== null && log.previewGone === null) log.previewGone = t;
        if (document.querySelector('.read-right img.photo') && log.photoShown === null) log.photoShown = t;
        if (document.querySelector('[data-step="identity"]') && log.identityAt === null) log.identityAt = t;
      };
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await giveConsent(page);
    await typeCan(page, DEMO_CAN);
    // The name and the photo while the read finishes: what the citizen sees before the identity screen (without the
    // hold the identity screen comes first, and the timings below say by how much).
    await page.waitForSelector('.read-right img.photo, [data-step="identity"]', { timeout: 60_000 });
    if (await page.locator('.read-right img.photo').isVisible()) {
      await shot(page, 'progress-preview');
      expect(await page.getByTestId('text-preview').textContent()).toContain(sampleIdentities()[0]!.idNumber);
    }
    await page.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
    const log = await page.evaluate(() => (window as unknown as { progressLog: ProgressLog }).progressLog);

    const counts = log.done.filter((d) => d.n !== null).map((d) => d.n!);
    const total = log.done.find((d) => d.total > 0)!.total;
    console.info(`checklist done counts: ${counts.join(' → ')} of ${total}; preview up ${Math.round(log.previewGone! - log.previewShown!)} ms, photo ${Math.round(log.previewGone! - log.photoShown!)} ms`);
    // A real read, seen step by step (not one jump from nothing to done), ending with every step done.
    expect(new Set(counts).size).toBeGreaterThanOrEqual(4);
    expect(counts.at(-1)).toBe(total);
    // Monotonic: no change ever takes the done count below an earlier one.
    const backwards = counts.flatMap((n, i) => (i > 0 && n < counts[i - 1]! ? [`${counts[i - 1]} → ${n}`] : []));
    expect(backwards).toEqual([]);
    // The list is on screen from the first step to the last: it never disappears in between (a reset would).
    const firstShown = log.done.findIndex((d) => d.n !== null);
    const lastShown = log.done.map((d) => d.n !== null).lastIndexOf(true);
    expect(log.done.slice(firstShown, lastShown + 1).every((d) => d.n !== null)).toBe(true);

    // The preview: the name came before the photo, both stay until the identity screen replaces them, and once every
    // step is done they are held for PREVIEW_HOLD_MS (a few ms of rendering allowed).
    expect(log.previewShown).not.toBeNull();
    expect(log.photoShown!).toBeGreaterThanOrEqual(log.previewShown!);
    expect(log.previewGone).not.toBeNull();
    expect(log.identityAt!).toBeGreaterThanOrEqual(log.previewGone! - 1);
    const allDoneAt = log.done.find((d) => d.n === total)!.t;
    expect(log.previewGone! - allDoneAt).toBeGreaterThanOrEqual(PREVIEW_HOLD_MS - 50);
    expect(log.previewGone! - log.photoShown!).toBeGreaterThanOrEqual(PREVIEW_HOLD_MS - 50);
    await page.context().close();
  }, 120_000);
});
