import type { BackgroundService } from '../app/backgroundServices';
import { createAlertStore } from '../store/alertStore';

/**
 * Shows what another process decided deserves a desktop notice: `gobag ingest` from a script or a
 * second app stores alerts in the shared replica, and the running app learns of the commit through
 * `data.changed` (PRAGMA data_version). Its own notices went out with the write that stored them.
 */
export const alertNoticeRelay: BackgroundService = {
  name: 'alert-notices-from-other-processes',
  start(ctx) {
    const store = createAlertStore(ctx.db);
    let seen = store.lastNotificationId();
    return ctx.events.onAny((event) => {
      if (event !== 'data.changed' || !ctx.db.open) return;
      const notices = store.notificationsFromOthersAfter(seen);
      if (notices.length === 0) return;
      seen = notices[notices.length - 1]!.seq;
      ctx.events.emit('alerts.changed', { reason: 'other-process', notify: notices.map(({ id, kind, title, body }) => ({ id, kind, title, body })) });
    });
  },
};
