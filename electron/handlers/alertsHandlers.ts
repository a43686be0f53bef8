import type { AppContext } from '../app/appContext';
import type { alertsMethods, AlertSourceHealth } from '../../shared/api/alerts';
import { ApiFailure } from '../../shared/api/result';
import { compileMatchers } from '../../shared/domain/alertMatchers';
import { isoNow } from '../store/clock';
import { createAlertStore, type AlertFilter } from '../store/alertStore';
import { createBoardCache, type BoardView } from '../alerts/boardCache';
import { ingestDelivery } from '../alerts/alertIngest';
import { truncatedGroupsOf } from '../alerts/truncatedGroups';
import { alertmanagerConfigOf, createAlertmanagerPoller, pulledAlertmanagers } from '../alerts/alertmanagerPoller';
import type { HandlersFor } from '.';

export function alertsHandlers(ctx: AppContext) {
  const store = createAlertStore(ctx.db);
  const poller = createAlertmanagerPoller(ctx, { store, timeoutMs: 3000 });
  const boards = createBoardCache(store);
  // Every in-process alert write announces itself with alerts.changed; a few ids patch the cached
  // boards, anything else rebuilds them. Writes of other processes show up in data_version.
  let eventGeneration = 0;
  ctx.events.onAny((event, payload) => {
    if (event !== 'alerts.changed') return;
    eventGeneration++;
    const ids = (payload as { ids?: string[] }).ids;
    boards.changed(ids);
  });

  function externalStamp(): number {
    return Number(ctx.db.pragma('data_version', { simple: true }));
  }

  function generation(): number {
    return eventGeneration * 1000 + (externalStamp() % 1000);
  }

  function boardView(filter: AlertFilter, groupBy: string[] | undefined, offset: number, limit: number, forBoard: boolean): Promise<BoardView> {
    return boards.view({ filter, groupBy: groupBy ?? store.settings().groupBy, nowIso: isoNow(ctx.clock), external: externalStamp(), offset, limit, forBoard });
  }

  function sourcesHealth(): AlertSourceHealth[] {
    return ctx.sources
      .list()
      .filter((s) => s.kind === 'alertmanager' || s.kind === 'grafana' || s.kind === 'pagerduty' || s.kind === 'generic')
      .map((s) => {
        const config = s.kind === 'alertmanager' ? alertmanagerConfigOf(ctx.sources.config(s.id)) : undefined;
        return {
          id: s.id,
          kind: s.kind,
          name: s.name,
          url: config?.url ?? null,
          pull: config !== undefined,
          lastRefreshAt: s.lastRefreshAt,
          lastError: s.lastError,
          lastErrorAt: s.lastErrorAt,
          failingSince: s.lastError ? store.pullState(s.id).failingSince ?? s.lastErrorAt : null,
          itemCount: s.itemCount,
          intervalSeconds: config?.intervalSeconds ?? null,
          pushSilences: config?.pushSilences ?? null,
          auth: config ? (config.bearerToken ? ('bearer' as const) : config.basicAuth ? ('basic' as const) : ('none' as const)) : null,
          username: config?.basicAuth?.username ?? null,
          truncatedGroups: config ? [] : truncatedGroupsOf(ctx.settings, s.id, isoNow(ctx.clock)),
        };
      });
  }

  function changed(reason: string): void {
    ctx.events.emit('alerts.changed', { reason, notify: [] });
  }

  function changedIds(reason: string, ids: string[]): void {
    ctx.events.emit('alerts.changed', { reason, ids, notify: [] });
  }

  return {
    'alerts.ingest': ({ kind, body, via }) => ingestDelivery(ctx, store, { kind, body, via }),

    'alerts.list': async ({ query, state, sort, limit }) => {
      const view = await boardView({ query, state, sort }, [], 0, limit, false);
      return { total: view.total, alerts: store.summariesByIds(view.ids, isoNow(ctx.clock)) };
    },

    'alerts.board': async ({ query, state, sort, groupBy, firstPage }) => {
      const view = await boardView({ query, state, sort }, groupBy, 0, firstPage, true);
      return {
        generation: generation(),
        firstPage: store.summariesByIds(view.ids, isoNow(ctx.clock)),
        total: view.total,
        groupBy: view.groupBy,
        groups: view.groups,
        stateCounts: store.stateCounts(isoNow(ctx.clock)),
        sources: sourcesHealth(),
        quarantined: store.quarantineCount(),
        matcherErrors: view.matcherErrors,
      };
    },

    'alerts.page': async ({ query, state, sort, groupBy, offset, limit }) => {
      const view = await boardView({ query, state, sort }, groupBy, offset, limit, false);
      return { generation: generation(), offset, alerts: store.summariesByIds(view.ids, isoNow(ctx.clock)) };
    },

    'alerts.get': ({ id }) => {
      const alert = store.get(id, isoNow(ctx.clock));
      if (!alert) throw new ApiFailure('not_found', `No alert with id or key "${id}".`);
      return alert;
    },

    'alerts.ack': ({ ids, note, by }) => {
      const now = isoNow(ctx.clock);
      const who = by ?? ctx.settings.get().userName;
      const acked = ctx.db.transaction(() => {
        const done = store.ack(ids, who, note ?? null, now);
        for (const id of done) ctx.outbox.append('alert_ack', id, 'update', { ackedBy: who, ackedAt: now, note: note ?? null }, now);
        return done;
      })();
      changedIds('ack', acked);
      return { acked: acked.length };
    },

    'alerts.unack': ({ ids }) => {
      const now = isoNow(ctx.clock);
      const done = ctx.db.transaction(() => {
        const list = store.unack(ids, now);
        for (const id of list) ctx.outbox.append('alert_ack', id, 'delete', {}, now);
        return list;
      })();
      changedIds('unack', done);
      return { unacked: done.length };
    },

    'alerts.volume': ({ from, to, bucketMinutes }) => {
      if (Date.parse(to) <= Date.parse(from)) throw new ApiFailure('invalid_input', 'to: must be after from');
      if ((Date.parse(to) - Date.parse(from)) / (bucketMinutes * 60_000) > 10_000) throw new ApiFailure('invalid_input', 'bucketMinutes: more than 10,000 buckets; use larger buckets');
      return store.volume(new Date(from).toISOString(), new Date(to).toISOString(), bucketMinutes);
    },

    'alerts.raw': ({ id }) => {
      const raw = store.getRaw(id);
      if (!raw) throw new ApiFailure('not_found', `No raw payload "${id}" (it may have been pruned by the retention setting).`);
      return raw;
    },

    'alerts.quarantine': ({ limit }) => ({ total: store.quarantineCount(), items: store.listQuarantine(limit) }),

    'alerts.silences.list': ({ includeExpired }) => store.listSilences(includeExpired, isoNow(ctx.clock)),

    'alerts.silences.create': async ({ matchers, startsAt, endsAt, durationMinutes, comment, createdBy }) => {
      const now = isoNow(ctx.clock);
      const start = startsAt ? new Date(startsAt).toISOString() : now;
      const end = endsAt ? new Date(endsAt).toISOString() : durationMinutes ? new Date(Date.parse(start) + durationMinutes * 60_000).toISOString() : undefined;
      if (!end) throw new ApiFailure('invalid_input', 'endsAt: give endsAt or durationMinutes');
      if (end <= start) throw new ApiFailure('invalid_input', 'endsAt: must be after startsAt');
      if (end <= now) throw new ApiFailure('invalid_input', 'endsAt: must be in the future');
      try {
        compileMatchers(matchers);
      } catch (error) {
        throw new ApiFailure('invalid_input', `matchers: ${(error as Error).message}`);
      }
      const author = createdBy ?? ctx.settings.get().userName;
      const targets = pulledAlertmanagers(ctx).filter((t) => t.config.pushSilences);
      const id = ctx.db.transaction(() => {
        const silenceId = store.createSilence({ matchers, startsAt: start, endsAt: end, createdBy: author, comment }, now);
        ctx.outbox.append('alert_silence', silenceId, 'insert', { matchers, startsAt: start, endsAt: end, createdBy: author, comment }, now);
        for (const t of targets) store.enqueueSilencePush(silenceId, t.source.id, 'create', now);
        return silenceId;
      })();
      changed('silence');
      // Try once right away; offline, the rows stay queued and the poller sends them later.
      await Promise.all(targets.map((t) => poller.flushOutbox(t.source, t.config)));
      return store.silence(id, isoNow(ctx.clock))!;
    },

    'alerts.silences.expire': async ({ id }) => {
      const row = store.silenceRow(id);
      if (!row) throw new ApiFailure('not_found', `No silence "${id}".`);
      if (row.origin !== 'local') throw new ApiFailure('conflict', 'This silence belongs to an Alertmanager; expire it there.');
      const now = isoNow(ctx.clock);
      const targets = pulledAlertmanagers(ctx).filter((t) => store.upstreamIdFor(id, t.source.id) !== undefined || t.config.pushSilences);
      ctx.db.transaction(() => {
        store.expireSilence(id, now);
        ctx.outbox.append('alert_silence', id, 'update', { endsAt: now }, now);
        for (const t of targets) store.enqueueSilencePush(id, t.source.id, 'expire', now);
      })();
      changed('silence-expired');
      await Promise.all(targets.map((t) => poller.flushOutbox(t.source, t.config)));
      return store.silence(id, isoNow(ctx.clock))!;
    },

    'alerts.sources': () => sourcesHealth(),

    'alerts.connect': async ({ name, url, intervalSeconds, bearerToken, basicAuth, pushSilences, keepCredentials }) => {
      const now = isoNow(ctx.clock);
      if (keepCredentials && !bearerToken && !basicAuth) {
        const existing = ctx.sources.list('alertmanager').find((s) => s.name === name);
        const stored = existing ? alertmanagerConfigOf(ctx.sources.config(existing.id)) : undefined;
        bearerToken = stored?.bearerToken;
        basicAuth = stored?.basicAuth;
      }
      const source = ctx.sources.ensure('alertmanager', name, now, {
        url: url.replace(/\/+$/, ''),
        intervalSeconds,
        pushSilences,
        ...(bearerToken ? { bearerToken } : {}),
        ...(basicAuth ? { basicAuth } : {}),
      });
      ctx.events.emit('sources.changed', { sourceId: source.id });
      const config = alertmanagerConfigOf(ctx.sources.config(source.id))!;
      await poller.poll(source, config);
      return sourcesHealth().find((s) => s.id === source.id)!;
    },

    'alerts.disconnect': ({ name }) => {
      const source = ctx.sources.list('alertmanager').find((s) => s.name === name);
      if (!source || !alertmanagerConfigOf(ctx.sources.config(source.id))) throw new ApiFailure('not_found', `No Alertmanager named "${name}".`);
      ctx.db.prepare('UPDATE sources SET deleted_at = ?, updated_at = ? WHERE id = ?').run(isoNow(ctx.clock), isoNow(ctx.clock), source.id);
      ctx.events.emit('sources.changed', { sourceId: source.id });
      return { removed: true };
    },

    'alerts.refresh': async () => {
      await poller.pollAll();
      return sourcesHealth();
    },

    'alerts.settings.get': () => store.settings(),

    'alerts.settings.update': (patch) => {
      const now = isoNow(ctx.clock);
      const next = store.updateSettings(patch, now);
      store.pruneRaw(now);
      changed('settings');
      return next;
    },
  } satisfies HandlersFor<keyof typeof alertsMethods>;
}
