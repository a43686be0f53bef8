import type { AppContext } from '../app/appContext';
import type { runbooksMethods } from '../../shared/api/runbooks';
import { ApiFailure } from '../../shared/api/result';
import { buildFtsQuery, extractSearchFilters } from '../../shared/domain/runbookText';
import { importRunbookFolder, readRunbookSourceConfig } from '../runbooks/importRunbooks';
import { createRunbookLookup } from '../runbooks/runbookLookup';
import { RUNBOOK_SOURCE_KIND } from '../store/runbookStore';
import type { HandlersFor } from '.';
import path from 'node:path';
import { downloadRunbookArchive, RunbookArchiveError } from '../runbooks/runbookArchive';
import { isoNow } from '../store/clock';

/** `https://github.com/org/runbooks/archive/refs/heads/main.tar.gz` → `runbooks-main`. */
function archiveName(url: string): string {
  const segments = new URL(url).pathname.split('/').filter(Boolean);
  const file = (segments.pop() ?? 'runbooks').replace(/\.(tar\.gz|tgz|tar)$/i, '');
  const repo = segments.includes('archive') ? segments[segments.indexOf('archive') - 1] : undefined;
  return repo ? `${repo}-${file}` : file;
}

export function runbooksHandlers(ctx: AppContext) {
  const lookup = createRunbookLookup(ctx);

  async function importArchive(url: string, name: string, urlPrefix: string | null) {
    const dir = path.join(ctx.dataDir, 'runbook-archives', name.replace(/[^\w.-]+/g, '_'));
    try {
      await downloadRunbookArchive(url, dir);
    } catch (error) {
      if (!(error instanceof RunbookArchiveError)) throw error;
      const existing = ctx.sources.list(RUNBOOK_SOURCE_KIND).find((s) => s.name === name);
      if (existing) {
        ctx.sources.recordFailure(existing.id, isoNow(ctx.clock), error.message);
        ctx.events.emit('sources.changed', { sourceId: existing.id });
      }
      throw new ApiFailure('unavailable', error.message);
    }
    return importRunbookFolder(ctx, { dir, name, urlPrefix, archiveUrl: url });
  }
  return {
    'runbooks.import': ({ dir, name, urlPrefix }) => importRunbookFolder(ctx, { dir, name, urlPrefix }),
    'runbooks.importUrl': ({ url, name, urlPrefix }) => importArchive(url, name ?? archiveName(url), urlPrefix ?? null),
    'runbooks.refresh': ({ sourceId }) => {
      const source = ctx.sources.get(sourceId);
      const config = source && source.kind === RUNBOOK_SOURCE_KIND ? readRunbookSourceConfig(ctx.sources.config(sourceId)) : undefined;
      if (!source || !config) throw new ApiFailure('not_found', `No runbook source with id ${sourceId}.`);
      if (config.archiveUrl) return importArchive(config.archiveUrl, source.name, config.urlPrefix);
      return importRunbookFolder(ctx, { dir: config.dir, name: source.name, urlPrefix: config.urlPrefix });
    },
    'runbooks.sources': () => lookup.sources().map(({ config: _config, ...source }) => source),
    'runbooks.list': ({ sourceId }) => lookup.store.list(sourceId),
    'runbooks.search': ({ query, limit, sourceId, tag }) => {
      const typed = extractSearchFilters(query);
      const fts = buildFtsQuery(typed.text);
      if (!fts.all) return { hits: [], mode: 'empty' as const, partial: false };
      let source = sourceId;
      if (!source && typed.source) {
        const wanted = typed.source.toLowerCase();
        const match = lookup.sources().find((s) => s.name.toLowerCase() === wanted) ?? lookup.sources().find((s) => s.name.toLowerCase().startsWith(wanted));
        // An unknown source name finds nothing rather than silently searching everything.
        source = match?.id ?? '\u0000no-such-source';
      }
      const options = { limit, sourceId: source, tag: tag ?? typed.tag };
      const every = lookup.store.search(fts.all, fts.highlight, options);
      // No section holds every word: rank sections holding any of them, so a typo never means "nothing".
      if (every.hits.length > 0 || fts.terms.length < 2) return { ...every, mode: 'all' as const };
      return { ...lookup.store.search(fts.any, fts.highlight, options), mode: 'any' as const };
    },
    'runbooks.get': ({ id }) => {
      const runbook = lookup.get(id);
      if (!runbook) throw new ApiFailure('not_found', `No runbook with id ${id} (it may have been removed from its folder).`);
      return runbook;
    },
    'runbooks.find': ({ ref }) => {
      const found = lookup.find(ref);
      if (!found) throw new ApiFailure('not_found', `No runbook matches "${ref}" by id, path or alert name. Try \`gobag search ${ref}\`.`);
      return found;
    },
    'runbooks.resolveForAlert': (input) => lookup.resolveForAlert(input),
  } satisfies HandlersFor<keyof typeof runbooksMethods>;
}
