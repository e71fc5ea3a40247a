/** App information, office settings and the trust store (CSCA certificates, master lists, CRLs). */
import { ApiError, settingsSchema, type AppInfo } from '../contract';
import type { CoreContext, Handlers } from './context';

export const SETTINGS_KEY = 'app.settings';

type SettingsMethods = 'app.info' | 'settings.get' | 'settings.set' | 'trust.import' | 'setup.status' | 'setup.createAdmin';

/** No account yet outside demo mode: an administrator must be created before the app serves citizens. */
export function setupRequired(ctx: CoreContext): boolean {
  return !ctx.o.demo && ctx.o.store.listUsers().length === 0;
}

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
      setupRequired: setupRequired(ctx),
    }),
    'setup.status': () => ({ setupRequired: setupRequired(ctx) }),
    'setup.createAdmin': async (i, call) => {
      // Check and create in one synchronous step: two first-run screens cannot both create an administrator.
      if (o.store.listUsers().length > 0) throw new ApiError('FORBIDDEN', 'setup is already done; an administrator exists');
      o.store.createUser({ username: i.username, displayName: i.displayName, role: 'admin', password: i.password }, 'setup');
      if (i.office) o.store.setSetting(SETTINGS_KEY, settingsSchema.parse({ ...ctx.settings(), ...i.office }), i.username);
      return ctx.clerks.login(i.username, i.password, call.client ?? 'local');
    },
    'settings.get': () => ctx.settings(),
    'settings.set': (i, call) => {
      const next = settingsSchema.parse({ ...ctx.settings(), ...i.settings });
      o.store.setSetting(SETTINGS_KEY, next, call.actor);
      // The reader status follows the chosen reader at once, as the next read does.
      o.card.useReader?.(next.reader);
      return next;
    },
    'trust.import': async (i) => {
      if (!o.trust) throw new ApiError('UNSUPPORTED', 'no trust store configured');
      return { stored: await o.trust.importFile(i.fileName, new Uint8Array(Buffer.from(i.dataBase64, 'base64'))) };
    },
  };
}
