import type { Db } from './database';

/**
 * Row counts for every user table of `schema` (`main`, or an ATTACHed copy), skipping SQLite
 * internals and FTS shadow tables. A table SQLite cannot read (damaged pages) counts -1, so a status
 * report still comes out and says where the damage is.
 */
export function countRowsPerTable(db: Db, schema = 'main'): { name: string; rows: number }[] {
  const qualified = `"${schema.replace(/"/g, '""')}"`;
  const tables = db
    .prepare(
      `SELECT name FROM ${qualified}.sqlite_schema
       WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
         AND name NOT GLOB '*_data' AND name NOT GLOB '*_idx' AND name NOT GLOB '*_docsize'
         AND name NOT GLOB '*_config' AND name NOT GLOB '*_content'
       ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  return tables.map((name) => {
    try {
      return { name, rows: db.prepare(`SELECT count(*) FROM ${qualified}."${name.replace(/"/g, '""')}"`).pluck().get() as number };
    } catch {
      return { name, rows: -1 };
    }
  });
}

/** Opens a database file read-only beside the live one and counts its rows: proof a backup opens. */
export function countRowsInFile(db: Db, file: string): { name: string; rows: number }[] {
  db.prepare("ATTACH DATABASE ? AS backup_check").run(file);
  try {
    return countRowsPerTable(db, 'backup_check');
  } finally {
    db.exec('DETACH DATABASE backup_check');
  }
}
