import type Database from 'better-sqlite3';

export interface Migration {
  /** Strictly increasing; becomes `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  /** SQL script, or a function for data migrations that need code. */
  up: string | ((db: Database.Database) => void);
}
