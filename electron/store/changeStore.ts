import type Database from 'better-sqlite3';
import type { Db } from './database';
import type { OutboxStore } from './outboxStore';
import { newId } from './ids';
import type { Change, ChangeFilter, ChangeOrigin, ChangeRevision } from '../../shared/api/changes';
import { isProductionEnvironment, type ChangeKind } from '../../shared/domain/changeCorrelation';

interface ChangeRow {
  id: string;
  at: string;
  summary: string;
  service: string | null;
  environment: string | null;
  is_production: number;
  kind: ChangeKind;
  author: string | null;
  link: string | null;
  side_effects: string | null;
  rollback: string | null;
  origin: ChangeOrigin;
  external_id: string | null;
  details_json: string;
  revision: number;
  recorded_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

interface RevisionRow {
  revision: number;
  op: 'insert' | 'update' | 'delete';
  at: string;
  by: string | null;
  fields_json: string;
  reason: string | null;
}

export interface SuspectCandidate {
  id: string;
  at: string;
  service: string | null;
  environment: string | null;
}

/** What a writer supplies; times are already normalised ISO-8601 UTC. */
export interface NewChange {
  at: string;
  summary: string;
  service?: string | null;
  environment?: string | null;
  kind: ChangeKind;
  author?: string | null;
  link?: string | null;
  sideEffects?: string | null;
  rollback?: string | null;
  origin: ChangeOrigin;
  externalId?: string | null;
  details?: Record<string, unknown>;
}

export type ChangePatch = Partial<Pick<Change, 'at' | 'summary' | 'service' | 'environment' | 'kind' | 'author' | 'link' | 'sideEffects' | 'rollback'>>;

const EDITABLE_COLUMNS: Record<keyof ChangePatch, keyof ChangeRow> = {
  at: 'at',
  summary: 'summary',
  service: 'service',
  environment: 'environment',
  kind: 'kind',
  author: 'author',
  link: 'link',
  sideEffects: 'side_effects',
  rollback: 'rollback',
};

function toChange(row: ChangeRow): Change {
  return {
    id: row.id,
    at: row.at,
    summary: row.summary,
    service: row.service,
    environment: row.environment,
    kind: row.kind,
    author: row.author,
    link: row.link,
    sideEffects: row.side_effects,
    rollback: row.rollback,
    origin: row.origin,
    externalId: row.external_id,
    details: JSON.parse(row.details_json) as Record<string, unknown>,
    revision: row.revision,
    recordedBy: row.recorded_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/** Empty and whitespace-only text is stored as NULL, so "no service" has one spelling. */
function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Turns what a person types into an FTS5 query: every word must appear, as a prefix, so "api
 * depl" finds "deploy api v2". Quotes make FTS5 operators in the text harmless.
 */
export function ftsQueryFor(text: string): string | undefined {
  const words = text
    .split(/\s+/)
    .map((w) => w.replace(/"/g, '').trim())
    .filter(Boolean);
  if (words.length === 0) return undefined;
  return words.map((w) => `"${w}"*`).join(' ');
}

/** Refused hook payloads kept for inspection. */
export const KEPT_REJECTS = 1000;

/** Up to this many full-text hits are fetched by rowid and sorted, instead of walking the time index. */
const FEW_FTS_HITS = 5000;

/** How many recent changes the facet lists are drawn from. */
const FACET_SAMPLE = 5000;

export function createChangeStore(db: Db, outbox?: OutboxStore) {
  const insertRow = db.prepare(
    `INSERT INTO changes (id, at, summary, service, environment, is_production, kind, author, link, side_effects, rollback,
       origin, external_id, details_json, revision, recorded_by, created_at, updated_at)
     VALUES (@id, @at, @summary, @service, @environment, @isProduction, @kind, @author, @link, @sideEffects, @rollback,
       @origin, @externalId, @details, 1, @recordedBy, @now, @now)`,
  );
  const insertRevision = db.prepare(
    `INSERT INTO change_revisions (id, change_id, revision, op, at, by, fields_json, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectById = db.prepare<[string], ChangeRow>('SELECT * FROM changes WHERE id = ?');
  const selectByExternal = db.prepare<[string, string], ChangeRow>('SELECT * FROM changes WHERE origin = ? AND external_id = ?');
  const selectHistory = db.prepare<[string], RevisionRow>(
    'SELECT revision, op, at, by, fields_json, reason FROM change_revisions WHERE change_id = ? ORDER BY revision',
  );
  const selectBetween = db.prepare<[string, string], ChangeRow>(
    'SELECT * FROM changes WHERE deleted_at IS NULL AND at >= ? AND at <= ? ORDER BY at, id',
  );
  // Covered by the (at, service, environment) and (service, at, environment) indexes: no table reads.
  const selectWindowNewestFirst = db.prepare<[string, string, number], SuspectCandidate>(
    'SELECT id, at, service, environment FROM changes WHERE deleted_at IS NULL AND at >= ? AND at <= ? ORDER BY at DESC LIMIT ?',
  );
  const selectServiceWindowNewestFirst = db.prepare<[string, string, string, number], SuspectCandidate>(
    'SELECT id, at, service, environment FROM changes WHERE deleted_at IS NULL AND service = ? AND at >= ? AND at <= ? ORDER BY at DESC LIMIT ?',
  );
  const selectLastProduction = db.prepare<[string], ChangeRow>(
    'SELECT * FROM changes WHERE deleted_at IS NULL AND is_production = 1 AND at <= ? ORDER BY at DESC LIMIT 1',
  );
  const selectLastInEnvironment = db.prepare<[string, string], ChangeRow>(
    'SELECT * FROM changes WHERE deleted_at IS NULL AND environment = ? AND at <= ? ORDER BY at DESC LIMIT 1',
  );
  const selectRecentForFacets = db.prepare<[number], Pick<ChangeRow, 'service' | 'environment' | 'author' | 'kind'>>(
    'SELECT service, environment, author, kind FROM changes WHERE deleted_at IS NULL ORDER BY at DESC LIMIT ?',
  );
  const insertReject = db.prepare('INSERT INTO change_rejects (id, received_at, route, error, body) VALUES (?, ?, ?, ?, ?)');
  // A misconfigured pipeline retrying forever must not fill the disk: keep the newest refusals.
  const pruneRejects = db.prepare(
    `DELETE FROM change_rejects WHERE id IN (SELECT id FROM change_rejects ORDER BY received_at DESC, id DESC LIMIT -1 OFFSET ${KEPT_REJECTS})`,
  );
  const selectRejects = db.prepare<[number], { id: string; received_at: string; route: string; error: string; body: string }>(
    'SELECT * FROM change_rejects ORDER BY received_at DESC, id DESC LIMIT ?',
  );
  const selectFtsRowids = db.prepare('SELECT rowid FROM changes_fts WHERE changes_fts MATCH ? LIMIT ?').pluck();
  const listStatements = new Map<string, Database.Statement>();

  function appendRevision(changeId: string, revision: number, op: RevisionRow['op'], at: string, by: string | null, fields: Record<string, { from: unknown; to: unknown }>, reason: string | null) {
    insertRevision.run(newId(), changeId, revision, op, at, by, JSON.stringify(fields), reason);
  }

  const insertTransaction = db.transaction((input: NewChange, now: string, recordedBy: string | null): { change: Change; created: boolean } => {
    const externalId = blankToNull(input.externalId);
    if (externalId) {
      const existing = selectByExternal.get(input.origin, externalId);
      if (existing) return { change: toChange(existing), created: false };
    }
    const id = newId(Date.parse(now));
    const environment = blankToNull(input.environment);
    insertRow.run({
      id,
      at: input.at,
      summary: input.summary.trim(),
      service: blankToNull(input.service),
      environment,
      isProduction: isProductionEnvironment(environment) ? 1 : 0,
      kind: input.kind,
      author: blankToNull(input.author),
      link: blankToNull(input.link),
      sideEffects: blankToNull(input.sideEffects),
      rollback: blankToNull(input.rollback),
      origin: input.origin,
      externalId,
      details: JSON.stringify(input.details ?? {}),
      recordedBy,
      now,
    });
    const change = toChange(selectById.get(id)!);
    const snapshot: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(EDITABLE_COLUMNS) as (keyof ChangePatch)[]) snapshot[key] = { from: null, to: change[key] };
    appendRevision(id, 1, 'insert', now, recordedBy, snapshot, null);
    outbox?.append('change', id, 'insert', change, now);
    return { change, created: true };
  });

  const updateTransaction = db.transaction((id: string, patch: ChangePatch, now: string, by: string | null, reason: string | null): Change | undefined => {
    const row = selectById.get(id);
    if (!row) return undefined;
    const current = toChange(row);
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    const assignments: string[] = [];
    const params: Record<string, unknown> = { id, now };
    for (const [key, column] of Object.entries(EDITABLE_COLUMNS) as [keyof ChangePatch, keyof ChangeRow][]) {
      if (!(key in patch) || patch[key] === undefined) continue;
      const next = key === 'summary' || key === 'at' || key === 'kind' ? patch[key] : blankToNull(patch[key] as string | null);
      if (next === current[key]) continue;
      diff[key] = { from: current[key], to: next };
      assignments.push(`${column} = @${key}`);
      params[key] = next;
    }
    if ('environment' in diff) {
      assignments.push('is_production = @isProduction');
      params.isProduction = isProductionEnvironment(params.environment as string | null) ? 1 : 0;
    }
    if (assignments.length === 0) return current;
    const revision = current.revision + 1;
    db.prepare(`UPDATE changes SET ${assignments.join(', ')}, revision = ${revision}, updated_at = @now WHERE id = @id`).run(params);
    appendRevision(id, revision, 'update', now, by, diff, reason);
    const updated = toChange(selectById.get(id)!);
    outbox?.append('change', id, 'update', updated, now);
    return updated;
  });

  const tombstoneTransaction = db.transaction((id: string, now: string, by: string | null, reason: string | null): Change | undefined => {
    const row = selectById.get(id);
    if (!row) return undefined;
    if (row.deleted_at) return toChange(row);
    const revision = row.revision + 1;
    db.prepare('UPDATE changes SET deleted_at = ?, revision = ?, updated_at = ? WHERE id = ?').run(now, revision, now, id);
    appendRevision(id, revision, 'delete', now, by, { deletedAt: { from: null, to: now } }, reason);
    const deleted = toChange(selectById.get(id)!);
    outbox?.append('change', id, 'delete', { id, deletedAt: now }, now);
    return deleted;
  });

  function listStatement(sql: string): Database.Statement {
    let statement = listStatements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      listStatements.set(sql, statement);
    }
    return statement;
  }

  return {
    /** Records a change; with an externalId already seen for this origin, returns the first one instead. */
    insert(input: NewChange, now: string, recordedBy: string | null = null): { change: Change; created: boolean } {
      return insertTransaction(input, now, recordedBy);
    },
    /** Applies the fields present in `patch`; unchanged values make no revision. */
    update(id: string, patch: ChangePatch, now: string, by: string | null = null, reason: string | null = null): Change | undefined {
      return updateTransaction(id, patch, now, by, reason);
    },
    tombstone(id: string, now: string, by: string | null = null, reason: string | null = null): Change | undefined {
      return tombstoneTransaction(id, now, by, reason);
    },
    get(id: string): Change | undefined {
      const row = selectById.get(id);
      return row ? toChange(row) : undefined;
    },
    history(id: string): ChangeRevision[] {
      return selectHistory.all(id).map((r) => ({
        revision: r.revision,
        op: r.op,
        at: r.at,
        by: r.by,
        fields: JSON.parse(r.fields_json) as ChangeRevision['fields'],
        reason: r.reason,
      }));
    },
    /** Live changes with fromIso ≤ at ≤ toIso, oldest first (incident timelines). */
    listBetween(fromIso: string, toIso: string): Change[] {
      return selectBetween.all(fromIso, toIso).map(toChange);
    },
    /**
     * Candidates for "changes before this alert", just the fields ranking needs: the newest `limit`
     * in the window, plus the newest `limit` of the alert's own service, so a busy window cannot
     * crowd the same-service ones out. Full records of the winners come from `getMany`.
     */
    suspectCandidateKeys(fromIso: string, toIso: string, service: string | null | undefined, limit: number): SuspectCandidate[] {
      const rows = selectWindowNewestFirst.all(fromIso, toIso, limit);
      if (service?.trim()) rows.push(...selectServiceWindowNewestFirst.all(service.trim(), fromIso, toIso, limit));
      return rows;
    },
    /** The same candidates as full records (the incident view ranks them itself). */
    suspectCandidates(fromIso: string, toIso: string, service: string | null | undefined, limit: number): Change[] {
      const keys = this.suspectCandidateKeys(fromIso, toIso, service, limit);
      return this.getMany([...new Set(keys.map((k) => k.id))]);
    },
    /** Full records for `ids`, in the order given (missing ids are skipped). */
    getMany(ids: readonly string[]): Change[] {
      const changes: Change[] = [];
      for (const id of ids) {
        const row = selectById.get(id);
        if (row) changes.push(toChange(row));
      }
      return changes;
    },
    /** The newest live change at or before `nowIso` in production (or in `environment`). */
    last(nowIso: string, environment?: string): Change | undefined {
      const row = environment ? selectLastInEnvironment.get(environment, nowIso) : selectLastProduction.get(nowIso);
      return row ? toChange(row) : undefined;
    },
    list(filter: ChangeFilter): { changes: Change[]; truncated: boolean } {
      const limit = filter.limit ?? 200;
      const where: string[] = [];
      const params: unknown[] = [];
      const fts = filter.query ? ftsQueryFor(filter.query) : undefined;
      if (!filter.includeDeleted) where.push('c.deleted_at IS NULL');
      if (fts) {
        // A specific search (few hits) reads just those rows and sorts them; a broad one collects
        // every hit once and walks the time index newest first until the limit (cost grows with
        // the number of hits; FTS5 cannot test one row cheaply, so no per-row check).
        const hits = selectFtsRowids.all(fts, FEW_FTS_HITS + 1) as number[];
        if (hits.length === 0) return { changes: [], truncated: false };
        if (hits.length <= FEW_FTS_HITS) {
          where.push('c.rowid IN (SELECT value FROM json_each(?))');
          params.push(JSON.stringify(hits));
        } else {
          where.push('c.rowid IN (SELECT rowid FROM changes_fts WHERE changes_fts MATCH ?)');
          params.push(fts);
        }
      }
      for (const [column, value] of [
        ['service', filter.service],
        ['environment', filter.environment],
        ['kind', filter.kind],
        ['author', filter.author],
      ] as const) {
        if (value) {
          where.push(`c.${column} = ?`);
          params.push(value);
        }
      }
      if (filter.since) {
        where.push('c.at >= ?');
        params.push(new Date(filter.since).toISOString());
      }
      if (filter.until) {
        where.push('c.at <= ?');
        params.push(new Date(filter.until).toISOString());
      }
      const sql = `SELECT c.* FROM changes c ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.at DESC, c.id DESC LIMIT ?`;
      const rows = listStatement(sql).all(...params, limit + 1) as ChangeRow[];
      return { changes: rows.slice(0, limit).map(toChange), truncated: rows.length > limit };
    },
    facets(): { services: string[]; environments: string[]; authors: string[]; kinds: ChangeKind[] } {
      const services = new Set<string>();
      const environments = new Set<string>();
      const authors = new Set<string>();
      const kinds = new Set<ChangeKind>();
      for (const row of selectRecentForFacets.all(FACET_SAMPLE)) {
        if (row.service) services.add(row.service);
        if (row.environment) environments.add(row.environment);
        if (row.author) authors.add(row.author);
        kinds.add(row.kind);
      }
      const sorted = <T extends string>(set: Set<T>) => [...set].sort((a, b) => a.localeCompare(b));
      return { services: sorted(services), environments: sorted(environments), authors: sorted(authors), kinds: sorted(kinds) };
    },
    /** Keeps a refused payload verbatim with the reason. */
    reject(route: string, error: string, body: string, now: string): string {
      const id = newId(Date.parse(now));
      db.transaction(() => {
        insertReject.run(id, now, route, error, body);
        pruneRejects.run();
      })();
      return id;
    },
    rejected(limit = 50): { id: string; receivedAt: string; route: string; error: string; body: string }[] {
      return selectRejects.all(limit).map((r) => ({ id: r.id, receivedAt: r.received_at, route: r.route, error: r.error, body: r.body }));
    },
  };
}

export type ChangeStore = ReturnType<typeof createChangeStore>;
