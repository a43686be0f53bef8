/**
 * Worker-thread entry (bundled to dist/electron/boardWorker.js): keeps the board cache on its own
 * read-only connection, so the 100,000-row scan and sort of a cold board run beside the main
 * thread instead of in front of every other request (the page itself, webhooks, IPC).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createAlertStore } from '../store/alertStore';
import { createBoardCache } from './boardCache';
import type { BoardThreadMessage, BoardThreadReply, BoardWorkerData } from './boardThread';

const { databasePath, nativeBinding } = workerData as BoardWorkerData;
const db = new Database(databasePath, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
db.pragma('busy_timeout = 5000');
const boards = createBoardCache(createAlertStore(db));

parentPort!.on('message', (message: BoardThreadMessage) => {
  if (message.type === 'changed') {
    boards.changed(message.ids);
    return;
  }
  let reply: BoardThreadReply;
  try {
    reply = { id: message.id, ok: true, view: boards.view(message.request) };
  } catch (error) {
    reply = { id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
