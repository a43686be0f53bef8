import type { BackgroundService } from '../app/backgroundServices';
import { createContactStore } from '../store/contactStore';
import { createScheduleStore } from '../store/scheduleStore';
import { createScheduleService } from './scheduleService';

const CHECK_EVERY_MS = 5 * 60_000;
/** Feeds are fetched again when their last attempt is older than this. */
const FEED_INTERVAL_MS = 30 * 60_000;
/** The cached expansion slides forward once it is this old, so "on call" stays answered from cache. */
const REEXPAND_AFTER_MS = 7 * 86_400_000;

/**
 * Refreshes subscribed iCalendar feeds while online and re-expands cached schedules as time moves
 * on. Offline, fetches fail quietly into the source's last error; the cached copy keeps answering.
 */
export const scheduleRefresher: BackgroundService = {
  name: 'schedule-refresher',
  start(ctx) {
    const schedules = createScheduleStore(ctx.db);
    const service = createScheduleService(ctx, schedules, createContactStore(ctx.db, ctx.outbox));
    let running = false;
    const tick = async () => {
      if (running || !ctx.db.open) return;
      running = true;
      try {
        const now = ctx.clock.now().getTime();
        for (const record of schedules.list()) {
          const source = ctx.sources.get(record.sourceId);
          const lastAttempt = source?.lastAttemptAt ? Date.parse(source.lastAttemptAt) : 0;
          if (record.url && now - lastAttempt >= FEED_INTERVAL_MS) {
            await service.refresh(record);
            ctx.events.emit('schedules.changed', { scheduleId: record.id });
            ctx.events.emit('sources.changed', { sourceId: record.sourceId });
          } else if (record.expandedFrom && now - Date.parse(record.expandedFrom) > 35 * 86_400_000 + REEXPAND_AFTER_MS) {
            service.reexpand(record);
            ctx.events.emit('schedules.changed', { scheduleId: record.id });
          }
        }
      } catch (error) {
        console.error('[gobag] schedule refresh failed', error);
      } finally {
        running = false;
      }
    };
    const first = setTimeout(() => void tick(), 3_000);
    const timer = setInterval(() => void tick(), CHECK_EVERY_MS);
    first.unref();
    timer.unref();
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  },
};
