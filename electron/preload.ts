/**
 * Runs sandboxed: exposes exactly two functions to the page. No Node, no ipcRenderer, no channels
 * the page can choose.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const CALL_CHANNEL = 'gobag:call';
const EVENT_CHANNEL = 'gobag:event';

contextBridge.exposeInMainWorld('gobag', {
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(CALL_CHANNEL, String(method), input),
  subscribe: (event: string, callback: (payload: unknown) => void): (() => void) => {
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => ipcRenderer.off(EVENT_CHANNEL, listener);
  },
});
