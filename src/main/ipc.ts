/**
 * IPC bridge between the preload and the API core. Every message is validated twice: the envelope here with the
 * contract's schema, the method input inside ApiCore.handle with the method's schema. Errors never cross as
 * exceptions (Electron would serialize the stack); they are ResponseEnvelopes with a typed ApiError.
 */
import type * as Electron from 'electron';
import type { ApiCore } from '../api/core';
import { toApiError } from '../api/errorMapping';
import { ApiError, callSchema, EVENT_NAMES, IPC_CHANNEL, type EventEnvelope, type ResponseEnvelope } from '../api/contract';
import { isAppUrl } from './security';

/** The one app window is one API connection: its card sessions and events are its own. */
const ELECTRON_CLIENT = 'electron-window';

type IpcMainLike = Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;
type SenderLike = { senderFrame?: { url: string } | null };

async function handleInvoke(core: ApiCore, event: SenderLike, payload: unknown): Promise<ResponseEnvelope> {
  // Only our own page may call: a frame that navigated elsewhere (should be impossible) gets nothing.
  if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) return { id: 0, ok: false, error: new ApiError('FORBIDDEN', 'foreign frame').toJSON() };
  const env = callSchema.safeParse(payload);
  if (!env.success) return { id: 0, ok: false, error: new ApiError('INVALID_INPUT', 'malformed IPC envelope').toJSON() };
  try {
    return { id: 0, ok: true, result: await core.handle(env.data.method, env.data.input, env.data.token, ELECTRON_CLIENT) };
  } catch (e) {
    return { id: 0, ok: false, error: toApiError(e).toJSON() };
  }
}

export function registerIpc(ipcMain: IpcMainLike, core: ApiCore, target: () => Pick<Electron.WebContents, 'send' | 'isDestroyed'> | null): () => void {
  ipcMain.handle(IPC_CHANNEL.invoke, (event, payload: unknown) => handleInvoke(core, event as SenderLike, payload));
  const offs = EVENT_NAMES.map((event) =>
    core.on(
      event,
      (data) => {
        const wc = target();
        if (wc && !wc.isDestroyed()) wc.send(IPC_CHANNEL.event, { event, data } satisfies EventEnvelope);
      },
      ELECTRON_CLIENT,
    ),
  );
  return () => {
    ipcMain.removeHandler(IPC_CHANNEL.invoke);
    offs.forEach((o) => o());
  };
}
