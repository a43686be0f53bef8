import type { Db } from './database';
import type { OutboxStore } from './outboxStore';
import { newId } from './ids';
import type { ChecklistItem, Contact, Role } from '../../shared/api/contacts';
import type { ContactPoint, ParsedContact } from '../../shared/domain/vcard';

interface ContactRow {
  id: string;
  uid: string | null;
  kind: Contact['kind'];
  name: string;
  org: string;
  title: string;
  role: string;
  tz: string | null;
  notes: string;
  phones_json: string;
  emails_json: string;
  impps_json: string;
  tags_json: string;
  members_json: string;
  search_rowid: number | null;
  source_name: string | null;
  created_at: string;
  updated_at: string;
}

interface RoleRow {
  id: string;
  name: string;
  description: string;
  contact_ids_json: string;
}

export interface EscalationStepRecord {
  label: string;
  target: { kind: 'role' | 'contact' | 'schedule'; id: string } | null;
  waitMinutes: number;
}

export interface EscalationRecord {
  id: string;
  service: string;
  notes: string;
  steps: EscalationStepRecord[];
}

export type ContactFields = Omit<ParsedContact, 'uid' | 'members'> & { uid?: string | null; members?: string[] };

const SELECT_CONTACT = `SELECT c.*, s.name AS source_name FROM contacts c LEFT JOIN sources s ON s.id = c.source_id`;

function digitsOf(phone: string): string {
  return phone.replace(/[^\d+]/g, '');
}

function mergePoints(first: ContactPoint[], second: ContactPoint[]): ContactPoint[] {
  const seen = new Set(first.map((p) => p.value));
  return [...first, ...second.filter((p) => !seen.has(p.value))];
}

/** Two cards with one UID in the same import: keep every number, address and note of both. */
function mergeImported(row: ContactRow | undefined, next: ParsedContact): ParsedContact {
  if (!row) return next;
  const notes = row.notes && next.notes && row.notes !== next.notes ? `${row.notes}\n${next.notes}` : row.notes || next.notes;
  return {
    ...next,
    name: row.name || next.name,
    org: row.org || next.org,
    title: row.title || next.title,
    role: row.role || next.role,
    tz: row.tz ?? next.tz,
    notes,
    phones: mergePoints(JSON.parse(row.phones_json) as ContactPoint[], next.phones),
    emails: mergePoints(JSON.parse(row.emails_json) as ContactPoint[], next.emails),
    impps: mergePoints(JSON.parse(row.impps_json) as ContactPoint[], next.impps),
    tags: [...new Set([...(JSON.parse(row.tags_json) as string[]), ...next.tags])],
    members: [...new Set([...(JSON.parse(row.members_json) as string[]), ...next.members])],
  };
}

/**
 * Contacts, named roles, escalation paths and the readiness checklist. Person-entered writes
 * append to the outbox in the same transaction.
 */
export function createContactStore(db: Db, outbox: OutboxStore) {
  const byId = db.prepare<[string], ContactRow>(`${SELECT_CONTACT} WHERE c.id = ? AND c.deleted_at IS NULL`);
  // The NOCASE comparison lets SQLite use contacts_name (a NOCASE index); the plain one keeps the match exact.
  // Without it every card of an import scanned the whole table: minutes for a 20,000-card phone export.
  const byNameFromSource = db.prepare<[string, string, string], { id: string }>(
    'SELECT id FROM contacts WHERE name = ? COLLATE NOCASE AND name = ? AND uid IS NULL AND source_id = ? AND deleted_at IS NULL ORDER BY created_at, id',
  );
  const byUid = db.prepare<[string], { id: string }>('SELECT id FROM contacts WHERE uid = ? AND deleted_at IS NULL');
  const listAll = db.prepare<[number], ContactRow>(`${SELECT_CONTACT} WHERE c.deleted_at IS NULL ORDER BY c.name COLLATE NOCASE LIMIT ?`);
  const insertContact = db.prepare(
    `INSERT INTO contacts (id, uid, kind, name, org, title, role, tz, notes, phones_json, emails_json, impps_json, tags_json, members_json, source_id, created_at, updated_at)
     VALUES (@id, @uid, @kind, @name, @org, @title, @role, @tz, @notes, @phones, @emails, @impps, @tags, @members, @sourceId, @now, @now)`,
  );
  const updateContact = db.prepare(
    `UPDATE contacts SET uid = COALESCE(@uid, uid), kind = @kind, name = @name, org = @org, title = @title, role = @role, tz = @tz, notes = @notes,
       phones_json = @phones, emails_json = @emails, impps_json = @impps, tags_json = @tags, members_json = @members,
       source_id = COALESCE(@sourceId, source_id), updated_at = @now WHERE id = @id`,
  );
  const tombstone = db.prepare('UPDATE contacts SET deleted_at = @now, updated_at = @now WHERE id = @id AND deleted_at IS NULL');
  // By rowid, remembered on the contact: contact_id is UNINDEXED in FTS5, so a delete by it scans the table.
  const searchRowidOf = db.prepare<[string], { search_rowid: number | null }>('SELECT search_rowid FROM contacts WHERE id = ?');
  const deleteSearchRow = db.prepare('DELETE FROM contacts_search WHERE rowid = ?');
  const insertSearch = db.prepare('INSERT INTO contacts_search (contact_id, body) VALUES (?, ?)');
  const setSearchRowid = db.prepare('UPDATE contacts SET search_rowid = ? WHERE id = ?');
  function deleteSearch(id: string): void {
    const rowid = searchRowidOf.get(id)?.search_rowid;
    if (rowid !== null && rowid !== undefined) {
      deleteSearchRow.run(rowid);
      setSearchRowid.run(null, id);
    }
  }
  // One prepared statement per query shape (FTS or not, number of short words), built on first use.
  const searchStatements = new Map<string, ReturnType<typeof db.prepare<unknown[], ContactRow>>>();
  function searchStatement(withFts: boolean, likeCount: number) {
    const key = `${withFts}:${likeCount}`;
    let statement = searchStatements.get(key);
    if (!statement) {
      const conditions = [...(withFts ? ['contacts_search MATCH ?'] : []), ...Array.from({ length: likeCount }, () => "body LIKE ? ESCAPE '\\'")];
      statement = db.prepare<unknown[], ContactRow>(
        `${SELECT_CONTACT} WHERE c.id IN (SELECT contact_id FROM contacts_search WHERE ${conditions.join(' AND ')}) AND c.deleted_at IS NULL
         ORDER BY c.name COLLATE NOCASE LIMIT ?`,
      );
      searchStatements.set(key, statement);
    }
    return statement;
  }
  const versionOf = db.prepare<[], { n: number; latest: string | null }>('SELECT count(*) AS n, max(updated_at) AS latest FROM contacts');
  const countContacts = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM contacts WHERE deleted_at IS NULL');

  const listRoles = db.prepare<[], RoleRow>('SELECT id, name, description, contact_ids_json FROM contact_roles WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE');
  const roleById = db.prepare<[string], RoleRow>('SELECT id, name, description, contact_ids_json FROM contact_roles WHERE id = ? AND deleted_at IS NULL');
  const roleByName = db.prepare<[string], { id: string }>('SELECT id FROM contact_roles WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL');
  const insertRole = db.prepare(
    'INSERT INTO contact_roles (id, name, description, contact_ids_json, created_at, updated_at) VALUES (@id, @name, @description, @contactIds, @now, @now)',
  );
  const updateRole = db.prepare('UPDATE contact_roles SET name = @name, description = @description, contact_ids_json = @contactIds, updated_at = @now WHERE id = @id');
  const tombstoneRole = db.prepare('UPDATE contact_roles SET deleted_at = @now, updated_at = @now WHERE id = @id AND deleted_at IS NULL');

  const listEscalations = db.prepare<[], { id: string; service: string; notes: string; steps_json: string }>(
    'SELECT id, service, notes, steps_json FROM escalation_paths WHERE deleted_at IS NULL ORDER BY service COLLATE NOCASE',
  );
  const escalationByService = db.prepare<[string], { id: string }>('SELECT id FROM escalation_paths WHERE service = ? COLLATE NOCASE AND deleted_at IS NULL');
  const escalationExists = db.prepare<[string], { id: string }>('SELECT id FROM escalation_paths WHERE id = ? AND deleted_at IS NULL');
  const insertEscalation = db.prepare(
    'INSERT INTO escalation_paths (id, service, notes, steps_json, created_at, updated_at) VALUES (@id, @service, @notes, @steps, @now, @now)',
  );
  const updateEscalation = db.prepare('UPDATE escalation_paths SET service = @service, notes = @notes, steps_json = @steps, updated_at = @now WHERE id = @id');
  const tombstoneEscalation = db.prepare('UPDATE escalation_paths SET deleted_at = @now, updated_at = @now WHERE id = @id AND deleted_at IS NULL');

  const listChecklist = db.prepare<[], { id: string; label: string; done: number; position: number }>(
    'SELECT id, label, done, position FROM readiness_checklist WHERE deleted_at IS NULL ORDER BY position',
  );
  const checklistCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM readiness_checklist');
  const checklistById = db.prepare<[string], { id: string; label: string; done: number; position: number }>(
    'SELECT id, label, done, position FROM readiness_checklist WHERE id = ? AND deleted_at IS NULL',
  );
  const insertChecklist = db.prepare(
    `INSERT INTO readiness_checklist (id, label, done, position, created_at, updated_at)
     VALUES (@id, @label, 0, (SELECT COALESCE(MAX(position), 0) + 1 FROM readiness_checklist), @now, @now)`,
  );
  const updateChecklist = db.prepare('UPDATE readiness_checklist SET label = @label, done = @done, updated_at = @now WHERE id = @id');
  const tombstoneChecklist = db.prepare('UPDATE readiness_checklist SET deleted_at = @now, updated_at = @now WHERE id = @id AND deleted_at IS NULL');

  const rejects = db.prepare('INSERT INTO import_rejects (id, kind, file, item, reason, raw, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');

  function roleNamesByContact(): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const role of listRoles.all()) {
      for (const id of JSON.parse(role.contact_ids_json) as string[]) map.set(id, [...(map.get(id) ?? []), role.name]);
    }
    return map;
  }

  function toContact(row: ContactRow, roles: Map<string, string[]>): Contact {
    return {
      id: row.id,
      uid: row.uid,
      kind: row.kind,
      name: row.name,
      org: row.org,
      title: row.title,
      role: row.role,
      tz: row.tz,
      notes: row.notes,
      phones: JSON.parse(row.phones_json) as ContactPoint[],
      emails: JSON.parse(row.emails_json) as ContactPoint[],
      impps: JSON.parse(row.impps_json) as ContactPoint[],
      tags: JSON.parse(row.tags_json) as string[],
      members: JSON.parse(row.members_json) as string[],
      roles: roles.get(row.id) ?? [],
      sourceName: row.source_name,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  function reindex(id: string, roles: Map<string, string[]>): void {
    deleteSearch(id);
    const row = byId.get(id);
    if (!row) return;
    const contact = toContact(row, roles);
    const body = [
      contact.name,
      contact.org,
      contact.title,
      contact.role,
      ...contact.roles,
      ...contact.tags,
      ...contact.tags.map((t) => `#${t}`),
      ...contact.emails.map((e) => e.value),
      ...contact.phones.map((p) => p.value),
      ...contact.phones.map((p) => digitsOf(p.value)),
      ...contact.impps.map((p) => p.value),
      contact.notes,
    ]
      .filter(Boolean)
      .join('\n')
      .toLowerCase();
    setSearchRowid.run(insertSearch.run(id, body).lastInsertRowid, id);
  }

  function params(id: string, fields: ContactFields, sourceId: string | null, now: string) {
    return {
      id,
      uid: fields.uid ?? null,
      kind: fields.kind,
      name: fields.name,
      org: fields.org,
      title: fields.title,
      role: fields.role,
      tz: fields.tz,
      notes: fields.notes,
      phones: JSON.stringify(fields.phones),
      emails: JSON.stringify(fields.emails),
      impps: JSON.stringify(fields.impps),
      tags: JSON.stringify(fields.tags),
      members: JSON.stringify(fields.members ?? []),
      sourceId,
      now,
    };
  }

  const store = {
    count(): number {
      return countContacts.get()!.n;
    },
    /** Changes whenever a contact is added, edited or removed: a cache key for derived lookups. */
    version(): string {
      const v = versionOf.get()!;
      return `${v.n}:${v.latest ?? ''}`;
    },
    get(id: string): Contact | undefined {
      const row = byId.get(id);
      return row ? toContact(row, roleNamesByContact()) : undefined;
    },
    /** Every query word must appear (substring, case-insensitive); phone digits match without separators. */
    search(query: string, limit = 200): Contact[] {
      const roles = roleNamesByContact();
      const words = query
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => (/^[+\d()\-.]+$/.test(w) && /\d/.test(w) ? digitsOf(w) : w));
      if (words.length === 0) return listAll.all(limit).map((r) => toContact(r, roles));
      // Trigram FTS needs three characters; shorter words become LIKE filters on the same rows.
      const long = words.filter((w) => [...w].length >= 3);
      const short = words.filter((w) => [...w].length < 3);
      const args: unknown[] = [];
      if (long.length) args.push(long.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND '));
      for (const w of short) args.push(`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const contacts = searchStatement(long.length > 0, short.length)
        .all(...args, limit)
        .map((r) => toContact(r, roles));
      return contacts.slice(0, limit);
    },
    /** Person-entered add or edit. */
    save(id: string | undefined, fields: ContactFields, now: string): Contact {
      return db.transaction(() => {
        const existing = id ? byId.get(id) : undefined;
        if (id && !existing) throw new Error(`no contact ${id}`);
        const contactId = existing?.id ?? newId();
        const merged = { ...fields, uid: existing?.uid ?? fields.uid ?? null, members: fields.members ?? (existing ? (JSON.parse(existing.members_json) as string[]) : []) };
        if (existing) updateContact.run(params(contactId, merged, null, now));
        else insertContact.run(params(contactId, merged, null, now));
        reindex(contactId, roleNamesByContact());
        const contact = store.get(contactId)!;
        outbox.append('contact', contactId, existing ? 'update' : 'insert', contact, now);
        return contact;
      })();
    },
    /**
     * Feed import: matched by vCard UID (or same name + no UID) so re-import updates in place.
     * `written` holds the ids this import run has already written: two cards in one file with the
     * same name and no UID are two people, so the second gets its own contact instead of overwriting
     * the first; the same UID twice adds the second card's numbers to the first instead of replacing them.
     */
    upsertImported(
      fields: ParsedContact,
      sourceId: string,
      now: string,
      roles: Map<string, string[]> = roleNamesByContact(),
      written: Set<string> = new Set(),
    ): 'created' | 'updated' {
      const existingId = fields.uid
        ? byUid.get(fields.uid)?.id
        : byNameFromSource.all(fields.name, fields.name, sourceId).find((row) => !written.has(row.id))?.id;
      const id = existingId ?? newId();
      const merged = existingId && written.has(existingId) ? mergeImported(byId.get(existingId), fields) : fields;
      written.add(id);
      if (existingId) updateContact.run(params(id, merged, sourceId, now));
      else insertContact.run(params(id, merged, sourceId, now));
      reindex(id, roles);
      outbox.append('contact', id, existingId ? 'update' : 'insert', { ...merged, id }, now);
      return existingId ? 'updated' : 'created';
    },
    remove(id: string, now: string): boolean {
      return db.transaction(() => {
        const changed = tombstone.run({ id, now }).changes > 0;
        if (changed) {
          deleteSearch(id);
          outbox.append('contact', id, 'delete', { id }, now);
        }
        return changed;
      })();
    },
    roleNamesByContact,
    all(): Contact[] {
      const roles = roleNamesByContact();
      return listAll.all(1_000_000).map((r) => toContact(r, roles));
    },
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    keepReject(kind: string, file: string, item: string, reason: string, raw: string, now: string): void {
      rejects.run(newId(), kind, file, item, reason, raw, now);
    },

    roles(): Role[] {
      const names = new Map(listAll.all(1_000_000).map((r) => [r.id, r.name]));
      return listRoles.all().map((r) => ({
        id: r.id,
        name: r.name,
        description: r.description,
        members: (JSON.parse(r.contact_ids_json) as string[]).filter((id) => names.has(id)).map((id) => ({ contactId: id, name: names.get(id)! })),
      }));
    },
    roleContactIds(id: string): string[] {
      const row = roleById.get(id);
      return row ? (JSON.parse(row.contact_ids_json) as string[]) : [];
    },
    saveRole(input: { id?: string; name: string; description: string; contactIds: string[] }, now: string): Role {
      return db.transaction(() => {
        const clash = roleByName.get(input.name);
        if (clash && clash.id !== input.id) throw new Error(`a role named "${input.name}" already exists`);
        const before = input.id ? roleById.get(input.id) : undefined;
        if (input.id && !before) throw new Error(`no role ${input.id}`);
        const id = before?.id ?? newId();
        const row = { id, name: input.name, description: input.description, contactIds: JSON.stringify([...new Set(input.contactIds)]), now };
        if (before) updateRole.run(row);
        else insertRole.run(row);
        const affected = new Set([...input.contactIds, ...(before ? (JSON.parse(before.contact_ids_json) as string[]) : [])]);
        const roles = roleNamesByContact();
        for (const contactId of affected) reindex(contactId, roles);
        outbox.append('contact_role', id, before ? 'update' : 'insert', input, now);
        return store.roles().find((r) => r.id === id)!;
      })();
    },
    removeRole(id: string, now: string): boolean {
      return db.transaction(() => {
        const before = roleById.get(id);
        const changed = tombstoneRole.run({ id, now }).changes > 0;
        if (changed && before) {
          const roles = roleNamesByContact();
          for (const contactId of JSON.parse(before.contact_ids_json) as string[]) reindex(contactId, roles);
          outbox.append('contact_role', id, 'delete', { id }, now);
        }
        return changed;
      })();
    },

    escalations(): EscalationRecord[] {
      return listEscalations.all().map((r) => ({ id: r.id, service: r.service, notes: r.notes, steps: JSON.parse(r.steps_json) as EscalationStepRecord[] }));
    },
    saveEscalation(input: { id?: string; service: string; notes: string; steps: EscalationStepRecord[] }, now: string): EscalationRecord {
      return db.transaction(() => {
        const clash = escalationByService.get(input.service);
        if (clash && clash.id !== input.id) throw new Error(`service "${input.service}" already has an escalation path`);
        if (input.id && !escalationExists.get(input.id)) throw new Error(`no escalation path ${input.id}`);
        const id = input.id ?? newId();
        const row = { id, service: input.service, notes: input.notes, steps: JSON.stringify(input.steps), now };
        if (input.id) updateEscalation.run(row);
        else insertEscalation.run(row);
        outbox.append('escalation_path', id, input.id ? 'update' : 'insert', input, now);
        return { id, service: input.service, notes: input.notes, steps: input.steps };
      })();
    },
    removeEscalation(id: string, now: string): boolean {
      return db.transaction(() => {
        const changed = tombstoneEscalation.run({ id, now }).changes > 0;
        if (changed) outbox.append('escalation_path', id, 'delete', { id }, now);
        return changed;
      })();
    },

    checklist(now: string): ChecklistItem[] {
      if (checklistCount.get()!.n === 0) {
        // First use: the items an on-call engineer checks before leaving the desk; all editable.
        db.transaction(() => {
          for (const label of ['VPN token / hardware key with you', 'SSH keys and agent work', 'Laptop charger', 'Phone hotspot tested', 'Printed go-bag card']) {
            insertChecklist.run({ id: newId(), label, now });
          }
        })();
      }
      return listChecklist.all().map((r) => ({ id: r.id, label: r.label, done: r.done === 1, position: r.position }));
    },
    addChecklistItem(label: string, now: string): ChecklistItem {
      return db.transaction(() => {
        const id = newId();
        insertChecklist.run({ id, label, now });
        outbox.append('checklist_item', id, 'insert', { label }, now);
        const row = checklistById.get(id)!;
        return { id, label: row.label, done: false, position: row.position };
      })();
    },
    updateChecklistItem(id: string, patch: { label?: string; done?: boolean }, now: string): ChecklistItem | undefined {
      return db.transaction(() => {
        const row = checklistById.get(id);
        if (!row) return undefined;
        const next = { id, label: patch.label ?? row.label, done: patch.done === undefined ? row.done : patch.done ? 1 : 0, now };
        updateChecklist.run(next);
        outbox.append('checklist_item', id, 'update', patch, now);
        return { id, label: next.label, done: next.done === 1, position: row.position };
      })();
    },
    removeChecklistItem(id: string, now: string): boolean {
      return db.transaction(() => {
        const changed = tombstoneChecklist.run({ id, now }).changes > 0;
        if (changed) outbox.append('checklist_item', id, 'delete', { id }, now);
        return changed;
      })();
    },
  };
  return store;
}

export type ContactStore = ReturnType<typeof createContactStore>;
