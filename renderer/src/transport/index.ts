import { createHttpTransport } from './httpTransport';
import { createIpcTransport } from './ipcTransport';
import type { Transport } from './transport';

/** Chosen once at start: the preload bridge means Electron, otherwise we were served by `gobag serve`. */
export function chooseTransport(): Transport {
  return window.gobag ? createIpcTransport(window.gobag) : createHttpTransport();
}

export type { Transport };
