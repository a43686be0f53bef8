import { createHash } from 'node:crypto';
import type { AppContext } from '../app/appContext';
import type { BackgroundService } from '../app/backgroundServices';
import { isoNow } from '../store/clock';
import { createAlertStore, type AlertStore } from '../store/alertStore';
import type { Source } from '../../shared/api/system';
import { parseAlertmanager, parseAlertmanagerSilences, type UpstreamSilence } from '../../shared/domain/alertPayloads';
import type { LabelMatcher } from '../../shared/domain/alertMatchers';
import { splitUrlCredentials } from '../../shared/domain/urlCredentials';

export interface AlertmanagerConfig {
  url: string;
  intervalSeconds: number;
  bearerToken?: string;
  basicAuth?: { username: string; password: string };
  pushSilences: boolean;
}

export function alertmanagerConfigOf(config: Record<string, unknown>): AlertmanagerConfig | undefined {
  if (typeof config.url !== 'string') return undefined;
  // `http://user:pass@am:9093` as typed: fetch refuses such URLs (quoting it, password included, in
  // the error the UI shows) and the URL is returned to the renderer; the credentials become Basic auth.
  const fromUrl = splitUrlCredentials(config.url);
  const bearerToken = typeof config.bearerToken === 'string' ? config.bearerToken : undefined;
  return {
    url: fromUrl.url.replace(/\/+$/, ''),
    intervalSeconds: typeof config.intervalSeconds === 'number' ? config.intervalSeconds : 15,
    bearerToken,
    basicAuth: isBasicAuth(config.basicAuth) ? config.basicAuth : bearerToken ? undefined : fromUrl.basicAuth,
    pushSilences: config.pushSilences !== false,
  };
}

function isBasicAuth(value: unknown): value is { username: string; password: string } {
  return typeof value === 'object' && value !== null && typeof (value as { username?: unknown }).username === 'string' && typeof (value as { password?: unknown }).password === 'string';
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal }) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

export interface PollerOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  store?: AlertStore;
}

class UpstreamError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
  }
}

/** Alertmanager sources: rows of kind `alertmanager` whose config has a URL (the webhook row has none). */
export function pulledAlertmanagers(ctx: AppContext): { source: Source; config: AlertmanagerConfig }[] {
  return ctx.sources.list('alertmanager').flatMap((source) => {
    const config = alertmanagerConfigOf(ctx.sources.config(source.id));
    return config ? [{ source, config }] : [];
  });
}

/**
 * Polls Alertmanager's v2 API and sends queued silences. Failures keep the replica as it was and
 * only record the error and "failing since" on the source.
 */
export function createAlertmanagerPoller(ctx: AppContext, options: PollerOptions = {}) {
  const store = options.store ?? createAlertStore(ctx.db);
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const inFlight = new Map<string, Promise<void>>();

  async function request(config: AlertmanagerConfig, method: string, path: string, body?: unknown): Promise<string> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (config.bearerToken) headers.Authorization = `Bearer ${config.bearerToken}`;
    else if (config.basicAuth) headers.Authorization = `Basic ${Buffer.from(`${config.basicAuth.username}:${config.basicAuth.password}`).toString('base64')}`;
    let response;
    try {
      response = await doFetch(`${config.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new UpstreamError(`${method} ${path}: ${(error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : detail}`, false);
    }
    const text = await response.text();
    if (!response.ok) {
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
      throw new UpstreamError(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 200).trim()}`, permanent);
    }
    return text;
  }

  async function pollOne(source: Source, config: AlertmanagerConfig): Promise<void> {
    const started = isoNow(ctx.clock);
    try {
      const alertsText = await request(config, 'GET', '/api/v2/alerts');
      let silencesText: string | undefined;
      try {
        silencesText = await request(config, 'GET', '/api/v2/silences');
      } catch {
        // Alerts carry `silencedBy` themselves; a failing silences endpoint only hides the silence list.
      }
      const now = isoNow(ctx.clock);
      let body: unknown;
      try {
        body = JSON.parse(alertsText);
      } catch (error) {
        throw new UpstreamError(`GET /api/v2/alerts: not JSON (${(error as Error).message})`, false);
      }
      const parsed = parseAlertmanager(body, now);
      // A silence list where alerts belong (a proxy or URL pointing elsewhere) must not resolve every alert.
      if (parsed.ok && parsed.delivery.silences) throw new UpstreamError('GET /api/v2/alerts: answered with a silence list, not alerts (check the URL)', false);
      if (!parsed.ok) {
        store.quarantine({ kind: 'alertmanager', via: `pull:${source.name}`, remoteAddress: config.url, receivedAt: now, body: alertsText, error: parsed.message, issues: parsed.issues });
        throw new UpstreamError(`GET /api/v2/alerts: ${parsed.message}`, false);
      }
      const alerts = parsed.delivery.alerts;
      const changes = ctx.db.transaction(() => {
        // An unchanged answer every 15 s is not worth keeping again; alerts keep pointing at the last one.
        const changed = store.lastRawHash(source.id) !== sha256Hex(alertsText);
        const rawId = changed ? store.storeRaw({ kind: 'alertmanager', sourceId: source.id, via: `pull:${source.name}`, receivedAt: now, body: alertsText, alertCount: alerts.length }) : null;
        const result = store.upsertBatch(alerts, { sourceId: source.id, rawId, receivedAt: now, pulledFrom: source.id });
        const resolved = store.resolveMissing(source.id, new Set(alerts.map((a) => a.key)), now);
        const silences = silencesText === undefined ? undefined : parseSilences(silencesText);
        if (silences) store.replaceUpstreamSilences(source.id, silences, now);
        ctx.sources.recordSuccess(source.id, now, alerts.length);
        store.setFailingSince(source.id, null);
        return { notify: result.notify, ids: [...result.ids, ...resolved] };
      })();
      // An unchanged answer changes no rows: boards keep their ordering (ids: []).
      ctx.events.emit('alerts.changed', { reason: 'pull', notify: changes.notify, ...(changes.ids.length <= 5000 ? { ids: changes.ids } : {}) });
      ctx.events.emit('sources.changed', { sourceId: source.id });
      await flushOutbox(source, config);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.sources.recordFailure(source.id, started, message);
      if (!store.pullState(source.id).failingSince) store.setFailingSince(source.id, started);
      ctx.events.emit('sources.changed', { sourceId: source.id });
      ctx.events.emit('alerts.changed', { reason: 'source-failed', ids: [], notify: [] });
    }
  }

  /** Sends queued silence creations and expiries; network failures keep them queued. */
  async function flushOutbox(source: Source, config: AlertmanagerConfig): Promise<number> {
    let sent = 0;
    for (const push of store.pendingSilencePushes(source.id)) {
      const now = isoNow(ctx.clock);
      const silence = store.silenceRow(push.silenceId);
      if (!silence) {
        store.markSilencePush(push.id, { state: 'failed', error: 'the local silence no longer exists' }, now);
        continue;
      }
      try {
        if (push.op === 'create') {
          if (silence.ends_at <= now) {
            store.markSilencePush(push.id, { state: 'failed', error: 'ended before the Alertmanager was reachable; not sent' }, now);
            continue;
          }
          const answer = await request(config, 'POST', '/api/v2/silences', {
            matchers: (JSON.parse(silence.matchers_json) as LabelMatcher[]).map((m) => ({ name: m.name, value: m.value, isRegex: m.isRegex, isEqual: m.isEqual })),
            startsAt: silence.starts_at,
            endsAt: silence.ends_at,
            createdBy: silence.created_by,
            comment: silence.comment,
          });
          const upstreamId = silenceIdOf(answer);
          store.markSilencePush(push.id, { state: 'sent', error: null, upstreamId }, isoNow(ctx.clock));
        } else {
          const upstreamId = store.upstreamIdFor(push.silenceId, source.id);
          if (upstreamId) await request(config, 'DELETE', `/api/v2/silence/${encodeURIComponent(upstreamId)}`);
          store.markSilencePush(push.id, { state: 'sent', error: upstreamId ? null : 'never reached the Alertmanager; nothing to expire' }, isoNow(ctx.clock));
        }
        sent++;
      } catch (error) {
        const permanent = error instanceof UpstreamError && error.permanent;
        store.markSilencePush(push.id, { state: permanent ? 'failed' : 'pending', error: (error as Error).message }, isoNow(ctx.clock));
        if (!permanent) break;
      }
    }
    if (sent) ctx.events.emit('alerts.changed', { reason: 'silence-sent', ids: [], notify: [] });
    return sent;
  }

  return {
    store,
    /** Polls one source now (waits for a poll already running for it). */
    poll(source: Source, config: AlertmanagerConfig): Promise<void> {
      const running = inFlight.get(source.id);
      if (running) return running;
      const promise = pollOne(source, config).finally(() => inFlight.delete(source.id));
      inFlight.set(source.id, promise);
      return promise;
    },
    async pollAll(): Promise<void> {
      await Promise.all(pulledAlertmanagers(ctx).map(({ source, config }) => this.poll(source, config)));
    },
    flushOutbox,
  };
}

export type AlertmanagerPoller = ReturnType<typeof createAlertmanagerPoller>;

function silenceIdOf(answer: string): string | undefined {
  try {
    const parsed = JSON.parse(answer) as { silenceID?: unknown };
    return typeof parsed.silenceID === 'string' ? parsed.silenceID : undefined;
  } catch {
    return undefined;
  }
}

/** Undefined when the answer is no silence list (an HTML page, an error object): like a failed request, it keeps the silences we have. */
function parseSilences(text: string): UpstreamSilence[] | undefined {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    return undefined;
  }
  return parseAlertmanagerSilences(list, true) ?? undefined;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Polls each configured Alertmanager on its interval, ends silences on time and applies the raw
 * payload retention.
 */
export const alertmanagerPollerService: BackgroundService = {
  name: 'alert-feeds',
  start(ctx) {
    const poller = createAlertmanagerPoller(ctx);
    const store = poller.store;
    const nextDue = new Map<string, number>();
    let lastReconcile = isoNow(ctx.clock);
    let lastPrune = 0;
    let stopped = false;

    const tick = () => {
      if (stopped || !ctx.db.open) return;
      const nowMs = ctx.clock.now().getTime();
      for (const { source, config } of pulledAlertmanagers(ctx)) {
        if ((nextDue.get(source.id) ?? 0) > nowMs) continue;
        nextDue.set(source.id, nowMs + config.intervalSeconds * 1000);
        void poller.poll(source, config);
      }
      const now = isoNow(ctx.clock);
      if (store.reconcileSilences(lastReconcile, now) > 0) ctx.events.emit('alerts.changed', { reason: 'silence-time', notify: [] });
      lastReconcile = now;
      if (nowMs - lastPrune > 60_000) {
        lastPrune = nowMs;
        store.pruneRaw(now);
      }
    };
    const timer = setInterval(tick, 1000);
    timer.unref();
    const unsubscribe = ctx.events.onAny((event) => {
      // A new or changed source polls at once rather than after its interval.
      if (event === 'sources.changed') {
        for (const { source } of pulledAlertmanagers(ctx)) if (!nextDue.has(source.id)) nextDue.set(source.id, 0);
      }
    });
    setImmediate(tick);
    return () => {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
    };
  },
};
