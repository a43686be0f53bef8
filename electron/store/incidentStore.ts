import type { Db } from './database';
import type { OutboxStore } from './outboxStore';
import { newId } from './ids';
import {
  PostmortemDraftSchema,
  type CommsUpdate,
  type IncidentHistory,
  type IncidentSummary,
  type IncidentTask,
  type PostmortemDraft,
  type Remediation,
  type RoleAssignment,
  type TimelineEntry,
} from '../../shared/api/incidents';
import { blankDraft, incidentRef } from '../../shared/domain/incidents';

interface IncidentRow {
  id: string;
  title: string;
  severity: 1 | 2 | 3;
  status: IncidentSummary['status'];
  category: IncidentSummary['category'];
  service: string | null;
  summary: string;
  detection_method: IncidentSummary['detectionMethod'];
  customers_affected: number | null;
  impact_start_at: string | null;
  detected_at: string | null;
  acknowledged_at: string | null;
  stable_at: string | null;
  resolved_at: string | null;
  next_update_at: string | null;
  postmortem_json: string | null;
  created_at: string;
  updated_at: string;
  commander: string | null;
  captain: string | null;
  open_tasks: number;
  overdue_tasks: number;
}

interface EntryRow {
  id: string;
  incident_id: string;
  kind: TimelineEntry['kind'];
  text: string;
  author: string;
  occurred_at: string;
  recorded_at: string;
  original_occurred_at: string | null;
  hypothesis_state: TimelineEntry['hypothesisState'];
  origin: TimelineEntry['origin'];
  ref_id: string | null;
  hlc: string;
}

interface TaskRow {
  id: string;
  incident_id: string;
  title: string;
  owner: string | null;
  due_at: string | null;
  status: IncidentTask['status'];
  created_at: string;
  done_at: string | null;
}

interface RemediationRow {
  id: string;
  incident_id: string;
  title: string;
  owner: string | null;
  due_at: string | null;
  priority: Remediation['priority'];
  status: Remediation['status'];
  created_at: string;
  done_at: string | null;
  incident_title: string;
}

/** Field name in the API ↔ column, for the incident fields people may change (all audited). */
export const INCIDENT_COLUMNS = {
  title: 'title',
  severity: 'severity',
  status: 'status',
  category: 'category',
  service: 'service',
  summary: 'summary',
  detectionMethod: 'detection_method',
  customersAffected: 'customers_affected',
  impactStartAt: 'impact_start_at',
  detectedAt: 'detected_at',
  acknowledgedAt: 'acknowledged_at',
  stableAt: 'stable_at',
  resolvedAt: 'resolved_at',
  nextUpdateAt: 'next_update_at',
} as const;
export type IncidentField = keyof typeof INCIDENT_COLUMNS;
type FieldValue = string | number | null;

const SUMMARY_SELECT = `
  SELECT i.*,
    (SELECT person FROM incident_roles r WHERE r.incident_id = i.id AND r.role = 'commander' AND r.released_at IS NULL AND r.deleted_at IS NULL ORDER BY assigned_at DESC LIMIT 1) AS commander,
    (SELECT person FROM incident_roles r WHERE r.incident_id = i.id AND r.role = 'captain' AND r.released_at IS NULL AND r.deleted_at IS NULL ORDER BY assigned_at DESC LIMIT 1) AS captain,
    (SELECT COUNT(*) FROM incident_tasks t WHERE t.incident_id = i.id AND t.status = 'open' AND t.deleted_at IS NULL) AS open_tasks,
    (SELECT COUNT(*) FROM incident_tasks t WHERE t.incident_id = i.id AND t.status = 'open' AND t.deleted_at IS NULL AND t.due_at < @now) AS overdue_tasks
  FROM incidents i`;

function toSummary(row: IncidentRow): IncidentSummary {
  return {
    id: row.id,
    ref: incidentRef(row.id),
    title: row.title,
    severity: row.severity,
    status: row.status,
    category: row.category,
    service: row.service,
    summary: row.summary,
    detectionMethod: row.detection_method,
    customersAffected: row.customers_affected,
    keyTimes: {
      impactStartAt: row.impact_start_at,
      detectedAt: row.detected_at,
      acknowledgedAt: row.acknowledged_at,
      stableAt: row.stable_at,
      resolvedAt: row.resolved_at,
    },
    nextUpdateAt: row.next_update_at,
    commander: row.commander,
    captain: row.captain,
    openTasks: row.open_tasks,
    overdueTasks: row.overdue_tasks,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toEntry(row: EntryRow): TimelineEntry {
  return {
    id: row.id,
    incidentId: row.incident_id,
    kind: row.kind,
    text: row.text,
    author: row.author,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    originalOccurredAt: row.original_occurred_at,
    hypothesisState: row.hypothesis_state,
    origin: row.origin,
    refId: row.ref_id,
    hlc: row.hlc,
  };
}

function toTask(row: TaskRow): IncidentTask {
  return { id: row.id, incidentId: row.incident_id, title: row.title, owner: row.owner, dueAt: row.due_at, status: row.status, createdAt: row.created_at, doneAt: row.done_at };
}

function toRemediation(row: RemediationRow): Remediation {
  return {
    id: row.id,
    incidentId: row.incident_id,
    incidentRef: incidentRef(row.incident_id),
    incidentTitle: row.incident_title,
    title: row.title,
    owner: row.owner,
    dueAt: row.due_at,
    priority: row.priority,
    status: row.status,
    createdAt: row.created_at,
    doneAt: row.done_at,
  };
}

export interface NewIncident {
  title: string;
  severity: 1 | 2 | 3;
  service: string | null;
  summary: string;
  detectionMethod: IncidentSummary['detectionMethod'];
  impactStartAt: string | null;
  detectedAt: string | null;
  acknowledgedAt: string | null;
}

export interface NewEntry {
  incidentId: string;
  kind: TimelineEntry['kind'];
  text: string;
  author: string;
  occurredAt: string;
  origin: TimelineEntry['origin'];
  refId?: string | null;
}

/**
 * SQL of the incident console. Every write of something a person entered appends to the outbox in
 * the same statement group; callers wrap multi-row operations in one `db.transaction`.
 */
export function createIncidentStore(db: Db, outbox: OutboxStore) {
  const selectSummary = db.prepare<{ id: string; now: string }, IncidentRow>(`${SUMMARY_SELECT} WHERE i.id = @id AND i.deleted_at IS NULL`);
  const selectByRef = db.prepare<{ suffix: string; now: string }, IncidentRow>(`${SUMMARY_SELECT} WHERE i.id LIKE '%' || @suffix AND i.deleted_at IS NULL LIMIT 2`);
  const listAll = db.prepare<{ now: string; limit: number }, IncidentRow>(`${SUMMARY_SELECT} WHERE i.deleted_at IS NULL ORDER BY i.created_at DESC LIMIT @limit`);
  const listOpen = db.prepare<{ now: string; limit: number }, IncidentRow>(
    `${SUMMARY_SELECT} WHERE i.deleted_at IS NULL AND i.status <> 'resolved' ORDER BY i.severity, i.created_at DESC LIMIT @limit`,
  );
  const listClosed = db.prepare<{ now: string; limit: number }, IncidentRow>(
    `${SUMMARY_SELECT} WHERE i.deleted_at IS NULL AND i.status = 'resolved' ORDER BY i.created_at DESC LIMIT @limit`,
  );
  const listSince = db.prepare<{ now: string; since: string }, IncidentRow>(`${SUMMARY_SELECT} WHERE i.deleted_at IS NULL AND i.created_at >= @since ORDER BY i.created_at DESC`);
  const insertIncident = db.prepare(
    `INSERT INTO incidents (id, title, severity, status, service, summary, detection_method, impact_start_at, detected_at, acknowledged_at, created_at, updated_at)
     VALUES (@id, @title, @severity, 'investigating', @service, @summary, @detectionMethod, @impactStartAt, @detectedAt, @acknowledgedAt, @now, @now)`,
  );
  const insertHistory = db.prepare(
    `INSERT INTO incident_history (id, incident_id, field, old_value, new_value, author, reason, at, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectHistory = db.prepare<[string], { id: string; field: string; old_value: string | null; new_value: string | null; author: string; at: string; reason: string | null }>(
    'SELECT id, field, old_value, new_value, author, at, reason FROM incident_history WHERE incident_id = ? ORDER BY at, hlc',
  );
  const insertEntry = db.prepare(
    `INSERT INTO incident_entries (id, incident_id, kind, text, author, occurred_at, recorded_at, hypothesis_state, origin, ref_id, hlc, created_at, updated_at)
     VALUES (@id, @incidentId, @kind, @text, @author, @occurredAt, @recordedAt, @hypothesisState, @origin, @refId, @hlc, @recordedAt, @recordedAt)`,
  );
  const ENTRY_COLUMNS = 'id, incident_id, kind, text, author, occurred_at, recorded_at, original_occurred_at, hypothesis_state, origin, ref_id, hlc';
  // Index order (occurred_at, hlc); exact ties are broken by id in mergeTimelines.
  const selectEntries = db.prepare<[string], EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM incident_entries WHERE incident_id = ? AND deleted_at IS NULL ORDER BY occurred_at, hlc`);
  const selectEntry = db.prepare<[string], EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM incident_entries WHERE id = ? AND deleted_at IS NULL`);
  const updateEntryRow = db.prepare(
    `UPDATE incident_entries SET occurred_at = @occurredAt, original_occurred_at = @originalOccurredAt, hypothesis_state = @hypothesisState, hlc = @hlc, updated_at = @now WHERE id = @id`,
  );
  const selectRoles = db.prepare<[string], { id: string; role: string; person: string; contact_id: string | null; assigned_at: string; assigned_by: string; released_at: string | null }>(
    'SELECT id, role, person, contact_id, assigned_at, assigned_by, released_at FROM incident_roles WHERE incident_id = ? AND deleted_at IS NULL ORDER BY assigned_at, id',
  );
  const selectCurrentRole = db.prepare<[string, string], { id: string; person: string }>(
    'SELECT id, person FROM incident_roles WHERE incident_id = ? AND role = ? AND released_at IS NULL AND deleted_at IS NULL',
  );
  const releaseRole = db.prepare('UPDATE incident_roles SET released_at = ?, updated_at = ? WHERE id = ?');
  const insertRole = db.prepare(
    `INSERT INTO incident_roles (id, incident_id, role, person, contact_id, assigned_by, assigned_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTask = db.prepare(
    `INSERT INTO incident_tasks (id, incident_id, title, owner, due_at, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)`,
  );
  const selectTask = db.prepare<[string], TaskRow>('SELECT * FROM incident_tasks WHERE id = ? AND deleted_at IS NULL');
  const selectTasks = db.prepare<[string], TaskRow>('SELECT * FROM incident_tasks WHERE incident_id = ? AND deleted_at IS NULL ORDER BY created_at, id');
  const updateTaskRow = db.prepare('UPDATE incident_tasks SET owner = @owner, due_at = @dueAt, status = @status, done_at = @doneAt, updated_at = @now WHERE id = @id');
  const selectOverdueTasks = db.prepare<[string], TaskRow & { incident_title: string }>(
    `SELECT t.*, i.title AS incident_title FROM incident_tasks t JOIN incidents i ON i.id = t.incident_id
     WHERE t.status = 'open' AND t.deleted_at IS NULL AND t.due_at < ? AND i.deleted_at IS NULL ORDER BY t.due_at`,
  );
  const insertComms = db.prepare(
    `INSERT INTO incident_comms (id, incident_id, audience, channel, text, author, sent_at, next_update_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectComms = db.prepare<[string], { id: string; incident_id: string; audience: string; channel: string; text: string; author: string; sent_at: string; next_update_at: string | null }>(
    'SELECT id, incident_id, audience, channel, text, author, sent_at, next_update_at FROM incident_comms WHERE incident_id = ? AND deleted_at IS NULL ORDER BY sent_at, id',
  );
  const insertAlertLink = db.prepare('INSERT OR IGNORE INTO incident_alerts (incident_id, alert_id, linked_at) VALUES (?, ?, ?)');
  const selectAlertLinks = db.prepare<[string], { alert_id: string }>('SELECT alert_id FROM incident_alerts WHERE incident_id = ? ORDER BY linked_at');
  const selectIncidentsForAlert = db.prepare<[string], { incident_id: string }>('SELECT incident_id FROM incident_alerts WHERE alert_id = ?');
  const setPostmortem = db.prepare('UPDATE incidents SET postmortem_json = ?, updated_at = ? WHERE id = ?');
  const insertRemediation = db.prepare(
    `INSERT INTO remediations (id, incident_id, title, owner, due_at, priority, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
  );
  const REMEDIATION_SELECT = 'SELECT m.*, i.title AS incident_title FROM remediations m JOIN incidents i ON i.id = m.incident_id';
  const selectRemediation = db.prepare<[string], RemediationRow>(`${REMEDIATION_SELECT} WHERE m.id = ? AND m.deleted_at IS NULL`);
  const selectRemediationsFor = db.prepare<[string], RemediationRow>(`${REMEDIATION_SELECT} WHERE m.incident_id = ? AND m.deleted_at IS NULL ORDER BY m.priority, m.created_at`);
  const selectOpenRemediations = db.prepare<[], RemediationRow>(
    `${REMEDIATION_SELECT} WHERE m.status IN ('open', 'in_progress') AND m.deleted_at IS NULL ORDER BY m.due_at IS NULL, m.due_at, m.priority`,
  );
  const selectOverdueRemediations = db.prepare<[string], RemediationRow>(
    `${REMEDIATION_SELECT} WHERE m.status IN ('open', 'in_progress') AND m.deleted_at IS NULL AND m.due_at < ? ORDER BY m.due_at, m.priority`,
  );
  const updateRemediationRow = db.prepare(
    'UPDATE remediations SET owner = @owner, due_at = @dueAt, priority = @priority, status = @status, done_at = @doneAt, updated_at = @now WHERE id = @id',
  );

  function summary(id: string, now: string): IncidentSummary | undefined {
    const row = selectSummary.get({ id, now });
    return row ? toSummary(row) : undefined;
  }

  function rawField(id: string, field: IncidentField): FieldValue {
    const row = db.prepare<[string], Record<string, FieldValue>>(`SELECT ${INCIDENT_COLUMNS[field]} AS value FROM incidents WHERE id = ?`).get(id);
    return row ? (row.value ?? null) : null;
  }

  const store = {
    summary,

    /** A full ULID, or the 6-character tail shown as INC-XXXXXX; undefined when none or ambiguous. */
    resolveId(idOrRef: string, now: string): string | undefined {
      const direct = selectSummary.get({ id: idOrRef, now });
      if (direct) return direct.id;
      const suffix = idOrRef.replace(/^INC-/i, '').toUpperCase();
      if (!/^[0-9A-Z]{4,}$/.test(suffix)) return undefined;
      const rows = selectByRef.all({ suffix, now });
      return rows.length === 1 ? rows[0]!.id : undefined;
    },

    list(state: 'open' | 'closed' | 'all', limit: number, now: string): IncidentSummary[] {
      const statement = state === 'open' ? listOpen : state === 'closed' ? listClosed : listAll;
      return statement.all({ now, limit }).map(toSummary);
    },

    createdSince(since: string, now: string): IncidentSummary[] {
      return listSince.all({ now, since }).map(toSummary);
    },

    insert(incident: NewIncident, now: string): string {
      const id = newId(Date.parse(now));
      insertIncident.run({ id, ...incident, now });
      outbox.append('incident', id, 'insert', { id, ...incident, status: 'investigating', createdAt: now }, now);
      return id;
    },

    /** Sets one field, records the audit row and the outbox row. Returns false when the value did not change. */
    setField(id: string, field: IncidentField, value: FieldValue, author: string, reason: string | null, now: string): boolean {
      const old = rawField(id, field);
      if (old === value) return false;
      db.prepare(`UPDATE incidents SET ${INCIDENT_COLUMNS[field]} = ?, updated_at = ? WHERE id = ?`).run(value, now, id);
      const stamp = outbox.append('incident', id, 'update', { id, field, value, author, reason, at: now }, now);
      insertHistory.run(newId(), id, field, old === null ? null : String(old), value === null ? null : String(value), author, reason, now, stamp);
      return true;
    },

    field: rawField,

    history(id: string): IncidentHistory[] {
      return selectHistory.all(id).map((r) => ({ id: r.id, field: r.field, oldValue: r.old_value, newValue: r.new_value, author: r.author, at: r.at, reason: r.reason }));
    },

    addEntry(entry: NewEntry, now: string): TimelineEntry {
      const id = newId(Date.parse(now));
      const row = {
        id,
        incidentId: entry.incidentId,
        kind: entry.kind,
        text: entry.text,
        author: entry.author,
        occurredAt: entry.occurredAt,
        recordedAt: now,
        hypothesisState: entry.kind === 'hypothesis' ? 'open' : null,
        origin: entry.origin,
        refId: entry.refId ?? null,
        hlc: '',
      };
      row.hlc = outbox.append('incident_entry', id, 'insert', { ...row, hlc: undefined }, now);
      insertEntry.run(row);
      return toEntry(selectEntry.get(id)!);
    },

    entry(id: string): TimelineEntry | undefined {
      const row = selectEntry.get(id);
      return row ? toEntry(row) : undefined;
    },

    entries(incidentId: string): TimelineEntry[] {
      return selectEntries.all(incidentId).map(toEntry);
    },

    updateEntry(id: string, patch: { occurredAt?: string; hypothesisState?: TimelineEntry['hypothesisState'] }, author: string, now: string): TimelineEntry {
      const current = selectEntry.get(id)!;
      const occurredAt = patch.occurredAt ?? current.occurred_at;
      const originalOccurredAt = current.original_occurred_at ?? (occurredAt !== current.occurred_at ? current.occurred_at : null);
      const hypothesisState = patch.hypothesisState ?? current.hypothesis_state;
      const hlc = outbox.append('incident_entry', id, 'update', { id, occurredAt, originalOccurredAt, hypothesisState, author, at: now }, now);
      updateEntryRow.run({ id, occurredAt, originalOccurredAt, hypothesisState, hlc, now });
      return toEntry(selectEntry.get(id)!);
    },

    roles(incidentId: string): RoleAssignment[] {
      return selectRoles.all(incidentId).map((r) => ({
        id: r.id,
        role: r.role,
        person: r.person,
        contactId: r.contact_id,
        assignedAt: r.assigned_at,
        assignedBy: r.assigned_by,
        releasedAt: r.released_at,
      }));
    },

    currentRoleHolder(incidentId: string, role: string): { id: string; person: string } | undefined {
      return selectCurrentRole.get(incidentId, role);
    },

    /** Releases the current holder (if any) and assigns the new one: a handoff, both rows kept. */
    assignRole(incidentId: string, role: string, person: string, contactId: string | null, author: string, now: string): RoleAssignment {
      const current = selectCurrentRole.get(incidentId, role);
      if (current) {
        releaseRole.run(now, now, current.id);
        outbox.append('incident_role', current.id, 'update', { id: current.id, releasedAt: now }, now);
      }
      const id = newId(Date.parse(now));
      insertRole.run(id, incidentId, role, person, contactId, author, now, now, now);
      outbox.append('incident_role', id, 'insert', { id, incidentId, role, person, contactId, assignedBy: author, assignedAt: now }, now);
      return { id, role, person, contactId, assignedAt: now, assignedBy: author, releasedAt: null };
    },

    addTask(incidentId: string, title: string, owner: string | null, dueAt: string | null, now: string): IncidentTask {
      const id = newId(Date.parse(now));
      insertTask.run(id, incidentId, title, owner, dueAt, now, now);
      outbox.append('incident_task', id, 'insert', { id, incidentId, title, owner, dueAt, status: 'open', createdAt: now }, now);
      return toTask(selectTask.get(id)!);
    },

    task(id: string): IncidentTask | undefined {
      const row = selectTask.get(id);
      return row ? toTask(row) : undefined;
    },

    tasks(incidentId: string): IncidentTask[] {
      return selectTasks.all(incidentId).map(toTask);
    },

    updateTask(task: IncidentTask, now: string): IncidentTask {
      updateTaskRow.run({ id: task.id, owner: task.owner, dueAt: task.dueAt, status: task.status, doneAt: task.doneAt, now });
      outbox.append('incident_task', task.id, 'update', { id: task.id, owner: task.owner, dueAt: task.dueAt, status: task.status, doneAt: task.doneAt }, now);
      return toTask(selectTask.get(task.id)!);
    },

    overdueTasks(now: string): (IncidentTask & { incidentRef: string; incidentTitle: string })[] {
      return selectOverdueTasks.all(now).map((r) => ({ ...toTask(r), incidentRef: incidentRef(r.incident_id), incidentTitle: r.incident_title }));
    },

    addComms(update: Omit<CommsUpdate, 'id'>, now: string): CommsUpdate {
      const id = newId(Date.parse(now));
      insertComms.run(id, update.incidentId, update.audience, update.channel, update.text, update.author, update.sentAt, update.nextUpdateAt, now, now);
      outbox.append('incident_comms', id, 'insert', { id, ...update }, now);
      return { id, ...update };
    },

    comms(incidentId: string): CommsUpdate[] {
      return selectComms.all(incidentId).map((r) => ({
        id: r.id,
        incidentId: r.incident_id,
        audience: r.audience,
        channel: r.channel,
        text: r.text,
        author: r.author,
        sentAt: r.sent_at,
        nextUpdateAt: r.next_update_at,
      }));
    },

    linkAlert(incidentId: string, alertId: string, now: string): boolean {
      const changed = insertAlertLink.run(incidentId, alertId, now).changes > 0;
      if (changed) outbox.append('incident_alert', `${incidentId}:${alertId}`, 'insert', { incidentId, alertId, linkedAt: now }, now);
      return changed;
    },

    linkedAlertIds(incidentId: string): string[] {
      return selectAlertLinks.all(incidentId).map((r) => r.alert_id);
    },

    incidentsForAlert(alertId: string): string[] {
      return selectIncidentsForAlert.all(alertId).map((r) => r.incident_id);
    },

    postmortemDraft(incidentId: string): PostmortemDraft {
      const raw = rawField(incidentId, 'title') === null ? null : db.prepare<[string], { postmortem_json: string | null }>('SELECT postmortem_json FROM incidents WHERE id = ?').get(incidentId);
      if (!raw?.postmortem_json) return blankDraft();
      const parsed = PostmortemDraftSchema.safeParse(JSON.parse(raw.postmortem_json));
      return parsed.success ? parsed.data : blankDraft();
    },

    savePostmortemDraft(incidentId: string, draft: PostmortemDraft, author: string, now: string): void {
      setPostmortem.run(JSON.stringify(draft), now, incidentId);
      outbox.append('incident', incidentId, 'update', { id: incidentId, field: 'postmortem', value: draft, author, at: now }, now);
    },

    addRemediation(incidentId: string, title: string, owner: string | null, dueAt: string | null, priority: Remediation['priority'], now: string): Remediation {
      const id = newId(Date.parse(now));
      insertRemediation.run(id, incidentId, title, owner, dueAt, priority, now, now);
      outbox.append('remediation', id, 'insert', { id, incidentId, title, owner, dueAt, priority, status: 'open', createdAt: now }, now);
      return toRemediation(selectRemediation.get(id)!);
    },

    remediation(id: string): Remediation | undefined {
      const row = selectRemediation.get(id);
      return row ? toRemediation(row) : undefined;
    },

    remediationsFor(incidentId: string): Remediation[] {
      return selectRemediationsFor.all(incidentId).map(toRemediation);
    },

    openRemediations(): Remediation[] {
      return selectOpenRemediations.all().map(toRemediation);
    },

    overdueRemediations(now: string): Remediation[] {
      return selectOverdueRemediations.all(now).map(toRemediation);
    },

    updateRemediation(item: Remediation, now: string): Remediation {
      updateRemediationRow.run({ id: item.id, owner: item.owner, dueAt: item.dueAt, priority: item.priority, status: item.status, doneAt: item.doneAt, now });
      outbox.append('remediation', item.id, 'update', { id: item.id, owner: item.owner, dueAt: item.dueAt, priority: item.priority, status: item.status, doneAt: item.doneAt }, now);
      return toRemediation(selectRemediation.get(item.id)!);
    },
  };
  return store;
}

export type IncidentStore = ReturnType<typeof createIncidentStore>;
