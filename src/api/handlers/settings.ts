/** App information, office settings and the trust store (CSCA certificates, master lists, CRLs). */
import { ApiError, settingsSchema, type AppInfo } from '../contract';
import type { CoreContext, Handlers } from './context';

export const SETTINGS_KEY = 'app.settings';

type SettingsMethods = 'app.info' | 'settings.get' | 'settings.set' | 'trust.import';

export function settingsHandlers(ctx: CoreContext): Handlers<SettingsMethods> {
  const { o } = ctx;
  return {
    'app.info': (): AppInfo => ({
      name: 'Motcua',
      version: o.version,
      host: o.host,
      mode: o.mode,
      demo: o.demo,
      silentPrint: o.sink?.available ?? false,
      office: ctx.office(),
      idleSeconds: ctx.settings().idleSeconds,
    }),
    'settings.get': () => ctx.settings(),
    'settings.set': (i, call) => {
      const next = settingsSchema.parse({ ...ctx.settings(), ...i.settings });
      o.store.setSetting(SETTINGS_KEY, next, call.actor);
      return next;
    },
    'trust.import': async (i) => {
      if (!o.trust) throw new ApiError('UNSUPPORTED', 'no trust store configured');
      return { stored: await o.trust.importFile(i.fileName, new Uint8Array(Buffer.from(i.dataBase64, 'base64'))) };
    },
  };
}
