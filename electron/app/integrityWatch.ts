import type { BackgroundService } from './backgroundServices';
import { isoNow } from '../store/clock';
import { createIntegrityStore } from '../store/integrityStore';

const FIRST_CHECK_AFTER_MS = 60_000;
const CHECK_EVERY_MS = 24 * 3_600_000;

/**
 * Runs SQLite's quick_check a minute after the app starts (out of the way of the first screen) and
 * daily; `gobag status` and the Status view show the result. A damaged replica is found before the
 * night it is needed.
 */
export const integrityWatch: BackgroundService = {
  name: 'integrity-watch',
  start(ctx) {
    const store = createIntegrityStore(ctx.db, ctx.settings);
    let timer: NodeJS.Timeout;
    const run = () => {
      if (!ctx.db.open) return;
      const result = store.check(isoNow(ctx.clock));
      if (!result.ok) console.error(`Gobag: the local replica failed its integrity check: ${result.detail}`);
      timer = setTimeout(run, CHECK_EVERY_MS);
      timer.unref();
    };
    timer = setTimeout(run, FIRST_CHECK_AFTER_MS);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
