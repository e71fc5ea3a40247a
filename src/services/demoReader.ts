/**
 * Demo mode: the built-in simulated CCCD ("THẺ MẪU") on an in-process reader, used when no PC/SC reader is present.
 * It runs the same card engine as a real read; the link model with real sleeping makes progress look like a
 * contactless reader at 424 kbit/s instead of finishing instantly.
 */
import { InProcessMonitor, type LinkModel } from '../card/transport/inProcess';
import { SimulatedCccd } from '../sim/applet/cccdApplet';
import { sampleFiles, sampleProfile } from '../sim/profile/samples';

export const DEMO_READER = 'Motcua THẺ MẪU (demo)';

export class DemoReader extends InProcessMonitor {
  private index = 0;

  constructor(link: LinkModel | undefined = { perApduMs: 8, kbitPerSecond: 424 }) {
    super({ readers: [DEMO_READER], link, realTime: link !== undefined });
  }

  get count(): number {
    return sampleFiles().length;
  }

  get current(): { index: number; count: number; label: string; can: string | null } {
    const p = sampleProfile(this.index);
    return { index: this.index, count: this.count, label: p.label, can: p.can };
  }

  /** Put sample `index` (0-based) on the reader, replacing the one there. */
  insertSample(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) throw new RangeError(`no demo card #${index}`);
    this.remove();
    this.index = index;
    this.insert(new SimulatedCccd(sampleProfile(index)));
  }
}

export function createDemoReader(opts: { link?: LinkModel; sampleIndex?: number } = {}): DemoReader {
  const r = new DemoReader(opts.link);
  r.insertSample(opts.sampleIndex ?? 0);
  return r;
}
