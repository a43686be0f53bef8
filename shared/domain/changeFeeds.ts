/**
 * Wire formats that pipelines push changes in, mapped to one shape. Pure: the host hashes bodies
 * for idempotency keys and writes to the store.
 *
 * `POST /hooks/change` — Gobag's own JSON, one object or an array of them:
 *   {
 *     "id": "ci-run-4812",              idempotency key; a retry with the same id is not duplicated
 *                                       (without it, an identical body counts as a retry)
 *     "summary": "Deploy api v2.3.1",   required, one line
 *     "at": "2026-11-22T14:05:00Z",     when it happened (alias "timestamp"); default: when received
 *     "service": "api", "environment": "production" (alias "env"),
 *     "kind": "deploy" | "config" | "infra" | "database" | "feature_flag" | "vendor" | "business_event" | "other",
 *     "author": "sam" (alias "by"), "link": "https://ci.example.com/runs/4812",
 *     "rollback": "kubectl rollout undo deploy/api", "sideEffects": "cold caches for 5 min",
 *     "details": { … anything else, kept as is }
 *   }
 *
 * `POST /hooks/pagerduty-change` — PagerDuty Change Events (`/v2/change/enqueue`): routing_key,
 * payload.{summary, timestamp, source, custom_details}, links[].
 */
import { z } from 'zod';
import { fieldIssues, summarizeIssues, type FieldIssue } from '../api/validation';
import { CHANGE_KINDS, inferChangeKind, normalizeTimestamp, type ChangeKind } from './changeCorrelation';

export interface FeedChange {
  at: string;
  summary: string;
  service: string | null;
  environment: string | null;
  kind: ChangeKind;
  author: string | null;
  link: string | null;
  sideEffects: string | null;
  rollback: string | null;
  /** The feed's id, or null when the host should derive one from the body. */
  externalId: string | null;
  details: Record<string, unknown>;
}

export type FeedParseResult = { ok: true; changes: FeedChange[] } | { ok: false; message: string; issues: { path: string; message: string }[] };

const timestampText = z.string().refine((text) => normalizeTimestamp(text) !== undefined, {
  message: 'expected an ISO-8601 time such as 2026-11-22T14:05:00Z',
});
const shortText = (max: number) => z.string().max(max, `longer than ${max} characters`).nullish();

const GobagChangeSchema = z.looseObject({
  id: z.union([z.string().min(1).max(300), z.number()]).nullish(),
  summary: z.string().trim().min(1, 'summary is required: one line saying what changed').max(1000, 'longer than 1000 characters'),
  at: timestampText.nullish(),
  timestamp: timestampText.nullish(),
  service: shortText(200),
  environment: shortText(100),
  env: shortText(100),
  kind: z.enum(CHANGE_KINDS, { message: `expected one of ${CHANGE_KINDS.join(', ')}` }).nullish(),
  author: shortText(200),
  by: shortText(200),
  link: shortText(2000),
  url: shortText(2000),
  rollback: shortText(4000),
  sideEffects: shortText(4000),
  side_effects: shortText(4000),
  details: z.record(z.string(), z.unknown()).nullish(),
});

const KNOWN_GOBAG_FIELDS = new Set(Object.keys(GobagChangeSchema.shape));

function failure(issues: FieldIssue[]): FeedParseResult {
  return { ok: false, message: `Refused: ${summarizeIssues(issues)}`, issues };
}

function nonEmpty(...values: (string | null | undefined)[]): string | null {
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed) return trimmed;
  }
  return null;
}

/** Parses the body of `POST /hooks/change`. A batch is accepted or refused whole. */
export function parseGobagChangeHook(body: unknown, receivedAt: string): FeedParseResult {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0) return failure([{ path: '(root)', message: 'an empty array holds no change' }]);
  if (items.length > 1000) return failure([{ path: '(root)', message: 'more than 1000 changes in one request; send them in batches' }]);
  const changes: FeedChange[] = [];
  const issues: { path: string; message: string }[] = [];
  items.forEach((item, index) => {
    const prefix = Array.isArray(body) ? String(index) : '';
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      issues.push({ path: prefix || '(root)', message: 'expected a JSON object with at least "summary"' });
      return;
    }
    const parsed = GobagChangeSchema.safeParse(item);
    if (!parsed.success) {
      issues.push(...fieldIssues(parsed.error, prefix));
      return;
    }
    const value = parsed.data;
    const extra: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(item as Record<string, unknown>)) if (!KNOWN_GOBAG_FIELDS.has(key)) extra[key] = v;
    const when = nonEmpty(value.at, value.timestamp);
    changes.push({
      at: when ? normalizeTimestamp(when)! : receivedAt,
      summary: value.summary,
      service: nonEmpty(value.service),
      environment: nonEmpty(value.environment, value.env),
      kind: value.kind ?? inferChangeKind(value.summary, 'deploy'),
      author: nonEmpty(value.author, value.by),
      link: nonEmpty(value.link, value.url),
      sideEffects: nonEmpty(value.sideEffects, value.side_effects),
      rollback: nonEmpty(value.rollback),
      externalId: value.id === null || value.id === undefined ? null : String(value.id),
      details: { ...(value.details ?? {}), ...extra },
    });
  });
  return issues.length ? failure(issues) : { ok: true, changes };
}

const PagerDutyChangeEventSchema = z.looseObject({
  routing_key: z.string().max(100).optional(),
  payload: z.looseObject({
    summary: z.string().trim().min(1, 'summary is required').max(1024, 'longer than 1024 characters (PagerDuty’s limit)'),
    timestamp: timestampText.optional(),
    source: z.string().max(1000).optional(),
    custom_details: z.record(z.string(), z.unknown()).optional(),
  }),
  links: z.array(z.looseObject({ href: z.string(), text: z.string().optional() })).optional(),
  images: z.array(z.unknown()).optional(),
  dedup_key: z.string().max(255).optional(),
});

function detailText(details: Record<string, unknown>, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = details[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return null;
}

/**
 * Parses a PagerDuty Change Event. An alert event (it has `event_action`) sent here by mistake is
 * refused with that field named, rather than filed as a change. Service, environment, author and
 * rollback come from custom_details when the sender put them there (the Ansible and CI
 * integrations use `environment`, `revision`, `repo`); otherwise the service is the event `source`.
 */
export function parsePagerDutyChangeEvent(body: unknown, receivedAt: string): FeedParseResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return failure([{ path: '(root)', message: 'expected a PagerDuty change event object' }]);
  const eventAction = (body as Record<string, unknown>).event_action;
  if (eventAction !== undefined) {
    return failure([
      {
        path: 'event_action',
        message: `this is a PagerDuty alert event ("${String(eventAction)}"), not a change event; send alert events to the alerts webhook`,
      },
    ]);
  }
  const parsed = PagerDutyChangeEventSchema.safeParse(body);
  if (!parsed.success) return failure(fieldIssues(parsed.error));
  const event = parsed.data;
  const details = event.payload.custom_details ?? {};
  const summary = event.payload.summary;
  return {
    ok: true,
    changes: [
      {
        at: event.payload.timestamp ? normalizeTimestamp(event.payload.timestamp)! : receivedAt,
        summary,
        service: detailText(details, 'service', 'app', 'application', 'component') ?? nonEmpty(event.payload.source),
        environment: detailText(details, 'environment', 'env', 'stage'),
        kind: (CHANGE_KINDS as readonly string[]).includes(String(details.kind)) ? (details.kind as ChangeKind) : inferChangeKind(summary, 'deploy'),
        author: detailText(details, 'author', 'user', 'build_developer', 'committer', 'triggered_by', 'actor'),
        link: event.links?.[0]?.href ?? null,
        sideEffects: detailText(details, 'side_effects', 'sideEffects'),
        rollback: detailText(details, 'rollback', 'rollback_command'),
        externalId: event.dedup_key ?? null,
        details: {
          source: event.payload.source ?? null,
          custom_details: details,
          links: event.links ?? [],
          // The integration key is a credential of the sender's PagerDuty service: keep only its tail.
          routing_key_tail: event.routing_key ? event.routing_key.slice(-4) : null,
        },
      },
    ],
  };
}
