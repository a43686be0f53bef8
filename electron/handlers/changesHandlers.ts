import type { AppContext } from '../app/appContext';
import type { changesMethods } from '../../shared/api/changes';
import { ApiFailure } from '../../shared/api/result';
import { inferChangeKind, rankSuspectChanges } from '../../shared/domain/changeCorrelation';
import { createChangeStore, type ChangePatch } from '../store/changeStore';
import { isoNow } from '../store/clock';
import { readGitChanges } from '../changes/gitImport';
import type { HandlersFor } from '.';

/** Candidates read per suspects query: enough to rank well, bounded however busy the window was. */
const SUSPECT_CANDIDATES = 200;

export function changesHandlers(ctx: AppContext) {
  const store = createChangeStore(ctx.db, ctx.outbox);
  const changed = (id?: string) => ctx.events.emit('changes.changed', id ? { id } : {});
  const userName = () => ctx.settings.get().userName;

  return {
    'changes.record': (input) => {
      const now = isoNow(ctx.clock);
      const me = userName();
      const result = store.insert(
        {
          at: input.at ? new Date(input.at).toISOString() : now,
          summary: input.summary,
          service: input.service,
          environment: input.environment,
          kind: input.kind ?? inferChangeKind(input.summary, 'deploy'),
          author: input.author === undefined || input.author === null || input.author === '' ? me : input.author,
          link: input.link,
          sideEffects: input.sideEffects,
          rollback: input.rollback,
          origin: input.origin ?? 'api',
          externalId: input.externalId,
        },
        now,
        me,
      );
      if (result.created) changed(result.change.id);
      return result;
    },
    'changes.update': ({ id, reason, ...fields }) => {
      const patch: ChangePatch = {};
      for (const [key, value] of Object.entries(fields) as [keyof ChangePatch, string | null | undefined][]) {
        if (value === undefined) continue;
        (patch as Record<string, unknown>)[key] = key === 'at' && value ? new Date(value).toISOString() : value;
      }
      const updated = store.update(id, patch, isoNow(ctx.clock), userName(), reason ?? null);
      if (!updated) throw new ApiFailure('not_found', `id: no change ${id}`);
      changed(id);
      return updated;
    },
    'changes.delete': ({ id, reason }) => {
      const deleted = store.tombstone(id, isoNow(ctx.clock), userName(), reason ?? null);
      if (!deleted) throw new ApiFailure('not_found', `id: no change ${id}`);
      changed(id);
      return deleted;
    },
    'changes.get': ({ id }) => {
      const change = store.get(id);
      if (!change) throw new ApiFailure('not_found', `id: no change ${id}`);
      return { change, history: store.history(id) };
    },
    'changes.list': (filter) => store.list(filter),
    'changes.last': ({ environment }) => store.last(isoNow(ctx.clock), environment) ?? null,
    'changes.suspects': ({ at, service, environment, windowMinutes, limit }) => {
      const alertAt = Date.parse(at);
      const from = new Date(alertAt - windowMinutes * 60_000).toISOString();
      const to = new Date(alertAt).toISOString();
      const ranked = rankSuspectChanges(store.suspectCandidateKeys(from, to, service, SUSPECT_CANDIDATES), { at: to, service, environment, windowMinutes }).slice(0, limit);
      const records = new Map(store.getMany(ranked.map((r) => r.change.id)).map((c) => [c.id, c]));
      return ranked.flatMap((r) => {
        const change = records.get(r.change.id);
        return change ? [{ ...change, score: r.score, serviceMatch: r.serviceMatch, minutesBefore: r.minutesBefore, reasons: r.reasons }] : [];
      });
    },
    'changes.facets': () => store.facets(),
    'changes.importGit': async (options) => {
      const startedAt = isoNow(ctx.clock);
      const source = ctx.sources.ensure('git', options.dir, startedAt, { dir: options.dir, path: options.path ?? null, tags: options.tags ?? false });
      let read;
      try {
        read = await readGitChanges(options);
      } catch (error) {
        ctx.sources.recordFailure(source.id, startedAt, error instanceof Error ? error.message : String(error));
        ctx.events.emit('sources.changed', { sourceId: source.id });
        throw error;
      }
      const now = isoNow(ctx.clock);
      const me = userName();
      const imported = ctx.db.transaction(() => read.changes.filter((change) => store.insert(change, now, me).created).length)();
      ctx.sources.recordSuccess(source.id, now, read.changes.length);
      ctx.events.emit('sources.changed', { sourceId: source.id });
      if (imported > 0) changed();
      return { sourceId: source.id, scanned: read.changes.length, imported, skipped: read.changes.length - imported };
    },
    'changes.rejected': ({ limit }) => store.rejected(limit ?? 50),
  } satisfies HandlersFor<keyof typeof changesMethods>;
}
