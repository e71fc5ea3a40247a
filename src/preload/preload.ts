/**
 * Preload (sandboxed): exposes `window.motcua` with two functions and nothing else — no ipcRenderer, no Node.
 * Sandboxed preloads cannot require local files, so the channel names are repeated here; tests/preload/ checks
 * they equal the contract's IPC_CHANNEL.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

export const CHANNEL = { invoke: 'motcua:invoke', event: 'motcua:event' } as const;

type Envelope = { event: string; data: unknown };

export function buildBridge(ipc: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>) {
  return {
    invoke: (method: string, input: unknown, token?: string): Promise<unknown> => ipc.invoke(CHANNEL.invoke, token ? { method, input, token } : { method, input }),
    subscribe: (listener: (e: Envelope) => void): (() => void) => {
      const handler = (_e: IpcRendererEvent, env: Envelope): void => listener(env);
      ipc.on(CHANNEL.event, handler);
      return () => ipc.removeListener(CHANNEL.event, handler);
    },
  };
}

if (typeof contextBridge?.exposeInMainWorld === 'function') contextBridge.exposeInMainWorld('motcua', buildBridge(ipcRenderer));
