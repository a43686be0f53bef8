import { z } from 'zod';
import { defineMethods } from './define';

export const SourceSchema = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  lastRefreshAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  itemCount: z.number().int(),
});
export type Source = z.infer<typeof SourceSchema>;

export const StatusSchema = z.object({
  appVersion: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int() })),
  sources: z.array(SourceSchema),
  /** SQLite quick_check of the replica: run daily by the app, or now with `checkIntegrity`. Null: never ran. */
  integrity: z.object({ checkedAt: z.string(), ok: z.boolean(), detail: z.string() }).nullable(),
});
export type Status = z.infer<typeof StatusSchema>;

export const systemMethods = defineMethods({
  'system.status': {
    summary: 'Database path, schema version, row counts per table, freshness of every source, last integrity check.',
    input: z.object({ checkIntegrity: z.boolean().default(false) }).strict(),
    output: StatusSchema,
  },
  'system.backup': {
    summary: 'Copy the database with the SQLite online backup API to a file.',
    input: z.object({ file: z.string().min(1, 'file is required') }).strict(),
    output: z.object({ file: z.string(), bytes: z.number().int(), tables: StatusSchema.shape.tables }),
  },
  'sources.list': {
    summary: 'Every upstream source with its last refresh, last error and item count.',
    input: z.object({}).strict(),
    output: z.array(SourceSchema),
  },
  'settings.get': {
    summary: 'Read local settings (user name, thresholds).',
    input: z.object({}).strict(),
    output: z.object({ userName: z.string(), staleAfterHours: z.number() }),
  },
  'settings.update': {
    summary: 'Change local settings.',
    input: z
      .object({ userName: z.string().min(1).max(200).optional(), staleAfterHours: z.number().positive().max(24 * 365).optional() })
      .strict(),
    output: z.object({ userName: z.string(), staleAfterHours: z.number() }),
  },
});
