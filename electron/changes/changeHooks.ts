import { createHash } from 'node:crypto';
import type { AppContext } from '../app/appContext';
import type { HookResponse, HookRoute } from '../host/hookRoutes';
import { isoNow } from '../store/clock';
import { createChangeStore, type ChangeStore } from '../store/changeStore';
import { parseGobagChangeHook, parsePagerDutyChangeEvent, type FeedChange, type FeedParseResult } from '../../shared/domain/changeFeeds';
import type { ChangeOrigin } from '../../shared/api/changes';

/** Canonical JSON (sorted keys) so the same content hashes the same whatever the key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as Record<string, unknown>)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function contentKey(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 32)}`;
}

type Parser = (body: unknown, receivedAt: string) => FeedParseResult;

interface Accepted {
  created: { id: string; externalId: string | null; created: boolean }[];
}

/**
 * Shared path of both change hooks: parse, keep refused bodies aside, write accepted changes in one
 * transaction (idempotent on the feed id, or on the content when the feed sends none).
 */
function ingest(ctx: AppContext, store: ChangeStore, route: string, origin: ChangeOrigin, parse: Parser, rawBody: Buffer): { ok: true; accepted: Accepted } | { ok: false; message: string; issues: { path: string; message: string }[]; rejectId: string } {
  const now = isoNow(ctx.clock);
  const text = rawBody.toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const message = `The body is not valid JSON: ${(error as Error).message}`;
    return { ok: false, message, issues: [{ path: '(root)', message }], rejectId: store.reject(route, message, text, now) };
  }
  const parsed = parse(body, now);
  if (!parsed.ok) return { ok: false, message: parsed.message, issues: parsed.issues, rejectId: store.reject(route, parsed.message, text, now) };
  const items = Array.isArray(body) ? body : [body];
  const write = ctx.db.transaction((changes: FeedChange[]) =>
    changes.map((change, index) => {
      const externalId = change.externalId ?? contentKey(items[index]);
      const result = store.insert({ ...change, origin, externalId }, now, null);
      return { id: result.change.id, externalId, created: result.created };
    }),
  );
  const created = write(parsed.changes);
  if (created.some((c) => c.created)) ctx.events.emit('changes.changed', { id: created[0]?.id });
  return { ok: true, accepted: { created } };
}

export function createChangeHookRoutes(ctx: AppContext): Record<string, HookRoute> {
  const store = createChangeStore(ctx.db, ctx.outbox);
  return {
    '/hooks/change': (rawBody): HookResponse => {
      const result = ingest(ctx, store, '/hooks/change', 'hook', parseGobagChangeHook, rawBody);
      if (!result.ok) return { status: 400, body: { ok: false, error: { code: 'invalid_input', message: result.message, issues: result.issues }, rejectId: result.rejectId } };
      const anyNew = result.accepted.created.some((c) => c.created);
      return { status: anyNew ? 201 : 200, body: { ok: true, changes: result.accepted.created } };
    },
    // Answers like PagerDuty's own endpoint (202 + status/message/dedup_key; 400 + errors[]), so a
    // pipeline's PagerDuty step can point here unchanged.
    '/hooks/pagerduty-change': (rawBody): HookResponse => {
      const result = ingest(ctx, store, '/hooks/pagerduty-change', 'pagerduty', parsePagerDutyChangeEvent, rawBody);
      if (!result.ok) {
        return { status: 400, body: { status: 'invalid event', message: result.message, errors: result.issues.map((i) => `${i.path}: ${i.message}`), rejectId: result.rejectId } };
      }
      const first = result.accepted.created[0]!;
      return { status: 202, body: { status: 'success', message: first.created ? 'Change event processed' : 'Change event already processed', dedup_key: first.externalId, id: first.id } };
    },
  };
}
