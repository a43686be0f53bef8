import type { Db } from './database';
import { newId } from './ids';
import type { ExpandedShift, ScheduleProblem } from '../../shared/domain/schedule';

export interface ScheduleRecord {
  id: string;
  sourceId: string;
  name: string;
  url: string | null;
  personPattern: string | null;
  timeZone: string;
  icsText: string;
  eventCount: number;
  problems: ScheduleProblem[];
  expandedFrom: string | null;
  expandedTo: string | null;
  shiftCount: number;
}

interface ScheduleRow {
  id: string;
  source_id: string;
  name: string;
  url: string | null;
  person_pattern: string | null;
  time_zone: string;
  ics_text: string;
  event_count: number;
  problems_json: string;
  expanded_from: string | null;
  expanded_to: string | null;
  shift_count: number;
}

export interface StoredShift {
  start: string;
  end: string;
  uid: string;
  summary: string;
  person: string | null;
  personEmail: string | null;
  allDay: boolean;
}

const SELECT = `SELECT s.*, (SELECT count(*) FROM schedule_shifts x WHERE x.schedule_id = s.id) AS shift_count FROM schedules s`;

function toRecord(row: ScheduleRow): ScheduleRecord {
  return {
    id: row.id,
    sourceId: row.source_id,
    name: row.name,
    url: row.url,
    personPattern: row.person_pattern,
    timeZone: row.time_zone,
    icsText: row.ics_text,
    eventCount: row.event_count,
    problems: JSON.parse(row.problems_json) as ScheduleProblem[],
    expandedFrom: row.expanded_from,
    expandedTo: row.expanded_to,
    shiftCount: row.shift_count,
  };
}

/** On-call schedules: the cached iCalendar text (source of truth offline) and its expanded shifts. */
export function createScheduleStore(db: Db) {
  const list = db.prepare<[], ScheduleRow>(`${SELECT} WHERE s.deleted_at IS NULL ORDER BY s.name COLLATE NOCASE`);
  const byId = db.prepare<[string], ScheduleRow>(`${SELECT} WHERE s.id = ? AND s.deleted_at IS NULL`);
  const byName = db.prepare<[string], ScheduleRow>(`${SELECT} WHERE s.name = ? COLLATE NOCASE AND s.deleted_at IS NULL`);
  const insert = db.prepare(
    `INSERT INTO schedules (id, source_id, name, url, person_pattern, time_zone, created_at, updated_at)
     VALUES (@id, @sourceId, @name, @url, @personPattern, @timeZone, @now, @now)`,
  );
  const updateMeta = db.prepare('UPDATE schedules SET name = @name, url = @url, person_pattern = @personPattern, updated_at = @now WHERE id = @id');
  const updateCache = db.prepare(
    `UPDATE schedules SET ics_text = @ics, time_zone = @timeZone, event_count = @eventCount, problems_json = @problems,
       expanded_from = @from, expanded_to = @to, updated_at = @now WHERE id = @id`,
  );
  const tombstone = db.prepare('UPDATE schedules SET deleted_at = @now, updated_at = @now WHERE id = @id AND deleted_at IS NULL');
  // A removed schedule's source leaves the readiness list with it.
  const tombstoneSource = db.prepare(
    'UPDATE sources SET deleted_at = @now, updated_at = @now WHERE id = (SELECT source_id FROM schedules WHERE id = @id) AND deleted_at IS NULL',
  );
  const clearShifts = db.prepare('DELETE FROM schedule_shifts WHERE schedule_id = ?');
  const insertShift = db.prepare(
    `INSERT INTO schedule_shifts (schedule_id, start_at, end_at, uid, summary, person, person_email, all_day)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Shifts covering `at`, then those starting after it: both run on the (schedule_id, …) indexes.
  const covering = db.prepare<[string, string, string], ShiftRow>(
    `SELECT * FROM schedule_shifts WHERE schedule_id = ? AND end_at > ? AND start_at <= ? ORDER BY start_at`,
  );
  const nextStarting = db.prepare<[string, string, string, string], ShiftRow>(
    `SELECT * FROM schedule_shifts WHERE schedule_id = ? AND start_at = (
       SELECT MIN(start_at) FROM schedule_shifts WHERE schedule_id = ? AND start_at > ?) AND start_at > ? ORDER BY end_at`,
  );
  const inRange = db.prepare<[string, string, string], ShiftRow>(
    'SELECT * FROM schedule_shifts WHERE schedule_id = ? AND end_at > ? AND start_at < ? ORDER BY start_at',
  );

  interface ShiftRow {
    start_at: string;
    end_at: string;
    uid: string;
    summary: string;
    person: string | null;
    person_email: string | null;
    all_day: number;
  }
  const toShift = (r: ShiftRow): StoredShift => ({
    start: r.start_at,
    end: r.end_at,
    uid: r.uid,
    summary: r.summary,
    person: r.person,
    personEmail: r.person_email,
    allDay: r.all_day === 1,
  });

  return {
    list(): ScheduleRecord[] {
      return list.all().map(toRecord);
    },
    get(id: string): ScheduleRecord | undefined {
      const row = byId.get(id);
      return row ? toRecord(row) : undefined;
    },
    findByName(name: string): ScheduleRecord | undefined {
      const row = byName.get(name);
      return row ? toRecord(row) : undefined;
    },
    create(input: { sourceId: string; name: string; url: string | null; personPattern: string | null; timeZone: string }, now: string): string {
      const id = newId();
      insert.run({ id, ...input, now });
      return id;
    },
    updateMeta(id: string, meta: { name: string; url: string | null; personPattern: string | null }, now: string): void {
      updateMeta.run({ id, ...meta, now });
    },
    /** Replaces the cached file and its expansion in one transaction: a reader never sees half of it. */
    replaceCache(
      id: string,
      cache: { ics: string; timeZone: string; eventCount: number; problems: ScheduleProblem[]; from: string; to: string; shifts: readonly ExpandedShift[] },
      now: string,
    ): void {
      db.transaction(() => {
        updateCache.run({ id, ics: cache.ics, timeZone: cache.timeZone, eventCount: cache.eventCount, problems: JSON.stringify(cache.problems), from: cache.from, to: cache.to, now });
        clearShifts.run(id);
        for (const s of cache.shifts) insertShift.run(id, s.start, s.end, s.uid, s.summary, s.person, s.personEmail, s.allDay ? 1 : 0);
      })();
    },
    remove(id: string, now: string): boolean {
      return db.transaction(() => {
        const changed = tombstone.run({ id, now }).changes > 0;
        if (changed) {
          clearShifts.run(id);
          tombstoneSource.run({ id, now });
        }
        return changed;
      })();
    },
    covering(id: string, at: string): StoredShift[] {
      return covering.all(id, at, at).map(toShift);
    },
    nextStarting(id: string, at: string): StoredShift[] {
      return nextStarting.all(id, id, at, at).map(toShift);
    },
    inRange(id: string, from: string, to: string): StoredShift[] {
      return inRange.all(id, from, to).map(toShift);
    },
  };
}

export type ScheduleStore = ReturnType<typeof createScheduleStore>;
