import type { AppContext } from './appContext';
import { scheduleRefresher } from '../contacts/scheduleRefresher';
import { alertmanagerPollerService } from '../alerts/alertmanagerPoller';
import { alertNoticeRelay } from '../alerts/alertNoticeRelay';
import { integrityWatch } from './integrityWatch';
import { runbookFolderWatcher } from '../runbooks/runbookWatcher';

export interface BackgroundService {
  name: string;
  start(ctx: AppContext): () => void;
}

/**
 * Notices commits made by other processes (the CLI, a second app) via `PRAGMA data_version`,
 * which changes only when another connection writes, so open views refresh without polling tables.
 */
export const externalWriteWatcher: BackgroundService = {
  name: 'external-write-watcher',
  start(ctx) {
    let last = ctx.db.pragma('data_version', { simple: true });
    const timer = setInterval(() => {
      if (!ctx.db.open) return;
      const current = ctx.db.pragma('data_version', { simple: true });
      if (current !== last) {
        last = current;
        ctx.events.emit('data.changed', { origin: 'external' });
      }
    }, 1000);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** Long-running work of the app (pollers, watchers). A domain adds its service to this list. */
export const backgroundServices: readonly BackgroundService[] = [
  externalWriteWatcher,
  integrityWatch,
  scheduleRefresher,
  alertmanagerPollerService,
  alertNoticeRelay,
  runbookFolderWatcher,
];

export function startBackgroundServices(ctx: AppContext, services: readonly BackgroundService[] = backgroundServices): () => void {
  const stops = services.map((service) => service.start(ctx));
  return () => {
    for (const stop of stops.reverse()) stop();
  };
}
