import type { ApiResult } from '../../../shared/api/result';

/** How the renderer reaches the backend: IPC under Electron, HTTP + server-sent events in a browser. */
export interface Transport {
  kind: 'ipc' | 'http';
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(event: string, callback: (payload: unknown) => void): () => void;
  /** Connection state of the push channel, for the header. */
  onConnectionChange?(callback: (connected: boolean) => void): () => void;
}

/** What preload.ts exposes on `window.gobag`. */
export interface GobagBridge {
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(event: string, callback: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    gobag?: GobagBridge;
  }
}
