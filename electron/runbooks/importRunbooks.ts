import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../app/appContext';
import { isoNow } from '../store/clock';
import { createRunbookStore, fileStemOf, RUNBOOK_SOURCE_KIND } from '../store/runbookStore';
import type { RunbookImportReport } from '../../shared/api/runbooks';
import { resolveRelativePath, RUNBOOK_FILE_EXTENSION } from '../../shared/domain/runbookText';
import { parseRunbook } from './parseRunbook';
import { ApiFailure } from '../../shared/api/result';
import { decodeUriComponentOrKeep } from '../../shared/domain/uriDecoding';

export interface RunbookSourceConfig {
  dir: string;
  urlPrefix: string | null;
  /** Set when the folder is Gobag's unpacked copy of a downloaded archive. */
  archiveUrl: string | null;
}

/** A runbook bigger than this is not a runbook (a generated dump, a binary renamed .md). */
const MAX_RUNBOOK_BYTES = 2 * 1024 * 1024;
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Folders that are never runbooks in a git checkout. */
const IGNORED_DIRS = new Set(['.git', 'node_modules', '.github', '.hg', '.svn']);
/** `.mdx` is Docusaurus's Markdown with JSX and `.html.md.erb` tech-docs-template's with ERB: their text reads as Markdown. */
const MARKDOWN_EXTENSION = RUNBOOK_FILE_EXTENSION;
/** A runbook checkout has thousands of entries, not millions: stop before walking a home folder or `/`. */
const MAX_WALKED_ENTRIES = 200_000;
const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

export function readRunbookSourceConfig(config: Record<string, unknown>): RunbookSourceConfig | undefined {
  if (typeof config.dir !== 'string') return undefined;
  return {
    dir: config.dir,
    urlPrefix: typeof config.urlPrefix === 'string' ? config.urlPrefix : null,
    archiveUrl: typeof config.archiveUrl === 'string' ? config.archiveUrl : null,
  };
}

interface FoundFiles {
  markdown: string[];
  skipped: { path: string; reason: string }[];
}

/** Every Markdown file under `root` (relative, forward slashes, sorted); other regular files are reported as skipped. */
function walk(root: string): FoundFiles {
  const found: FoundFiles = { markdown: [], skipped: [] };
  let walked = 0;
  const visit = (relativeDir: string) => {
    const entries = fs.readdirSync(path.join(root, relativeDir), { withFileTypes: true });
    walked += entries.length;
    if (walked > MAX_WALKED_ENTRIES) {
      throw new ApiFailure('invalid_input', `${root} holds more than ${MAX_WALKED_ENTRIES} files and folders; point at the runbooks folder itself.`, [
        { path: 'dir', message: 'too many files to be a runbook folder' },
      ]);
    }
    // Symbolic links are not followed (entry.isDirectory() is false for them): no loops, no escaping the folder.
    for (const entry of entries) {
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.has(entry.name)) visit(relative);
      } else if (entry.isFile()) {
        if (MARKDOWN_EXTENSION.test(entry.name)) found.markdown.push(relative);
        else if (!IMAGE_TYPES[path.extname(entry.name).toLowerCase()]) found.skipped.push({ path: relative, reason: 'not Markdown (.md/.markdown/.mdx/.html.md.erb)' });
      }
    }
  };
  visit('');
  found.markdown.sort();
  found.skipped.sort((a, b) => a.path.localeCompare(b.path));
  return found;
}

/**
 * Part of every runbook's content hash: bump it when parsing or indexing changes, so the next
 * import re-indexes files that did not change on disk (a file is otherwise skipped by its hash).
 * 2: explicit `{#id}` anchors, CJK tokens. 3: MkDocs/Docusaurus admonitions as quotes, Hugo
 * highlight shortcodes as code blocks. 4: the title no longer repeated as the first section's heading.
 */
const INDEX_FORMAT = 'runbook-index-12';

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Imports a folder, or re-imports it: files whose content hash changed are re-parsed, new ones
 * added, missing ones tombstoned, the rest left alone. One transaction, so search never sees half
 * an import, and a failed import leaves the previous copy in place.
 */
export function importRunbookFolder(
  ctx: AppContext,
  options: { dir: string; name?: string; urlPrefix?: string | null; archiveUrl?: string | null },
): RunbookImportReport {
  const started = performance.now();
  const dir = path.resolve(options.dir);
  const now = isoNow(ctx.clock);
  const name = options.name ?? path.basename(dir);
  const existing = ctx.sources.list(RUNBOOK_SOURCE_KIND).find((s) => s.name === name);
  const previous = existing ? readRunbookSourceConfig(ctx.sources.config(existing.id)) : undefined;
  const urlPrefix = options.urlPrefix === undefined ? (previous?.urlPrefix ?? null) : options.urlPrefix;
  const source = ctx.sources.ensure(RUNBOOK_SOURCE_KIND, name, now, { dir, urlPrefix, ...(options.archiveUrl ? { archiveUrl: options.archiveUrl } : {}) });

  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    const message = `The folder ${dir} does not exist or cannot be read; the last imported copy is kept.`;
    ctx.sources.recordFailure(source.id, now, message);
    ctx.events.emit('sources.changed', { sourceId: source.id });
    throw new ApiFailure('not_found', message);
  }
  if (!stat.isDirectory()) {
    const message = `${dir} is not a folder; pass the folder that holds the Markdown runbooks.`;
    ctx.sources.recordFailure(source.id, now, message);
    throw new ApiFailure('invalid_input', message, [{ path: 'dir', message }]);
  }

  let files: FoundFiles;
  try {
    files = walk(dir);
  } catch (error) {
    ctx.sources.recordFailure(source.id, now, error instanceof Error ? error.message : String(error));
    throw error;
  }
  const store = createRunbookStore(ctx.db);
  const report: RunbookImportReport = {
    sourceId: source.id,
    sourceName: name,
    dir,
    added: 0,
    updated: 0,
    removed: 0,
    unchanged: 0,
    runbookCount: 0,
    sectionCount: 0,
    imagesStored: 0,
    skipped: [...files.skipped],
    warnings: [],
    durationMs: 0,
  };

  // Read and parse outside the transaction; only the database writes hold the write lock.
  const states = new Map(store.states(source.id).map((s) => [s.path, s]));
  const reads: { path: string; content: string; hash: string }[] = [];
  for (const relative of files.markdown) {
    const full = path.join(dir, relative);
    try {
      const size = fs.statSync(full).size;
      if (size > MAX_RUNBOOK_BYTES) {
        report.skipped.push({ path: relative, reason: `larger than ${MAX_RUNBOOK_BYTES / 1024 / 1024} MB` });
        continue;
      }
      const content = decodeText(fs.readFileSync(full));
      if (content === undefined) {
        report.skipped.push({ path: relative, reason: 'binary content, not Markdown text' });
        continue;
      }
      reads.push({ path: relative, content, hash: sha256(`${INDEX_FORMAT}\n${content}`) });
    } catch (error) {
      report.skipped.push({ path: relative, reason: `unreadable: ${(error as Error).message}` });
    }
  }

  ctx.db.transaction(() => {
    const seen = new Set<string>();
    for (const file of reads) {
      seen.add(file.path);
      const state = states.get(file.path);
      if (state && !state.deleted && state.contentHash === file.hash) {
        report.unchanged++;
        continue;
      }
      const parsed = parseRunbook(file.content, fileStemOf(file.path), { mdx: /\.mdx$/i.test(file.path), erb: /\.erb$/i.test(file.path) });
      for (const message of parsed.warnings) report.warnings.push({ path: file.path, message });
      if (state) {
        store.update(state.id, source.id, file.path, parsed, file.hash, now);
        if (state.deleted) report.added++;
        else report.updated++;
      } else {
        store.insert(source.id, file.path, parsed, file.hash, now);
        report.added++;
      }
    }
    for (const state of states.values()) {
      if (!state.deleted && !seen.has(state.path)) {
        store.remove(state.id, now);
        report.removed++;
      }
    }
    syncImages(store, source.id, dir, now, report);
    const counts = store.counts(source.id);
    report.runbookCount = counts.runbooks;
    report.sectionCount = counts.sections;
    ctx.sources.recordSuccess(source.id, now, counts.runbooks);
  })();

  report.durationMs = Math.round((performance.now() - started) * 10) / 10;
  ctx.events.emit('sources.changed', { sourceId: source.id });
  if (report.added || report.updated || report.removed || report.imagesStored) ctx.events.emit('runbooks.changed', { sourceId: source.id });
  return report;
}

/** Stores every local image the live runbooks reference (changed ones re-read); reports the ones missing on disk. */
function syncImages(
  store: ReturnType<typeof createRunbookStore>,
  sourceId: string,
  dir: string,
  now: string,
  report: RunbookImportReport,
): void {
  const wanted = new Set<string>();
  const known = store.assetHashes(sourceId);
  for (const { path: runbookPath, refs } of store.imageRefs(sourceId)) {
    for (const ref of refs) {
      const cleaned = ref.split('#')[0]!.split('?')[0]!;
      const target = resolveRelativePath(runbookPath, decodeUriComponentOrKeep(cleaned));
      if (!target) {
        report.warnings.push({ path: runbookPath, message: `image ${ref} points outside the folder; not stored` });
        continue;
      }
      const mime = IMAGE_TYPES[path.extname(target).toLowerCase()];
      if (!mime) {
        report.warnings.push({ path: runbookPath, message: `image ${ref} is not a known image type; not stored` });
        continue;
      }
      const full = path.join(dir, target);
      let bytes: Buffer;
      try {
        if (fs.statSync(full).size > MAX_IMAGE_BYTES) {
          report.warnings.push({ path: runbookPath, message: `image ${ref} is larger than 5 MB; not stored` });
          continue;
        }
        bytes = fs.readFileSync(full);
      } catch {
        report.warnings.push({ path: runbookPath, message: `image ${ref} is missing (${target})` });
        continue;
      }
      if (wanted.has(target)) continue;
      wanted.add(target);
      const hash = sha256(bytes);
      const stored = known.get(target);
      if (stored && !stored.deleted && stored.hash === hash) continue;
      store.putAsset(sourceId, target, mime, bytes, hash, now);
      report.imagesStored++;
    }
  }
  for (const [assetPath, state] of known) {
    if (!state.deleted && !wanted.has(assetPath)) store.removeAsset(sourceId, assetPath, now);
  }
}

/**
 * A Markdown file's text: UTF-8 (with or without BOM), or UTF-16 when it starts with a UTF-16 BOM
 * (what Windows editors save as "Unicode"). Undefined for binary content (NUL bytes in UTF-8).
 */
function decodeText(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) return undefined;
  return bytes.toString('utf8');
}
