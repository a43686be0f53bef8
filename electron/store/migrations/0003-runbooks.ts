import type { Migration } from './types';

/**
 * Runbooks are imported copies of files in a folder: `runbooks` holds one row per file (tombstoned
 * when the file disappears), `runbook_sections` one row per heading section, which is what search
 * returns so a hit lands on the right heading. `runbook_fts` is the FTS5 index of the sections
 * (rowid = section id) with porter stemming over unicode61 tokens.
 */
export const runbooksMigration: Migration = {
  version: 3,
  name: 'runbooks',
  up: `
    CREATE TABLE runbooks (
      id TEXT PRIMARY KEY,
      source_id TEXT NOT NULL REFERENCES sources(id),
      path TEXT NOT NULL,
      -- lowercased path without .md, and its last segment: what alert URLs and alert names match
      path_key TEXT NOT NULL,
      leaf_key TEXT NOT NULL,
      title TEXT NOT NULL,
      tags_json TEXT NOT NULL DEFAULT '[]',
      weight REAL,
      front_matter_json TEXT NOT NULL DEFAULT '{}',
      markdown TEXT NOT NULL,
      image_refs_json TEXT NOT NULL DEFAULT '[]',
      content_hash TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      UNIQUE (source_id, path)
    );
    CREATE INDEX runbooks_leaf ON runbooks (leaf_key) WHERE deleted_at IS NULL;
    CREATE INDEX runbooks_source_path ON runbooks (source_id, path) WHERE deleted_at IS NULL;

    CREATE TABLE runbook_tags (
      runbook_id TEXT NOT NULL REFERENCES runbooks(id) ON DELETE CASCADE,
      tag TEXT NOT NULL COLLATE NOCASE,
      PRIMARY KEY (runbook_id, tag)
    );
    CREATE INDEX runbook_tags_tag ON runbook_tags (tag, runbook_id);

    CREATE TABLE runbook_sections (
      id INTEGER PRIMARY KEY,
      runbook_id TEXT NOT NULL REFERENCES runbooks(id) ON DELETE CASCADE,
      ord INTEGER NOT NULL,
      level INTEGER NOT NULL,
      heading TEXT NOT NULL,
      anchor TEXT NOT NULL,
      -- lowercased heading text, for alert names that are headings in a single-file collection
      heading_key TEXT NOT NULL
    );
    CREATE INDEX runbook_sections_runbook ON runbook_sections (runbook_id, ord);
    CREATE INDEX runbook_sections_heading_key ON runbook_sections (heading_key);

    -- prefix indexes: search as you type queries "po"*, which without them merges hundreds of doclists
    CREATE VIRTUAL TABLE runbook_fts USING fts5 (title, headings, body, tokenize = 'porter unicode61', prefix = '2 3 4');
    INSERT INTO runbook_fts (runbook_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)');
    -- Titles and headings alone (same rowids): a small index that finds the sections named after
    -- the query without walking the body doclists, which for a common word cover most sections.
    CREATE VIRTUAL TABLE runbook_heading_fts USING fts5 (title, headings, tokenize = 'porter unicode61', prefix = '2 3 4');

    -- Local images referenced by runbooks, so they show with no network.
    CREATE TABLE runbook_assets (
      id TEXT PRIMARY KEY,
      source_id TEXT NOT NULL REFERENCES sources(id),
      path TEXT NOT NULL,
      mime TEXT NOT NULL,
      bytes BLOB NOT NULL,
      content_hash TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      UNIQUE (source_id, path)
    );
  `,
};
