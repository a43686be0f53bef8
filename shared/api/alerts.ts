import { z } from 'zod';
import { defineEvents, defineMethods } from './define';
import { ALERT_SOURCE_KINDS } from '../domain/alertPayloads';

export const SeveritySchema = z.enum(['critical', 'warning', 'info']);
export const AlertStateSchema = z.enum(['firing', 'acked', 'silenced', 'resolved']);
export type AlertState = z.infer<typeof AlertStateSchema>;
/** Board filters: one display state, every not-resolved alert (`active`), or everything. */
export const AlertStateFilterSchema = z.enum(['firing', 'acked', 'silenced', 'resolved', 'active', 'all']);
export type AlertStateFilter = z.infer<typeof AlertStateFilterSchema>;
export const AlertSourceKindSchema = z.enum(ALERT_SOURCE_KINDS);
export const AlertSortSchema = z.enum(['severity', 'newest', 'oldest', 'alertname']);
export type AlertSort = z.infer<typeof AlertSortSchema>;

const iso = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'expected an ISO-8601 date-time');

export const AlertSummarySchema = z.object({
  id: z.string(),
  key: z.string(),
  fingerprint: z.string(),
  sourceKind: AlertSourceKindSchema,
  sourceName: z.string(),
  alertname: z.string(),
  summary: z.string(),
  severity: SeveritySchema,
  severityRaw: z.string().nullable(),
  /** What the upstream says. */
  upstreamState: z.enum(['firing', 'resolved']),
  /** What the board shows: resolved > silenced > acked > firing. */
  state: AlertStateSchema,
  labels: z.record(z.string(), z.string()),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  lastSeenAt: z.string(),
  ackedBy: z.string().nullable(),
  ackedAt: z.string().nullable(),
  ackNote: z.string().nullable(),
  silencedBy: z.array(z.string()),
  flapping: z.boolean(),
  transitions: z.number().int(),
});
export type AlertSummary = z.infer<typeof AlertSummarySchema>;

export const AlertEventSchema = z.object({
  alertId: z.string(),
  at: z.string(),
  fromState: AlertStateSchema.nullable(),
  toState: AlertStateSchema,
  note: z.string().nullable(),
});
export type AlertEvent = z.infer<typeof AlertEventSchema>;

export const AlertDetailSchema = AlertSummarySchema.extend({
  annotations: z.record(z.string(), z.string()),
  generatorUrl: z.string().nullable(),
  firstSeenAt: z.string(),
  history: z.array(AlertEventSchema),
  /** The delivery that last touched it; null once pruned by the retention setting. */
  rawPayload: z.object({ id: z.string(), receivedAt: z.string(), via: z.string(), bytes: z.number().int(), available: z.boolean() }).nullable(),
});
export type AlertDetail = z.infer<typeof AlertDetailSchema>;

export const MatcherSchema = z.object({
  name: z.string().min(1, 'matcher name is required').regex(/^[a-zA-Z_][a-zA-Z0-9_.\-]*$/, 'not a valid label name'),
  value: z.string(),
  isRegex: z.boolean().default(false),
  isEqual: z.boolean().default(true),
});

export const SilenceSchema = z.object({
  id: z.string(),
  matchers: z.array(MatcherSchema),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
  createdAt: z.string(),
  origin: z.enum(['local', 'alertmanager']),
  sourceName: z.string().nullable(),
  upstreamId: z.string().nullable(),
  status: z.enum(['pending', 'active', 'expired']),
  /** Delivery to configured Alertmanagers: none configured, queued (offline), sent, or failing. */
  push: z.array(z.object({ sourceName: z.string(), state: z.enum(['pending', 'sent', 'failed']), lastError: z.string().nullable(), attempts: z.number().int() })),
  matchingAlerts: z.number().int(),
});
export type Silence = z.infer<typeof SilenceSchema>;

export const AlertFilterSchema = z.object({
  /** Free words and label matchers: `disk service=api severity=critical instance=~"web.*"`. */
  query: z.string().max(2000).default(''),
  state: AlertStateFilterSchema.default('active'),
  sort: AlertSortSchema.default('severity'),
});

export const BoardGroupSchema = z.object({
  key: z.string(),
  labels: z.record(z.string(), z.string()),
  /** Offset of the group's first alert in the ordered result. */
  start: z.number().int(),
  count: z.number().int(),
  critical: z.number().int(),
  warning: z.number().int(),
  info: z.number().int(),
  firing: z.number().int(),
});
export type BoardGroup = z.infer<typeof BoardGroupSchema>;

export const AlertSourceHealthSchema = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  url: z.string().nullable(),
  pull: z.boolean(),
  lastRefreshAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  /** First failed attempt since the last success: "unreachable since 03:12". */
  failingSince: z.string().nullable(),
  itemCount: z.number().int(),
  /** How a pull source is polled (null for push feeds). Secrets are never sent back, only their kind. */
  intervalSeconds: z.number().int().nullable(),
  pushSilences: z.boolean().nullable(),
  auth: z.enum(['none', 'bearer', 'basic']).nullable(),
  username: z.string().nullable(),
  /** Push feeds: notification groups whose latest delivery (within a day) left alerts out (max_alerts). */
  truncatedGroups: z.array(z.object({ groupKey: z.string(), truncatedAlerts: z.number().int(), at: z.string() })),
});
export type AlertSourceHealth = z.infer<typeof AlertSourceHealthSchema>;

export const QuarantineItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  via: z.string(),
  receivedAt: z.string(),
  error: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
  bytes: z.number().int(),
  preview: z.string(),
});

export const AlertSettingsSchema = z.object({
  flapThreshold: z.number().int().min(1).max(1000),
  flapWindowMinutes: z.number().int().min(1).max(7 * 24 * 60),
  rawRetentionDays: z.number().min(0.01).max(3650),
  rawRetentionMaxPayloads: z.number().int().min(100).max(10_000_000),
  groupBy: z.array(z.string().min(1)).max(10),
});
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;

const IngestResultSchema = z.object({
  kind: AlertSourceKindSchema,
  rawId: z.string(),
  accepted: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  transitions: z.number().int(),
  /** PagerDuty acknowledge/resolve for a dedup_key we never saw: kept in the raw payload, no alert created. */
  unknownKeys: z.array(z.string()),
  /** Upstream silences read from a saved Alertmanager silence list (0 for an alert payload). */
  silences: z.number().int(),
  /** Alerts of the notification group the sender left out (Alertmanager/Grafana `truncatedAlerts`, max_alerts). */
  truncatedAlerts: z.number().int(),
  /** The sender's notification group (`groupKey`), when the payload names it. */
  groupKey: z.string().nullable(),
});

export const alertsMethods = defineMethods({
  'alerts.ingest': {
    summary: 'Ingest one delivery (the same code path as the webhooks); refused payloads are quarantined.',
    input: z.object({ kind: AlertSourceKindSchema, body: z.string(), via: z.enum(['cli', 'api']).default('api') }).strict(),
    output: IngestResultSchema,
  },
  'alerts.list': {
    summary: 'Alerts matching a filter, ordered, as a flat list (for scripts and the CLI).',
    input: AlertFilterSchema.extend({ limit: z.number().int().min(1).max(100_000).default(1000) }).strict(),
    output: z.object({ total: z.number().int(), alerts: z.array(AlertSummarySchema) }),
  },
  'alerts.board': {
    summary: 'The board layout for a filter: total, groups with counts, state counts, source health, quarantine size.',
    input: AlertFilterSchema.extend({
      groupBy: z.array(z.string().min(1)).max(10).optional(),
      /** Also return the first `firstPage` alerts, saving the board's first page request. */
      firstPage: z.number().int().min(0).max(2000).default(0),
    }).strict(),
    output: z.object({
      generation: z.number().int(),
      firstPage: z.array(AlertSummarySchema),
      total: z.number().int(),
      groupBy: z.array(z.string()),
      groups: z.array(BoardGroupSchema),
      stateCounts: z.object({ firing: z.number().int(), acked: z.number().int(), silenced: z.number().int(), resolved: z.number().int() }),
      sources: z.array(AlertSourceHealthSchema),
      quarantined: z.number().int(),
      matcherErrors: z.array(z.string()),
    }),
  },
  'alerts.page': {
    summary: 'A window of the ordered board result (virtualised scrolling).',
    input: AlertFilterSchema.extend({
      groupBy: z.array(z.string().min(1)).max(10).optional(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(2000),
    }).strict(),
    output: z.object({ generation: z.number().int(), offset: z.number().int(), alerts: z.array(AlertSummarySchema) }),
  },
  'alerts.get': {
    summary: 'One alert with labels, annotations, state history and its raw payload reference.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: AlertDetailSchema,
  },
  'alerts.ack': {
    summary: 'Acknowledge alerts locally (who, when, note).',
    input: z.object({ ids: z.array(z.string().min(1)).min(1).max(10_000), note: z.string().max(2000).optional(), by: z.string().max(200).optional() }).strict(),
    output: z.object({ acked: z.number().int() }),
  },
  'alerts.unack': {
    summary: 'Remove a local acknowledgement.',
    input: z.object({ ids: z.array(z.string().min(1)).min(1).max(10_000) }).strict(),
    output: z.object({ unacked: z.number().int() }),
  },
  'alerts.volume': {
    summary: 'Alerts that started firing per time bucket, by severity.',
    input: z.object({ from: iso, to: iso, bucketMinutes: z.number().int().min(1).max(7 * 24 * 60) }).strict(),
    output: z.array(z.object({ t: z.string(), critical: z.number().int(), warning: z.number().int(), info: z.number().int() })),
  },
  'alerts.raw': {
    summary: 'The raw body of an accepted or quarantined delivery.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ id: z.string(), kind: z.string(), via: z.string(), receivedAt: z.string(), body: z.string(), quarantined: z.boolean(), error: z.string().nullable() }),
  },
  'alerts.quarantine': {
    summary: 'Refused deliveries kept for inspection, newest first.',
    input: z.object({ limit: z.number().int().min(1).max(1000).default(50) }).strict(),
    output: z.object({ total: z.number().int(), items: z.array(QuarantineItemSchema) }),
  },
  'alerts.silences.list': {
    summary: 'Local and Alertmanager silences (expired ones too when asked).',
    input: z.object({ includeExpired: z.boolean().default(false) }).strict(),
    output: z.array(SilenceSchema),
  },
  'alerts.silences.create': {
    summary: 'Silence alerts by label matchers for a while; also sent to configured Alertmanagers (queued while offline).',
    input: z
      .object({
        matchers: z.array(MatcherSchema).min(1, 'at least one matcher is required'),
        startsAt: iso.optional(),
        endsAt: iso.optional(),
        durationMinutes: z.number().min(1).max(365 * 24 * 60).optional(),
        comment: z.string().min(1, 'comment is required').max(2000),
        createdBy: z.string().max(200).optional(),
      })
      .strict(),
    output: SilenceSchema,
  },
  'alerts.silences.expire': {
    summary: 'End a local silence now (also expired in Alertmanager).',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: SilenceSchema,
  },
  'alerts.sources': {
    summary: 'Alert feeds with freshness and "unreachable since".',
    input: z.object({}).strict(),
    output: z.array(AlertSourceHealthSchema),
  },
  'alerts.connect': {
    summary: 'Add or change an Alertmanager to poll (GET /api/v2/alerts and /api/v2/silences).',
    input: z
      .object({
        name: z.string().min(1).max(100).regex(/^[\w.\-]+$/, 'use letters, digits, dot, dash or underscore'),
        url: z.string().url().refine((u) => /^https?:\/\//.test(u), 'url must be http:// or https://'),
        intervalSeconds: z.number().int().min(2).max(3600).default(15),
        bearerToken: z.string().min(1).optional(),
        basicAuth: z.object({ username: z.string().min(1), password: z.string() }).optional(),
        pushSilences: z.boolean().default(true),
        /** Changing an existing Alertmanager without a new token or password: keep the stored credentials. */
        keepCredentials: z.boolean().default(false),
      })
      .strict(),
    output: AlertSourceHealthSchema,
  },
  'alerts.disconnect': {
    summary: 'Stop polling an Alertmanager; its alerts stay in the replica.',
    input: z.object({ name: z.string().min(1) }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
  'alerts.refresh': {
    summary: 'Poll every configured Alertmanager now and send queued silences.',
    input: z.object({}).strict(),
    output: z.array(AlertSourceHealthSchema),
  },
  'alerts.settings.get': {
    summary: 'Flapping threshold and window, raw payload retention, default grouping.',
    input: z.object({}).strict(),
    output: AlertSettingsSchema,
  },
  'alerts.settings.update': {
    summary: 'Change alert settings.',
    input: AlertSettingsSchema.partial().strict(),
    output: AlertSettingsSchema,
  },
});

export const alertsEvents = defineEvents({
  /** Alerts, silences or alert sources changed; `notify` lists what deserves a desktop notification. */
  'alerts.changed': z.object({
    reason: z.string(),
    /** The alerts that changed, when only a few did; absent means anything may have changed. */
    ids: z.array(z.string()).max(5000).optional(),
    notify: z.array(z.object({ id: z.string(), title: z.string(), body: z.string(), kind: z.enum(['critical', 'flapping']) })).default([]),
  }),
});
