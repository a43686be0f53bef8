import { z } from 'zod';
import { defineEvents } from './define';

/** Push events of the foundation. Domains add `<domain>.changed` events in their own files. */
export const systemEvents = defineEvents({
  /** A source's freshness or error changed. */
  'sources.changed': z.object({ sourceId: z.string() }),
  /** Local settings changed (another window or the CLI). */
  'settings.changed': z.object({}),
  /** Another process (the CLI, a second window) committed to the database; views should re-read. */
  'data.changed': z.object({ origin: z.enum(['external']) }),
});
