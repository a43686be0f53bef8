import type { Migration } from './types';

/**
 * Each contact remembers the rowid of its row in contacts_search. The search table's contact_id is
 * UNINDEXED (FTS5), so replacing a contact's search text by `WHERE contact_id = ?` scanned the whole
 * table once per contact: importing a 5,000-card phone export took ~7 s, re-importing it ~12 s,
 * growing with the square of the address book. By rowid it is one lookup.
 * Written to run on a database that already has the column too (tests rebuild older schemas by
 * lowering user_version), so the column is added only when missing.
 */
export const contactsSearchRowidMigration: Migration = {
  version: 10,
  name: 'contacts-search-rowid',
  up: (db) => {
    const columns = db.prepare("SELECT name FROM pragma_table_info('contacts')").pluck().all() as string[];
    if (!columns.includes('search_rowid')) db.exec('ALTER TABLE contacts ADD COLUMN search_rowid INTEGER');
    db.exec(`
      CREATE TEMP TABLE contacts_search_map AS SELECT contact_id, max(rowid) AS search_rowid FROM contacts_search GROUP BY contact_id;
      CREATE INDEX temp.contacts_search_map_contact ON contacts_search_map (contact_id);
      UPDATE contacts SET search_rowid = (SELECT m.search_rowid FROM contacts_search_map m WHERE m.contact_id = contacts.id);
      DELETE FROM contacts_search WHERE rowid NOT IN (SELECT search_rowid FROM contacts WHERE search_rowid IS NOT NULL);
      DROP TABLE temp.contacts_search_map;
    `);
  },
};
