import type { Db } from './database';
import type { Source } from '../../shared/api/system';
import { newId } from './ids';
import { redactUrlCredentials } from '../../shared/domain/urlCredentials';

interface SourceRow {
  id: string;
  kind: string;
  name: string;
  last_refresh_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  item_count: number;
}

function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    lastRefreshAt: row.last_refresh_at,
    lastAttemptAt: row.last_attempt_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    itemCount: row.item_count,
  };
}

/** The `sources` table: one row per upstream feed or import, with its freshness. */
export function createSourceStore(db: Db) {
  const selectByKindName = db.prepare<[string, string], SourceRow>(
    'SELECT * FROM sources WHERE kind = ? AND name = ? AND deleted_at IS NULL',
  );
  const selectById = db.prepare<[string], SourceRow>('SELECT * FROM sources WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO sources (id, kind, name, config_json, created_at, updated_at)
     VALUES (@id, @kind, @name, @config, @now, @now)
     ON CONFLICT (kind, name) DO UPDATE SET deleted_at = NULL, config_json = @config, updated_at = @now`,
  );
  const markSuccess = db.prepare(
    `UPDATE sources SET last_refresh_at = @at, last_attempt_at = @at, last_error = NULL,
       item_count = @count, updated_at = @at WHERE id = @id`,
  );
  const markFailure = db.prepare(
    `UPDATE sources SET last_attempt_at = @at, last_error = @error, last_error_at = @at, updated_at = @at WHERE id = @id`,
  );

  return {
    /** Finds or creates the source; `config` is stored (e.g. URL, url-prefix) for later refreshes. */
    ensure(kind: string, name: string, now: string, config: Record<string, unknown> = {}): Source {
      const existing = selectByKindName.get(kind, name);
      if (existing && JSON.stringify(config) === '{}') return toSource(existing);
      insert.run({ id: existing?.id ?? newId(), kind, name, config: JSON.stringify(config), now });
      return toSource(selectByKindName.get(kind, name)!);
    },
    get(id: string): Source | undefined {
      const row = selectById.get(id);
      return row ? toSource(row) : undefined;
    },
    config(id: string): Record<string, unknown> {
      const row = db.prepare<[string], { config_json: string }>('SELECT config_json FROM sources WHERE id = ?').get(id);
      return row ? (JSON.parse(row.config_json) as Record<string, unknown>) : {};
    },
    recordSuccess(id: string, at: string, itemCount: number): void {
      markSuccess.run({ id, at, count: itemCount });
    },
    /**
     * A failed refresh keeps the last good data and count; only the error and attempt time change.
     * The error is shown in the UI and `gobag status`: a URL it quotes loses its user:password.
     */
    recordFailure(id: string, at: string, error: string): void {
      markFailure.run({ id, at, error: redactUrlCredentials(error) });
    },
    list(kind?: string): Source[] {
      const rows = kind
        ? db.prepare<[string], SourceRow>('SELECT * FROM sources WHERE kind = ? AND deleted_at IS NULL ORDER BY kind, name').all(kind)
        : db.prepare<[], SourceRow>('SELECT * FROM sources WHERE deleted_at IS NULL ORDER BY kind, name').all();
      return rows.map(toSource);
    },
  };
}

export type SourceStore = ReturnType<typeof createSourceStore>;
