import type Database from 'better-sqlite3';
import type { Db } from './database';
import { newId } from './ids';
import type { RunbookSearchHit, RunbookSection, RunbookSummary } from '../../shared/api/runbooks';
import type { ParsedRunbook } from '../runbooks/parseRunbook';
import { searchableTitle } from '../runbooks/parseRunbook';
import {
  buildSnippet,
  headingAsAlertName,
  headingNamesAlert,
  RUNBOOK_FILE_EXTENSION,
  runbookPathKey,
  segmentCjk,
  splitIdentifierWords,
  type HighlightTerm,
} from '../../shared/domain/runbookText';

export const RUNBOOK_SOURCE_KIND = 'runbooks';

interface RunbookRow {
  id: string;
  source_id: string;
  source_name: string;
  path: string;
  path_key: string;
  leaf_key: string;
  title: string;
  tags_json: string;
  weight: number | null;
  updated_at: string;
}

interface RunbookFullRow extends RunbookRow {
  front_matter_json: string;
  markdown: string;
  image_refs_json: string;
}

export interface StoredRunbookState {
  id: string;
  path: string;
  contentHash: string;
  deleted: boolean;
}

export interface StoredRunbook extends RunbookSummary {
  frontMatter: Record<string, unknown>;
  markdown: string;
  imageRefs: string[];
  pathKey: string;
}

/**
 * The rank: title ×10, headings ×5, body ×1 (the table's configured rank) as `titled`. `own` is the
 * same without the title: 0 for a section that matched through its runbook's title alone. FTS5's
 * bm25 divides by the whole row's length, so such sections (every section of a runbook named in
 * the query) outranked the ones about the words, shortest first: "crashloopbackoff" opened at
 * "Further information". `collapseTitleOnly` keeps them out of the way.
 */
const SCORE_COLUMNS = 'bm25(runbook_fts, 10.0, 5.0, 1.0) AS titled, bm25(runbook_fts, 0.0, 5.0, 1.0) AS own';
/** bm25 costs ~1 µs a section: past this many matches a query is too broad to rank in a keystroke's time. */
const MAX_RANKED_SECTIONS = 2000;
/** Title/heading matches re-ranked with the body: several result pages. */
const TIER_CANDIDATES = 100;
const MAX_CACHED_SEARCH_STATEMENTS = 256;

const SUMMARY_COLUMNS = `r.id, r.source_id, s.name AS source_name, r.path, r.path_key, r.leaf_key, r.title, r.tags_json, r.weight, r.updated_at`;

/** The runbook columns a search hit carries: all before `markdown` in the row. */
const HIT_RUNBOOK_COLUMNS = 'r.id, r.source_id, s.name AS source_name, r.path, r.title';
type HitRunbookColumns = Pick<RunbookRow, 'id' | 'source_id' | 'source_name' | 'path' | 'title'>;

function toSummary(row: RunbookRow): RunbookSummary {
  return {
    id: row.id,
    sourceId: row.source_id,
    sourceName: row.source_name,
    path: row.path,
    title: row.title,
    tags: JSON.parse(row.tags_json) as string[],
    weight: row.weight,
    updatedAt: row.updated_at,
  };
}

function leafOf(pathKey: string): string {
  return pathKey.slice(pathKey.lastIndexOf('/') + 1);
}

/** An alert name's letters and digits as one FTS5 phrase (`"loki request errors"`); undefined when it has none. */
function alertNamePhrase(alertname: string): string | undefined {
  const words = alertname.match(/[\p{L}\p{N}]+/gu);
  return words ? `"${words.join(' ')}"` : undefined;
}

export function fileStemOf(path: string): string {
  const leaf = path.slice(path.lastIndexOf('/') + 1);
  return leaf.replace(RUNBOOK_FILE_EXTENSION, '');
}

/** Runbooks, their sections and the FTS5 index. Every write runs inside the caller's transaction. */
export function createRunbookStore(db: Db) {
  const selectStates = db.prepare<[string], { id: string; path: string; content_hash: string; deleted_at: string | null }>(
    'SELECT id, path, content_hash, deleted_at FROM runbooks WHERE source_id = ?',
  );
  const insertRunbook = db.prepare(
    `INSERT INTO runbooks (id, source_id, path, path_key, leaf_key, title, tags_json, weight, front_matter_json, markdown, image_refs_json, content_hash, created_at, updated_at)
     VALUES (@id, @sourceId, @path, @pathKey, @leafKey, @title, @tags, @weight, @frontMatter, @markdown, @imageRefs, @hash, @now, @now)`,
  );
  const updateRunbook = db.prepare(
    `UPDATE runbooks SET path_key = @pathKey, leaf_key = @leafKey, title = @title, tags_json = @tags, weight = @weight,
       front_matter_json = @frontMatter, markdown = @markdown, image_refs_json = @imageRefs, content_hash = @hash,
       updated_at = @now, deleted_at = NULL
     WHERE id = @id`,
  );
  const tombstoneRunbook = db.prepare('UPDATE runbooks SET deleted_at = ?, updated_at = ? WHERE id = ?');
  const selectSectionIds = db.prepare<[string], number>('SELECT id FROM runbook_sections WHERE runbook_id = ?').pluck();
  const deleteFts = db.prepare('DELETE FROM runbook_fts WHERE rowid = ?');
  const deleteHeadingFts = db.prepare('DELETE FROM runbook_heading_fts WHERE rowid = ?');
  const deleteSections = db.prepare('DELETE FROM runbook_sections WHERE runbook_id = ?');
  const deleteTags = db.prepare('DELETE FROM runbook_tags WHERE runbook_id = ?');
  const insertTag = db.prepare('INSERT OR IGNORE INTO runbook_tags (runbook_id, tag) VALUES (?, ?)');
  const insertSection = db.prepare(
    'INSERT INTO runbook_sections (runbook_id, ord, level, heading, anchor, heading_key) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertFts = db.prepare('INSERT INTO runbook_fts (rowid, title, headings, body) VALUES (?, ?, ?, ?)');
  const insertHeadingFts = db.prepare('INSERT INTO runbook_heading_fts (rowid, title, headings) VALUES (?, ?, ?)');

  const selectSummary = db.prepare<[string], RunbookFullRow>(
    `SELECT ${SUMMARY_COLUMNS}, r.front_matter_json, r.markdown, r.image_refs_json
     FROM runbooks r JOIN sources s ON s.id = r.source_id WHERE r.id = ? AND r.deleted_at IS NULL`,
  );
  const selectByLeaf = db.prepare<[string], RunbookRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM runbooks r JOIN sources s ON s.id = r.source_id
     WHERE r.leaf_key = ? AND r.deleted_at IS NULL ORDER BY s.name, r.path`,
  );
  // A scan of the runbooks (thousands of rows, not sections): only after the exact leaf_key lookup found nothing.
  const selectByCompactLeaf = db.prepare<[string], RunbookRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM runbooks r JOIN sources s ON s.id = r.source_id
     WHERE replace(replace(replace(r.leaf_key, '-', ''), '_', ''), ' ', '') = ? AND r.deleted_at IS NULL ORDER BY s.name, r.path`,
  );
  const selectTitledRunbooks = db.prepare<[string], RunbookRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM runbook_heading_fts h
       JOIN runbook_sections sec ON sec.id = h.rowid JOIN runbooks r ON r.id = sec.runbook_id JOIN sources s ON s.id = r.source_id
     WHERE runbook_heading_fts MATCH ? AND sec.ord = 0 AND r.deleted_at IS NULL ORDER BY s.name, r.path LIMIT 200`,
  );
  const selectSectionsMatching = db.prepare<[string], number>(`SELECT rowid FROM runbook_fts WHERE runbook_fts MATCH ? LIMIT 1000`).pluck();
  const selectSectionIdsInOrder = db.prepare<[string], { id: number; anchor: string; heading: string; level: number }>(
    'SELECT id, anchor, heading, level FROM runbook_sections WHERE runbook_id = ? ORDER BY ord',
  );
  const selectWithAliases = db.prepare<[], RunbookRow & { front_matter_json: string }>(
    `SELECT ${SUMMARY_COLUMNS}, r.front_matter_json FROM runbooks r JOIN sources s ON s.id = r.source_id
     WHERE r.deleted_at IS NULL AND r.front_matter_json LIKE '%"aliases"%' ORDER BY s.name, r.path`,
  );
  const selectSections = db.prepare<[string], { level: number; heading: string; anchor: string }>(
    'SELECT level, heading, anchor FROM runbook_sections WHERE runbook_id = ? ORDER BY ord',
  );
  const selectByHeading = db.prepare<[string], { runbook_id: string; anchor: string }>(
    `SELECT sec.runbook_id, sec.anchor FROM runbook_sections sec JOIN runbooks r ON r.id = sec.runbook_id
     WHERE sec.heading_key = ? AND sec.level > 0 AND r.deleted_at IS NULL ORDER BY r.path, sec.ord LIMIT 1`,
  );
  const selectHeadingsMentioning = db.prepare<[string], { runbook_id: string; anchor: string; heading: string }>(
    `SELECT sec.runbook_id, sec.anchor, sec.heading FROM runbook_heading_fts h
       JOIN runbook_sections sec ON sec.id = h.rowid JOIN runbooks r ON r.id = sec.runbook_id
     WHERE runbook_heading_fts MATCH ? AND sec.level > 0 AND r.deleted_at IS NULL ORDER BY r.path, sec.ord LIMIT 500`,
  );
  const selectAll = db.prepare<[], RunbookRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM runbooks r JOIN sources s ON s.id = r.source_id WHERE r.deleted_at IS NULL ORDER BY s.name, r.path`,
  );
  const selectAllOfSource = db.prepare<[string], RunbookRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM runbooks r JOIN sources s ON s.id = r.source_id
     WHERE r.source_id = ? AND r.deleted_at IS NULL ORDER BY r.path`,
  );
  const countsBySource = db.prepare<[string], { runbooks: number; sections: number }>(
    `SELECT count(DISTINCT r.id) AS runbooks, count(sec.id) AS sections
     FROM runbooks r LEFT JOIN runbook_sections sec ON sec.runbook_id = r.id
     WHERE r.source_id = ? AND r.deleted_at IS NULL`,
  );
  const selectImageRefs = db.prepare<[string], { path: string; image_refs_json: string }>(
    "SELECT path, image_refs_json FROM runbooks WHERE source_id = ? AND deleted_at IS NULL AND image_refs_json != '[]'",
  );
  const selectAssetHashes = db.prepare<[string], { path: string; content_hash: string; deleted_at: string | null }>(
    'SELECT path, content_hash, deleted_at FROM runbook_assets WHERE source_id = ?',
  );
  const upsertAsset = db.prepare(
    `INSERT INTO runbook_assets (id, source_id, path, mime, bytes, content_hash, created_at, updated_at)
     VALUES (@id, @sourceId, @path, @mime, @bytes, @hash, @now, @now)
     ON CONFLICT (source_id, path) DO UPDATE SET mime = @mime, bytes = @bytes, content_hash = @hash, updated_at = @now, deleted_at = NULL`,
  );
  const tombstoneAsset = db.prepare('UPDATE runbook_assets SET deleted_at = ?, updated_at = ? WHERE source_id = ? AND path = ?');
  const selectAsset = db.prepare<[string, string], { mime: string; bytes: Buffer }>(
    'SELECT mime, bytes FROM runbook_assets WHERE source_id = ? AND path = ? AND deleted_at IS NULL',
  );

  // Search SQL varies with the filters and the number of ids; each shape is compiled once.
  const searchStatements = new Map<string, Database.Statement<unknown[], unknown>>();
  function searchStatement<Row>(sql: string): Database.Statement<unknown[], Row> {
    let statement = searchStatements.get(sql);
    if (!statement) {
      // Shapes are bounded (filters × id-list lengths), but a long session should not keep every one.
      if (searchStatements.size >= MAX_CACHED_SEARCH_STATEMENTS) searchStatements.clear();
      statement = db.prepare<unknown[], unknown>(sql);
      searchStatements.set(sql, statement);
    }
    return statement as Database.Statement<unknown[], Row>;
  }

  const selectOwners = (count: number) =>
    searchStatement<{ id: number; runbook_id: string; first_id: number }>(
      `SELECT sec.id, sec.runbook_id,
         (SELECT first.id FROM runbook_sections first WHERE first.runbook_id = sec.runbook_id ORDER BY first.ord LIMIT 1) AS first_id
       FROM runbook_sections sec WHERE sec.id IN (${Array.from({ length: count }, () => '?').join(',')})`,
    );

  /**
   * Sections that match only through their runbook's title say nothing of their own: a runbook
   * with sections about the words keeps those; one matched by its title alone shows once, at its
   * first section, in the place of its best-ranked one. Without this, "dns lookup failure" listed
   * every section of that runbook, "Owner" first.
   */
  function collapseTitleOnly<Row extends { id: number; own: number }>(rows: Row[], limit: number): Row[] {
    // Rows past the limit are only read when a title-only row has to give way: most queries stop here.
    if (!rows.slice(0, limit).some((r) => !(r.own < 0))) return rows.slice(0, limit);
    const owners = new Map(selectOwners(rows.length).all(...rows.map((r) => r.id)).map((o) => [o.id, o]));
    const withOwnText = new Set(rows.filter((r) => r.own < 0).map((r) => owners.get(r.id)?.runbook_id));
    const shown = new Set<string>();
    const out: Row[] = [];
    for (const row of rows) {
      const owner = owners.get(row.id);
      if (row.own < 0 || !owner) out.push(row);
      else if (!withOwnText.has(owner.runbook_id) && !shown.has(owner.runbook_id)) {
        shown.add(owner.runbook_id);
        out.push({ ...row, id: owner.first_id });
      }
      if (out.length === limit) break;
    }
    return out;
  }

  function removeIndex(runbookId: string): void {
    for (const sectionId of selectSectionIds.all(runbookId)) {
      deleteFts.run(sectionId);
      deleteHeadingFts.run(sectionId);
    }
    deleteSections.run(runbookId);
    deleteTags.run(runbookId);
  }

  function writeIndex(runbookId: string, path: string, parsed: ParsedRunbook): void {
    const titleText = segmentCjk(searchableTitle(parsed.title, fileStemOf(path)));
    parsed.sections.forEach((section, ord) => {
      const info = insertSection.run(runbookId, ord, section.level, section.heading, section.anchor, section.heading.toLowerCase());
      // Every section carries the title, so "etcd diagnosis" finds etcd's Diagnosis section.
      // A heading that spells out an alert name in words (`Loki Request Errors`) also holds the name, so
      // the alert finds it in search and in the alert → runbook lookup.
      const spelled = section.level === 0 ? undefined : headingAsAlertName(section.heading);
      const headingText = segmentCjk(section.level === 0 ? '' : `${section.heading} ${splitIdentifierWords(section.heading)}${spelled ? ` ${spelled}` : ''}`);
      insertFts.run(info.lastInsertRowid, titleText, headingText, segmentCjk(section.text));
      insertHeadingFts.run(info.lastInsertRowid, titleText, headingText);
    });
    for (const tag of parsed.tags) insertTag.run(runbookId, tag);
  }

  function rowValues(id: string, sourceId: string, path: string, parsed: ParsedRunbook, hash: string, now: string) {
    const pathKey = runbookPathKey(path);
    return {
      id,
      sourceId,
      path,
      pathKey,
      leafKey: leafOf(pathKey),
      title: parsed.title,
      tags: JSON.stringify(parsed.tags),
      weight: parsed.weight,
      frontMatter: JSON.stringify(parsed.frontMatter),
      markdown: parsed.markdown,
      imageRefs: JSON.stringify(parsed.localImages),
      hash,
      now,
    };
  }

  return {
    states(sourceId: string): StoredRunbookState[] {
      return selectStates.all(sourceId).map((r) => ({ id: r.id, path: r.path, contentHash: r.content_hash, deleted: r.deleted_at !== null }));
    },
    insert(sourceId: string, path: string, parsed: ParsedRunbook, hash: string, now: string): string {
      const id = newId();
      insertRunbook.run(rowValues(id, sourceId, path, parsed, hash, now));
      writeIndex(id, path, parsed);
      return id;
    },
    /** Replaces a runbook's content and index (also brings back a tombstoned one whose file reappeared). */
    update(id: string, sourceId: string, path: string, parsed: ParsedRunbook, hash: string, now: string): void {
      updateRunbook.run(rowValues(id, sourceId, path, parsed, hash, now));
      removeIndex(id);
      writeIndex(id, path, parsed);
    },
    /** The file is gone: tombstone the runbook and drop it from search. */
    remove(id: string, now: string): void {
      tombstoneRunbook.run(now, now, id);
      removeIndex(id);
    },
    counts(sourceId: string): { runbooks: number; sections: number } {
      return countsBySource.get(sourceId) ?? { runbooks: 0, sections: 0 };
    },
    get(id: string): StoredRunbook | undefined {
      const row = selectSummary.get(id);
      if (!row) return undefined;
      return {
        ...toSummary(row),
        frontMatter: JSON.parse(row.front_matter_json) as Record<string, unknown>,
        markdown: row.markdown,
        imageRefs: JSON.parse(row.image_refs_json) as string[],
        pathKey: row.path_key,
      };
    },
    sections(id: string): RunbookSection[] {
      return selectSections.all(id);
    },
    list(sourceId?: string): RunbookSummary[] {
      return (sourceId ? selectAllOfSource.all(sourceId) : selectAll.all()).map(toSummary);
    },
    /** Live runbooks whose last path segment (lowercased, no extension) is `leaf`, with their full path key. */
    byLeaf(leaf: string): (RunbookSummary & { pathKey: string })[] {
      return selectByLeaf.all(leaf.toLowerCase()).map((row) => ({ ...toSummary(row), pathKey: row.path_key }));
    },
    /** Live runbooks whose file name is `name` once `-`, `_` and spaces are dropped: `kube-pod-not-ready.md` for KubePodNotReady. */
    byCompactLeaf(name: string): (RunbookSummary & { pathKey: string })[] {
      const compact = name.toLowerCase().replace(/[-_\s]+/g, '');
      if (!compact) return [];
      return selectByCompactLeaf.all(compact).map((row) => ({ ...toSummary(row), pathKey: row.path_key }));
    },
    /**
     * Anchor of the first section of `runbookId` whose heading names `alertname`, else of the first
     * whose text has it as a word (a row of an alert table); undefined when none does.
     */
    sectionNaming(runbookId: string, alertname: string): string | undefined {
      const phrase = alertNamePhrase(alertname);
      if (!phrase) return undefined;
      const sections = selectSectionIdsInOrder.all(runbookId).filter((s) => s.level > 0);
      const byHeading = sections.find((s) => headingNamesAlert(s.heading, alertname) !== undefined);
      if (byHeading) return byHeading.anchor;
      const mentioning = new Set(selectSectionsMatching.all(phrase));
      return sections.find((s) => mentioning.has(s.id))?.anchor;
    },
    /** Live runbooks whose front matter lists Hugo `aliases` (the URLs the page had before it moved), with them. */
    withAliases(): (RunbookSummary & { pathKey: string; aliases: string[] })[] {
      return selectWithAliases.all().flatMap((row) => {
        const value = (JSON.parse(row.front_matter_json) as Record<string, unknown>).aliases;
        const aliases = (Array.isArray(value) ? value : [value]).filter((a): a is string => typeof a === 'string' && a.trim() !== '');
        return aliases.length ? [{ ...toSummary(row), pathKey: row.path_key, aliases }] : [];
      });
    },
    /** First live section whose heading is exactly `heading` (case-insensitive): alerts in a single-file collection. */
    byHeading(heading: string): { runbookId: string; anchor: string } | undefined {
      const row = selectByHeading.get(heading.trim().toLowerCase());
      return row ? { runbookId: row.runbook_id, anchor: row.anchor } : undefined;
    },
    /**
     * Live runbooks whose title names `alertname` (`Alert - LokiRequestErrors`, grafana/loki
     * operator/docs/standard-operational-procedures/alert-loki-request-errors.md, whose file name
     * does not). The title index finds the candidates; the title text decides.
     */
    byTitleNaming(alertname: string): (RunbookSummary & { pathKey: string })[] {
      const phrase = alertNamePhrase(alertname);
      if (!phrase) return [];
      return selectTitledRunbooks
        .all(`title : ${phrase}`)
        .filter((row) => headingNamesAlert(row.title, alertname) !== undefined)
        .map((row) => ({ ...toSummary(row), pathKey: row.path_key }));
    },
    /**
     * First live section whose heading names `alertname` with a label or quotes (`Alert Name: "X"`),
     * else the first whose heading has it as a word (`X (critical)`), else spells it out in words
     * (`Loki Request Errors`). The heading index finds the candidates; the heading text decides.
     */
    byHeadingMention(alertname: string): { runbookId: string; anchor: string } | undefined {
      const phrase = alertNamePhrase(alertname);
      if (!phrase) return undefined;
      const candidates = selectHeadingsMentioning.all(`headings : ${phrase}`);
      const naming = candidates.map((c) => headingNamesAlert(c.heading, alertname));
      const best = (['name', 'word', 'words'] as const).map((kind) => naming.indexOf(kind)).find((index) => index >= 0);
      const hit = best === undefined ? undefined : candidates[best];
      return hit ? { runbookId: hit.runbook_id, anchor: hit.anchor } : undefined;
    },
    imageRefs(sourceId: string): { path: string; refs: string[] }[] {
      return selectImageRefs.all(sourceId).map((r) => ({ path: r.path, refs: JSON.parse(r.image_refs_json) as string[] }));
    },
    assetHashes(sourceId: string): Map<string, { hash: string; deleted: boolean }> {
      return new Map(selectAssetHashes.all(sourceId).map((r) => [r.path, { hash: r.content_hash, deleted: r.deleted_at !== null }]));
    },
    putAsset(sourceId: string, path: string, mime: string, bytes: Buffer, hash: string, now: string): void {
      upsertAsset.run({ id: newId(), sourceId, path, mime, bytes, hash, now });
    },
    removeAsset(sourceId: string, path: string, now: string): void {
      tombstoneAsset.run(now, now, sourceId, path);
    },
    asset(sourceId: string, path: string): { mime: string; bytes: Buffer } | undefined {
      return selectAsset.get(sourceId, path);
    },

    /**
     * Ranks first, then builds snippets for the top `limit` rows only, so a broad query costs one
     * ranking pass plus `limit` snippets.
     *
     * Ranking is tiered to stay fast on broad queries: bm25 costs about a microsecond per matching
     * section, and a common word matches most of a large corpus. Sections whose title or headings
     * hold every term (the ones bm25's title/heading weights put first anyway) come from a small
     * title/heading index; when there are at least `limit` of them, the best `TIER_CANDIDATES` are
     * ranked by full bm25 (body included) and body-only matches are not ranked. Otherwise all matches are ranked, up to `MAX_RANKED_SECTIONS` of them (newest first);
     * `partial` tells the caller a query was so broad that more sections matched than were ranked.
     */
    search(match: string, highlight: HighlightTerm[], options: { limit: number; sourceId?: string; tag?: string }): { hits: RunbookSearchHit[]; partial: boolean } {
      const filters: string[] = [];
      const filterParams: string[] = [];
      if (options.sourceId) {
        filters.push('r.source_id = ?');
        filterParams.push(options.sourceId);
      }
      if (options.tag) {
        filters.push('r.id IN (SELECT runbook_id FROM runbook_tags WHERE tag = ?)');
        filterParams.push(options.tag);
      }
      const joinOn = (rowid: string) =>
        filters.length ? `JOIN runbook_sections sec ON sec.id = ${rowid} JOIN runbooks r ON r.id = sec.runbook_id` : '';
      const where = filters.length ? `AND ${filters.join(' AND ')}` : '';
      type Ranked = { id: number; score: number; own: number; scanned: number };
      // Title-only matches collapse to one hit per runbook (collapseTitleOnly): a runbook named in
      // the query can fill dozens of places with them, so more are taken from the (already sorted) ranking.
      const candidates = options.limit * 3 + 50;

      const named = searchStatement<number>(
        `SELECT h.rowid FROM runbook_heading_fts h ${joinOn('h.rowid')}
         WHERE runbook_heading_fts MATCH ? ${where} ORDER BY bm25(runbook_heading_fts, 10.0, 5.0) LIMIT ${TIER_CANDIDATES}`,
      )
        .pluck()
        .all(match, ...filterParams);
      const rankAll = () =>
        searchStatement<Ranked>(
          // The CTE is materialised once: its LIMIT stops the scan (and the bm25 calls).
          `WITH matched AS (
             SELECT f.rowid AS id, ${SCORE_COLUMNS} FROM runbook_fts f ${joinOn('f.rowid')}
             WHERE runbook_fts MATCH ? ${where} ORDER BY f.rowid DESC LIMIT ${MAX_RANKED_SECTIONS + 1}
           )
           SELECT id, titled AS score, own, (SELECT count(*) FROM matched) AS scanned FROM matched ORDER BY score, id LIMIT ?`,
        ).all(match, ...filterParams, candidates);
      let ranked: Ranked[] = [];
      if (named.length >= options.limit) {
        // `+rowid` keeps the list out of FTS5 (it would seek each rowid; see the snippet note below).
        ranked = collapseTitleOnly(
          searchStatement<Ranked>(
            `SELECT id, titled AS score, own, 0 AS scanned FROM (
               SELECT f.rowid AS id, ${SCORE_COLUMNS} FROM runbook_fts f
               WHERE runbook_fts MATCH ? AND +f.rowid IN (${named.map(() => '?').join(',')})
             ) ORDER BY score, id LIMIT ?`,
          ).all(match, ...named, candidates),
          options.limit,
        );
      }
      // Too few named sections, or they were one runbook's title matching in each of its sections.
      let scanned = 0;
      if (ranked.length < options.limit) {
        const all = rankAll();
        scanned = all[0]?.scanned ?? 0;
        ranked = collapseTitleOnly(all, options.limit);
      }
      const partial = scanned > MAX_RANKED_SECTIONS;
      if (ranked.length === 0) return { hits: [], partial };
      const ids = ranked.map((r) => r.id);
      // Snippets from the stored text of the top rows only. Not FTS5's snippet(): that needs the
      // MATCH again (a second pass over every matching doclist), and SQLite 3.53's FTS5 returns
      // another row's text when it serves `MATCH … AND rowid = ?` itself. The body comes in the
      // same statement as the section's runbook (one pass over the ids, not two). Only the runbook
      // columns a hit shows: the summary's tags/weight/updated_at sit after the markdown in the row,
      // so reading them walks its overflow pages: half this statement's time (0.5 → 0.23 ms a query on 20,000 sections).
      const details = searchStatement<HitRunbookColumns & { section_id: number; heading: string; anchor: string; level: number; body: string | null }>(
        `SELECT sec.id AS section_id, sec.heading, sec.anchor, sec.level, ${HIT_RUNBOOK_COLUMNS},
           (SELECT f.body FROM runbook_fts f WHERE f.rowid = sec.id) AS body
         FROM runbook_sections sec JOIN runbooks r ON r.id = sec.runbook_id JOIN sources s ON s.id = r.source_id
         WHERE sec.id IN (${ids.map(() => '?').join(',')})`,
      ).all(...ids);
      const byId = new Map(details.map((d) => [d.section_id, d]));
      const hits = ranked.flatMap((rank) => {
        const row = byId.get(rank.id);
        if (!row) return [];
        return [
          {
            runbookId: row.id,
            sectionId: row.section_id,
            title: row.title,
            path: row.path,
            sourceId: row.source_id,
            sourceName: row.source_name,
            heading: row.heading,
            anchor: row.anchor,
            level: row.level,
            snippet: buildSnippet(row.body ?? '', highlight),
            score: rank.score,
          },
        ];
      });
      return { hits, partial };
    },
  };
}

export type RunbookStore = ReturnType<typeof createRunbookStore>;
