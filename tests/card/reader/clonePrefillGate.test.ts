/**
 * What a cloned chip's read may do downstream: the app receives it as an INVALID card (not a reader error), and
 * nothing from it pre-fills a form unless a clerk overrides. Real composition root (createApp) over the simulated
 * CCCD with the clone-ca fault on the in-process transport.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../../src/app/compose';
import { createCardService } from '../../../src/services/cardService';
import { InProcessMonitor } from '../../../src/card/transport/inProcess';
import { SimulatedCccd } from '../../../src/sim/applet/cccdApplet';
import { sampleProfile } from '../../../src/sim/profile/samples';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

describe('a cloned chip at the API', () => {
  it('card.read gives overall INVALID with chipAuthentication INVALID; dossier.prefill refuses without a clerk override', async () => {
    const profile = sampleProfile(0);
    const monitor = new InProcessMonitor();
    monitor.insert(new SimulatedCccd(profile, { faults: { cloneChipAuthentication: true } }));
    const card = await createCardService({ mode: 'demo', demoMonitor: async () => monitor });
    const app = await createApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-clone-')), demo: true, mode: 'kiosk', host: 'browser', card });
    close = () => app.close();

    const id = (await app.core.handle('card.read', { key: { can: profile.can! } })) as { session: string; overall: string; verification: { chipAuthentication: string } };
    expect(id.overall).toBe('INVALID');
    expect(id.verification.chipAuthentication).toBe('INVALID');
    const refused = await app.core.handle('dossier.prefill', { formId: 'CT01', session: id.session }).catch((e: unknown) => e);
    expect((refused as { code?: string }).code).toBe('VERIFICATION_INVALID');
  });
});
