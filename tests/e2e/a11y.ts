/**
 * Accessibility checks run in the real page: every control has an accessible name (Chromium's own
 * accessibility tree over CDP), text meets WCAG 2.1 AA contrast (1.4.3: 4.5:1, 3:1 for large text), inputs show
 * Vietnamese diacritics whole, and every element reached with Tab shows a visible focus indicator (2.4.7).
 */
import type { Page } from 'playwright-core';

const CONTROL_ROLES = new Set(['button', 'textbox', 'combobox', 'radio', 'checkbox', 'tab', 'link', 'searchbox', 'spinbutton', 'switch', 'menuitem', 'option', 'slider']);

interface AxValue {
  value?: unknown;
}
interface AxNode {
  ignored?: boolean;
  role?: AxValue;
  name?: AxValue;
  properties?: { name: string; value: AxValue }[];
}

/** Controls (by role) that Chromium computes no accessible name for. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Accessibility.enable');
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    return nodes
      .filter((n) => !n.ignored && CONTROL_ROLES.has(String(n.role?.value ?? '')) && !String(n.name?.value ?? '').trim())
      .map((n) => `${String(n.role?.value)} without a name`);
  } finally {
    await cdp.detach();
  }
}

/** Visible text whose contrast with its effective background is below WCAG AA. */
export async function lowContrastText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba | null => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const p = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return [p[0]!, p[1]!, p[2]!, p.length > 3 ? p[3]! : 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
    };
    const lum = (c: Rgba): number => {
      const ch = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
    };
    /** The opaque colour behind an element: its own and its ancestors' backgrounds, composed; null over an image. */
    const background = (el: Element): Rgba | null => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.backgroundImage !== 'none') return null;
        const bg = parse(cs.backgroundColor);
        if (bg && bg[3] > 0) {
          layers.push(bg);
          if (bg[3] >= 1) break;
        }
      }
      let c: Rgba = [255, 255, 255, 1];
      for (const l of layers.reverse()) c = over(l, c);
      return c;
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.textContent?.trim()) continue;
      seen.add(el);
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || cs.visibility !== 'visible' || Number(cs.opacity) === 0) continue;
      // WCAG 1.4.3 exempts inactive controls.
      if (el.closest('button:disabled, input:disabled, select:disabled, [aria-disabled="true"]')) continue;
      const bg = background(el);
      const fg = parse(cs.color);
      if (!bg || !fg) continue;
      const ratio = (Math.max(lum(over(fg, bg)), lum(bg)) + 0.05) / (Math.min(lum(over(fg, bg)), lum(bg)) + 0.05);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) out.push(`"${n.textContent.trim().slice(0, 40)}" ${ratio.toFixed(2)}:1 (${cs.color} on rgb(${bg.slice(0, 3).map(Math.round).join(', ')}))`);
    }
    return out;
  });
}

/**
 * Text clipped to a line box too short for Vietnamese capitals with stacked marks: Chromium clips an input's text,
 * and the text of any element with overflow other than visible, to its box, so with line-height "normal" (and no
 * padding above) "THẺ MẪU" shows as "THÉ MÂU".
 */
export async function clippingText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const tooShort = (el: Element): boolean => {
      const cs = getComputedStyle(el);
      const size = parseFloat(cs.fontSize);
      const lineOk = cs.lineHeight !== 'normal' && parseFloat(cs.lineHeight) >= 1.3 * size;
      return !lineOk && parseFloat(cs.paddingTop) < 0.2 * size;
    };
    const visible = (el: Element): boolean => el.getBoundingClientRect().height > 0;
    const inputs = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')]
      .filter((el) => !['radio', 'checkbox', 'hidden', 'file', 'range', 'color'].includes(el.type) && visible(el) && tooShort(el))
      .map((el) => `input "${el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent?.trim() ?? el.name}" has line-height ${getComputedStyle(el).lineHeight}: clips Ẫ/Ễ/Ỗ`);
    const boxes = [...document.body.querySelectorAll('*')]
      .filter((el) => {
        const cs = getComputedStyle(el);
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') return false;
        if (el.matches('.sr-only, input, textarea, select') || !visible(el)) return false;
        return [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()) && tooShort(el);
      })
      .map((el) => `"${(el.textContent ?? '').trim().slice(0, 30)}" is clipped (overflow ${getComputedStyle(el).overflow}, line-height ${getComputedStyle(el).lineHeight}): clips Ẫ/Ễ/Ỗ`);
    return [...inputs, ...boxes];
  });
}

/** Tab through the page (up to `max` stops): the focused elements that show no outline and no box-shadow. */
export async function focusWithoutIndicator(page: Page, max = 60): Promise<{ stops: number; missing: string[] }> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const missing: string[] = [];
  const seen = new Set<string>();
  let stops = 0;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      const visible = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
      const label = (el.getAttribute('aria-label') ?? el.textContent ?? el.getAttribute('name') ?? el.tagName).trim().slice(0, 40);
      const path: string[] = [];
      for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) path.unshift(`${e.tagName}${e.parentElement ? Array.prototype.indexOf.call(e.parentElement.children, e) : ''}`);
      return { key: path.join('>'), label: `${el.tagName.toLowerCase()} "${label}"`, visible };
    });
    if (!f) continue;
    if (seen.has(f.key)) break; // wrapped around
    seen.add(f.key);
    stops++;
    if (!f.visible) missing.push(f.label);
  }
  return { stops, missing };
}

/** All three checks for the current screen; an empty list means it passes. */
export async function audit(page: Page, screen: string): Promise<string[]> {
  const problems = [...(await unnamedControls(page)), ...(await lowContrastText(page)), ...(await clippingText(page))];
  const focus = await focusWithoutIndicator(page);
  if (focus.stops === 0) problems.push('no element reachable with Tab');
  problems.push(...focus.missing.map((m) => `${m}: focused without a visible indicator`));
  return problems.map((p) => `${screen}: ${p}`);
}
