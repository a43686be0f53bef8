import { Worker } from 'node:worker_threads';
import type { BoardRequest, BoardView } from './boardCache';

export interface BoardWorkerData {
  databasePath: string;
  nativeBinding?: string;
}

export type BoardThreadMessage = { type: 'view'; id: number; request: BoardRequest } | { type: 'changed'; ids: string[] | undefined };
export type BoardThreadReply = { id: number; ok: true; view: BoardView } | { id: number; ok: false; message: string };

/** The board cache on a worker thread; the long-running front doors start one, one-shot CLI commands do not. */
export interface BoardThread {
  view(request: BoardRequest): Promise<BoardView>;
  changed(ids: readonly string[] | undefined): void;
  /** Set once the thread has died: callers then keep their boards on their own thread. */
  readonly failed: boolean;
  close(): Promise<void>;
}

/**
 * Starts the worker right away, so its isolate, bundle and connection are ready by the time the
 * first screen asks. Messages are handled in order, so a view asked after a change sees it.
 */
export function startBoardThread(options: { script: string } & BoardWorkerData): BoardThread {
  const workerData: BoardWorkerData = { databasePath: options.databasePath, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) };
  const worker = new Worker(options.script, { workerData });
  // Never the reason the process stays alive.
  worker.unref();
  const waiting = new Map<number, { resolve: (view: BoardView) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const pending of waiting.values()) pending.reject(failure);
    waiting.clear();
  };
  worker.on('message', (reply: BoardThreadReply) => {
    const pending = waiting.get(reply.id);
    if (!pending) return;
    waiting.delete(reply.id);
    if (reply.ok) pending.resolve(reply.view);
    else pending.reject(new Error(reply.message));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`board thread exited (code ${code})`)));
  const post = (message: BoardThreadMessage) => worker.postMessage(message);
  return {
    get failed() {
      return failure !== undefined;
    },
    view(request) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        post({ type: 'view', id, request });
      });
    },
    changed(ids) {
      if (!failure) post({ type: 'changed', ids: ids ? [...ids] : undefined });
    },
    async close() {
      failAll(new Error('board thread closed'));
      await worker.terminate();
    },
  };
}
