/**
 * IPC bridge between the preload and the API core. Every message is validated twice: the envelope here with the
 * contract's schema, the method input inside ApiCore.handle with the method's schema. Errors never cross as
 * exceptions (Electron would serialize the stack); they are ResponseEnvelopes with a typed ApiError.
 */
import type * as Electron from 'electron';
import type { ApiCore } from '../api/core';
import { toApiError } from '../api/errorMapping';
import { ApiError, callSchema, EVENT_NAMES, IPC_CHANNEL, type EventEnvelope, type ResponseEnvelope } from '../api/contract';
import { DISPLAY_EVENTS, displayMayCall } from '../hostShared/displayRole';
import { isAppUrl } from './security';

/** The one app window is one API connection: its card sessions and events are its own. */
const ELECTRON_CLIENT = 'electron-window';
/** The hall-display window (--display) is another, held to the display role. */
const DISPLAY_CLIENT = 'electron-display';

type IpcMainLike = Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;
type SenderLike = { senderFrame?: { url: string } | null; sender?: unknown };
type Target = () => Pick<Electron.WebContents, 'send' | 'isDestroyed'> | null;

async function handleInvoke(core: ApiCore, event: SenderLike, payload: unknown, display: Target | undefined): Promise<ResponseEnvelope> {
  // Only our own page may call: a frame that navigated elsewhere (should be impossible) gets nothing.
  if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) return { id: 0, ok: false, error: new ApiError('FORBIDDEN', 'foreign frame').toJSON() };
  const env = callSchema.safeParse(payload);
  if (!env.success) return { id: 0, ok: false, error: new ApiError('INVALID_INPUT', 'malformed IPC envelope').toJSON() };
  // Which window called decides its rights, never what its page says about itself (its URL or its input).
  const fromDisplay = display !== undefined && sameContents(event.sender, display());
  if (fromDisplay && !displayMayCall(env.data.method)) return { id: 0, ok: false, error: new ApiError('FORBIDDEN', 'method not allowed on the display').toJSON() };
  try {
    const result = fromDisplay ? await core.handle(env.data.method, env.data.input, undefined, DISPLAY_CLIENT) : await core.handle(env.data.method, env.data.input, env.data.token, ELECTRON_CLIENT);
    return { id: 0, ok: true, result };
  } catch (e) {
    return { id: 0, ok: false, error: toApiError(e).toJSON() };
  }
}

/** WebContents are compared by Electron's id (one per page process host), or as objects where there is none. */
function sameContents(a: unknown, b: unknown): boolean {
  if (!a || !b) return false;
  const ia = (a as { id?: unknown }).id;
  const ib = (b as { id?: unknown }).id;
  return typeof ia === 'number' && typeof ib === 'number' ? ia === ib : a === b;
}

/** `display`: the hall-display window's contents, when the app has one; it hears the display's events only. */
export function registerIpc(ipcMain: IpcMainLike, core: ApiCore, target: Target, display?: Target): () => void {
  ipcMain.handle(IPC_CHANNEL.invoke, (event, payload: unknown) => handleInvoke(core, event as SenderLike, payload, display));
  const forward = (to: Target, client: string) => (event: (typeof EVENT_NAMES)[number]) =>
    core.on(
      event,
      (data) => {
        const wc = to();
        if (wc && !wc.isDestroyed()) wc.send(IPC_CHANNEL.event, { event, data } satisfies EventEnvelope);
      },
      client,
    );
  const offs = [...EVENT_NAMES.map(forward(target, ELECTRON_CLIENT)), ...(display ? DISPLAY_EVENTS.map(forward(display, DISPLAY_CLIENT)) : [])];
  return () => {
    ipcMain.removeHandler(IPC_CHANNEL.invoke);
    offs.forEach((o) => o());
  };
}
