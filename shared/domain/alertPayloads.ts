/**
 * Parsers for the alert feeds Gobag accepts, all producing one normalised shape. Pure: the same
 * code runs behind the webhooks, `gobag ingest` and the Alertmanager poller. A refused payload
 * yields issues that name the bad field (e.g. `alerts.0.labels.severity: expected string`).
 */
import { z } from 'zod';
import { summarizeIssues } from '../api/validation';
import type { LabelMatcher } from './alertMatchers';

export const ALERT_SOURCE_KINDS = ['alertmanager', 'grafana', 'pagerduty', 'generic'] as const;
export type AlertSourceKind = (typeof ALERT_SOURCE_KINDS)[number];
export type Severity = 'critical' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

export interface NormalizedAlert {
  /** `<kind>:<fingerprint>`: the identity a repeated delivery or a later pull converges on. */
  key: string;
  fingerprint: string;
  sourceKind: AlertSourceKind;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  alertname: string;
  summary: string;
  severity: Severity;
  severityRaw: string | null;
  startsAt: string | null;
  endsAt: string | null;
  generatorUrl: string | null;
  /** Alertmanager silences muting it upstream (ids), and alerts inhibiting it. */
  upstreamSilencedBy: string[];
  upstreamInhibitedBy: string[];
  /** PagerDuty `acknowledge`: someone acknowledged it upstream. */
  upstreamAck: boolean;
  /** PagerDuty acknowledge/resolve carry only the dedup key: keep whatever labels we already have. */
  partial: boolean;
}

/** A silence as an Alertmanager serves it (`GET /api/v2/silences`, or the v1 envelope). */
export interface UpstreamSilence {
  id: string;
  matchers: LabelMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  state: string;
}

export interface ParsedDelivery {
  kind: AlertSourceKind;
  alerts: NormalizedAlert[];
  /** Set when the delivery was an Alertmanager silence list (a saved `/api/v2/silences` answer) rather than alerts. */
  silences?: UpstreamSilence[];
  /** Who sent it, when the payload says (Alertmanager externalURL, Grafana externalURL, PagerDuty client). */
  origin: string | null;
  /**
   * Alerts of this notification group the sender left out (Alertmanager / Grafana webhook
   * `truncatedAlerts`, set when the group has more alerts than the receiver's `max_alerts`):
   * the board cannot show them. 0 when none were left out or the payload does not say.
   */
  truncatedAlerts: number;
  /** The sender's notification group (`groupKey`), when the payload names it. */
  groupKey: string | null;
}

export interface PayloadIssue {
  path: string;
  message: string;
}

export type ParseOutcome = { ok: true; delivery: ParsedDelivery } | { ok: false; message: string; issues: PayloadIssue[] };

/**
 * What an on-call engineer must read when a webhook left alerts of a group out (`truncatedAlerts`,
 * the receiver's max_alerts): the board is missing them.
 */
export function truncationNotice(kind: string, truncatedAlerts: number, groupKey: string | null): string {
  const sender = kind === 'grafana' ? 'Grafana' : 'Alertmanager';
  const group = groupKey ? ` ${groupKey}` : '';
  return `${sender} left out ${truncatedAlerts} alert${truncatedAlerts === 1 ? '' : 's'} of this group${group} (max_alerts); the board shows only the ones delivered.`;
}

// ---------------------------------------------------------------------------------------------
// Fingerprints

const SEPARATOR_BYTE = 0xff;

/**
 * Prometheus' label-set fingerprint (FNV-1a 64 over sorted name, 0xff, value, 0xff), the same value
 * Alertmanager reports as `fingerprint`, so a webhook without one converges with the polled alert.
 * No BigInt: arithmetic on it per byte made this the largest cost of parsing a webhook without
 * fingerprints (~8 µs per alert).
 */
export function labelsFingerprint(labels: Record<string, string>): string {
  // Four 16-bit limbs (v0 lowest) keep every intermediate a small integer.
  let v0 = 0x2325;
  let v1 = 0x8422;
  let v2 = 0x9ce4;
  let v3 = 0xcbf2;
  const addByte = (byte: number): void => {
    v0 ^= byte;
    // × 0x100000001b3 mod 2^64 = × 0x1b3, plus the value shifted left by 40 bits (limbs 0-1 into 2-3, 8 more bits).
    const t0 = v0 * 0x1b3;
    const t1 = v1 * 0x1b3 + (t0 >>> 16);
    const t2 = v2 * 0x1b3 + (v0 << 8) + (t1 >>> 16);
    const t3 = v3 * 0x1b3 + (v1 << 8) + (t2 >>> 16);
    v0 = t0 & 0xffff;
    v1 = t1 & 0xffff;
    v2 = t2 & 0xffff;
    v3 = t3 & 0xffff;
  };
  // UTF-8 bytes of the text; a lone surrogate as its 3-byte form.
  const addText = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (code < 0x80) {
        addByte(code);
        continue;
      }
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          i++;
        }
      }
      if (code < 0x800) {
        addByte(0xc0 | (code >> 6));
      } else if (code < 0x10000) {
        addByte(0xe0 | (code >> 12));
        addByte(0x80 | ((code >> 6) & 0x3f));
      } else {
        addByte(0xf0 | (code >> 18));
        addByte(0x80 | ((code >> 12) & 0x3f));
        addByte(0x80 | ((code >> 6) & 0x3f));
      }
      addByte(0x80 | (code & 0x3f));
    }
  };
  for (const name of Object.keys(labels).sort()) {
    addText(name);
    addByte(SEPARATOR_BYTE);
    addText(labels[name]!);
    addByte(SEPARATOR_BYTE);
  }
  return [v3, v2, v1, v0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}

// ---------------------------------------------------------------------------------------------
// Severity and time

const CRITICAL_WORDS = new Set(['critical', 'crit', 'error', 'err', 'high', 'page', 'emergency', 'emerg', 'alert', 'fatal', 'disaster', 'p1', 'p0', 'sev1', 'sev0', 'major']);
const WARNING_WORDS = new Set(['warning', 'warn', 'medium', 'minor', 'average', 'p2', 'p3', 'sev2', 'sev3']);
// "notclassified": Zabbix's lowest severity ("Not classified").
const INFO_WORDS = new Set(['info', 'informational', 'information', 'notice', 'low', 'none', 'ok', 'debug', 'p4', 'p5', 'sev4', 'sev5', 'notclassified']);

/** Critical / warning / info from whatever a feed calls it; unknown or missing counts as warning (never hidden as info). */
export function normalizeSeverity(raw: string | null | undefined): Severity {
  // "SEV-1", "sev_2", "Not classified" are the same words as sev1, sev2, notclassified.
  const word = (raw ?? '').trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (CRITICAL_WORDS.has(word)) return 'critical';
  if (INFO_WORDS.has(word)) return 'info';
  if (WARNING_WORDS.has(word)) return 'warning';
  return 'warning';
}

/** Go's `time.Time.String()`: `2026-05-27 15:36:00.112013015 +0000 UTC m=+8560.285724134` (Grafana has sent it). */
const GO_TIME_STRING = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ([+-]\d{2})(\d{2})(?: [A-Za-z]{1,6})?(?: m=[+-][\d.]+)?$/;
/** A date-time without any zone (Python's `datetime.utcnow().isoformat()`, a very common sender). */
const ZONELESS_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/**
 * ISO-8601 UTC, or null for Go's zero time and anything unparseable. A time without a zone is read
 * as UTC: it was written by the sender's machine, whose zone is not ours (Date.parse would use ours).
 */
export function normalizeTime(value: string | null | undefined): string | null {
  if (!value) return null;
  let text = value.trim();
  if (text.startsWith('0001-01-01')) return null;
  // Most senders end in "Z" (RFC 3339 UTC): those skip the two patterns, which sit on the ingest hot path.
  if (!text.endsWith('Z')) {
    const go = GO_TIME_STRING.exec(text);
    if (go) text = `${go[1]}T${go[2]}${go[3]}:${go[4]}`;
    else if (ZONELESS_DATE_TIME.test(text)) text = `${text.replace(' ', 'T')}Z`;
  }
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

// ---------------------------------------------------------------------------------------------
// Schemas

const labelSet = z.record(z.string(), z.string());
const optionalLabelSet = labelSet.nullish().transform((v) => v ?? {});
const timeString = z.string().nullish();

const amStatusObject = z.object({
  state: z.string().optional(),
  silencedBy: z.array(z.string()).nullish(),
  inhibitedBy: z.array(z.string()).nullish(),
  mutedBy: z.array(z.string()).nullish(),
});

/** One alert as Alertmanager sends it in a webhook (`status: "firing"`) or serves it (`status: {state}`). */
const alertmanagerAlert = z.object({
  labels: labelSet,
  annotations: optionalLabelSet,
  status: z.union([z.enum(['firing', 'resolved']), amStatusObject]).optional(),
  startsAt: timeString,
  endsAt: timeString,
  generatorURL: z.string().nullish(),
  fingerprint: z.string().min(1).nullish(),
  // Alertmanager before 0.15 (API v1): the silence id (a number up to 0.5, then a UUID) or 0/false, and a flag.
  silenced: z.union([z.string(), z.number(), z.boolean()]).nullish(),
  inhibited: z.boolean().nullish(),
});
type AlertmanagerAlert = z.infer<typeof alertmanagerAlert>;

/** `truncatedAlerts`: a count; anything else (a templated string, a negative number) counts as none left out. */
const truncatedCount = z.unknown().optional().transform((v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0));

const alertmanagerWebhook = z.object({
  version: z.string().optional(),
  groupKey: z.string().nullish(),
  truncatedAlerts: truncatedCount,
  status: z.enum(['firing', 'resolved']).optional(),
  receiver: z.string().nullish(),
  externalURL: z.string().nullish(),
  commonLabels: optionalLabelSet,
  commonAnnotations: optionalLabelSet,
  alerts: z.array(alertmanagerAlert),
});

const alertmanagerGroups = z.array(z.object({ alerts: z.array(alertmanagerAlert), labels: optionalLabelSet }));
// Go encodes an empty v1 answer as `"data": null`.
const alertmanagerV1Groups = z.object({
  status: z.string(),
  data: z.array(z.object({ labels: optionalLabelSet, blocks: z.array(z.object({ alerts: z.array(alertmanagerAlert).nullish() })).nullish() })).nullish(),
});
/** `GET /api/v1/alerts` (Alertmanager 0.x up to 0.27): the flat alert list inside the v1 envelope. */
const alertmanagerV1Alerts = z.object({ status: z.string(), data: z.array(alertmanagerAlert) });

const grafanaAlert = z.object({
  status: z.enum(['firing', 'resolved']).optional(),
  labels: optionalLabelSet,
  annotations: optionalLabelSet,
  startsAt: timeString,
  endsAt: timeString,
  generatorURL: z.string().nullish(),
  fingerprint: z.string().nullish(),
  values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).nullish(),
  valueString: z.string().nullish(),
  silenceURL: z.string().nullish(),
  dashboardURL: z.string().nullish(),
  panelURL: z.string().nullish(),
  imageURL: z.string().nullish(),
});

const grafanaUnified = z.object({
  alerts: z.array(grafanaAlert),
  groupKey: z.string().nullish(),
  truncatedAlerts: truncatedCount,
  status: z.string().optional(),
  state: z.string().optional(),
  externalURL: z.string().nullish(),
  commonLabels: optionalLabelSet,
  commonAnnotations: optionalLabelSet,
  groupLabels: optionalLabelSet,
  title: z.string().nullish(),
  message: z.string().nullish(),
});

/** Grafana's legacy (pre-unified) alerting webhook: one rule, `state: alerting|ok|no_data|paused|pending`. */
const grafanaLegacy = z.object({
  ruleName: z.string().min(1),
  ruleId: z.union([z.number(), z.string()]).nullish(),
  ruleUrl: z.string().nullish(),
  state: z.string().min(1),
  title: z.string().nullish(),
  message: z.string().nullish(),
  tags: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullish(),
  evalMatches: z.array(z.object({ metric: z.string().nullish(), value: z.union([z.number(), z.string(), z.null()]).optional() })).nullish(),
  imageUrl: z.string().nullish(),
});

const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
const pagerdutyEvent = z.discriminatedUnion('event_action', [
  z.object({
    event_action: z.literal('trigger'),
    routing_key: z.string().min(1, 'routing_key is required'),
    // Senders that always fill the field send "" for "none" (Python dicts, templated configs): we assign one.
    dedup_key: z.string().max(255).nullish(),
    payload: z.object({
      summary: z.string().min(1).max(1024),
      source: z.string().min(1),
      severity: z.enum(PAGERDUTY_SEVERITIES),
      timestamp: z.string().nullish(),
      component: z.string().nullish(),
      group: z.string().nullish(),
      class: z.string().nullish(),
      custom_details: z.unknown().optional(),
    }),
    client: z.string().nullish(),
    client_url: z.string().nullish(),
    links: z.array(z.object({ href: z.string(), text: z.string().nullish() })).nullish(),
    images: z.array(z.object({ src: z.string(), href: z.string().nullish(), alt: z.string().nullish() })).nullish(),
  }),
  z.object({ event_action: z.literal('acknowledge'), routing_key: z.string().min(1, 'routing_key is required'), dedup_key: z.string().min(1).max(255) }),
  z.object({ event_action: z.literal('resolve'), routing_key: z.string().min(1, 'routing_key is required'), dedup_key: z.string().min(1).max(255) }),
]);

/**
 * PagerDuty Events API v1 (`/generic/2010-04-15/create_event.json`), still sent by Alertmanager
 * (`service_key` configs), Zabbix, Nagios, Sumo Logic and others; `incident_key` is v2's `dedup_key`.
 */
const pagerdutyV1Context = z.object({ type: z.string().nullish(), href: z.string().nullish(), text: z.string().nullish(), src: z.string().nullish(), alt: z.string().nullish() });
const pagerdutyV1Event = z.discriminatedUnion('event_type', [
  z.object({
    event_type: z.literal('trigger'),
    service_key: z.string().min(1, 'service_key is required'),
    incident_key: z.string().min(1).max(255).nullish(),
    description: z.string().min(1, 'description is required').max(1024),
    details: z.unknown().optional(),
    client: z.string().nullish(),
    client_url: z.string().nullish(),
    contexts: z.array(pagerdutyV1Context).nullish(),
  }),
  z.object({ event_type: z.literal('acknowledge'), service_key: z.string().min(1, 'service_key is required'), incident_key: z.string().min(1).max(255) }),
  z.object({ event_type: z.literal('resolve'), service_key: z.string().min(1, 'service_key is required'), incident_key: z.string().min(1).max(255) }),
]);

/**
 * Gobag's documented minimal generic schema. One object, an array of them, or `{ "alerts": [...] }`:
 * ```json
 * { "summary": "Disk full on db1",            // required
 *   "severity": "critical",                    // critical|warning|info or a common synonym (default warning)
 *   "source": "cron-checker",                  // who sends it (default "generic")
 *   "labels": { "service": "db", "host": "db1" },
 *   "annotations": { "runbook_url": "https://…" },
 *   "dedup_key": "db1/disk",                   // identity; default: hash of source + labels
 *   "status": "firing",                        // firing|resolved (also trigger/resolve)
 *   "starts_at": "2026-11-22T03:12:00Z",       // default: when received
 *   "url": "https://…" }                       // link back to the sender
 * ```
 */
const genericAlert = z.object({
  summary: z.string().min(1, 'summary is required'),
  severity: z.string().nullish(),
  source: z.string().min(1).nullish(),
  labels: optionalLabelSet,
  annotations: optionalLabelSet,
  dedup_key: z.string().min(1).max(512).nullish(),
  status: z.enum(['firing', 'resolved', 'trigger', 'resolve', 'ok', 'problem']).nullish(),
  starts_at: z.string().nullish(),
  ends_at: z.string().nullish(),
  url: z.string().nullish(),
});


// ---------------------------------------------------------------------------------------------
// Parsing

function issuesOf(error: z.ZodError): PayloadIssue[] {
  return error.issues.flatMap((issue) => {
    // For unions, the most useful message is the deepest branch error, not "invalid input".
    if (issue.code === 'invalid_union' && 'errors' in issue && Array.isArray(issue.errors) && issue.errors.length > 0) {
      const branches = issue.errors as z.core.$ZodIssue[][];
      const best = branches.reduce((a, b) => (deepest(b) > deepest(a) ? b : a));
      return best.map((inner) => ({ path: [...issue.path, ...inner.path].map(String).join('.') || '(root)', message: inner.message }));
    }
    return [{ path: issue.path.map(String).join('.') || '(root)', message: issue.message }];
  });
}

function deepest(issues: z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

function refuse(kind: AlertSourceKind, issues: PayloadIssue[]): ParseOutcome {
  return { ok: false, message: `Refused ${kind} payload: ${summarizeIssues(issues)}`, issues };
}

function firstLine(text: string | undefined | null): string {
  return (text ?? '').split('\n')[0]!.trim();
}

/**
 * Identity of an Alertmanager alert. The fingerprint alone identifies it; the alert name in front is
 * a function of the fingerprint (it hashes the labels) that keeps the alerts of one notification
 * group side by side in the key index, so a delivery of 100 new alerts dirties a few index pages,
 * not 100 scattered ones. Migration 0007 rewrote older keys the same way.
 */
export function alertmanagerKey(labels: Record<string, string>, fingerprint: string): string {
  return `alertmanager:${labels.alertname ?? ''}:${fingerprint}`;
}

/**
 * The first of `names` the annotations carry, by exact name or else in any letter case: templates
 * in the field write `SUMMARY` / `Description` (google/alertmanager-irc-relay testdata.go), and the
 * board would show those alerts with no text at all.
 */
function annotationText(annotations: Record<string, string>, names: readonly string[]): string | undefined {
  let byLowerName: Map<string, string> | undefined;
  for (const name of names) {
    const exact = annotations[name];
    if (exact !== undefined) return exact;
    byLowerName ??= new Map(Object.entries(annotations).map(([k, v]) => [k.toLowerCase(), v]));
    const anyCase = byLowerName.get(name);
    if (anyCase !== undefined) return anyCase;
  }
  return undefined;
}

const ALERTMANAGER_SUMMARY_ANNOTATIONS = ['summary', 'message', 'description', 'alert'] as const;

function fromAlertmanagerAlert(
  alert: AlertmanagerAlert,
  fallbackStatus: 'firing' | 'resolved',
  commonAnnotations: Record<string, string>,
  nowIso: string,
  commonLabels: Record<string, string> = {},
): NormalizedAlert {
  const labels = alert.labels;
  const annotations = { ...commonAnnotations, ...alert.annotations };
  const fingerprint = alert.fingerprint ?? labelsFingerprint(labels);
  let status: 'firing' | 'resolved' = fallbackStatus;
  let silencedBy: string[] = [];
  let inhibitedBy: string[] = [];
  const endsAt = normalizeTime(alert.endsAt);
  if (typeof alert.status === 'string') status = alert.status;
  else if (alert.status) {
    // The API serves active/suppressed/unprocessed alerts; it drops them once resolved.
    status = 'firing';
    silencedBy = alert.status.silencedBy ?? [];
    inhibitedBy = [...(alert.status.inhibitedBy ?? []), ...(alert.status.mutedBy ?? [])];
  } else if (endsAt && endsAt <= nowIso) status = 'resolved';
  if (alert.silenced !== undefined && alert.silenced !== null && alert.silenced !== false && alert.silenced !== 0 && alert.silenced !== '') {
    silencedBy = [String(alert.silenced)];
  }
  // Those versions do not say which alert inhibits it.
  if (alert.inhibited) inhibitedBy = ['unknown'];
  // Alertmanager's commonLabels are in every alert's labels; hand-written payloads (test senders,
  // bridges) put the severity only there, and a critical alert would show as warning.
  const severityRaw = labels.severity ?? commonLabels.severity ?? null;
  return {
    key: alertmanagerKey(labels, fingerprint),
    fingerprint,
    sourceKind: 'alertmanager',
    status,
    labels,
    annotations,
    alertname: labels.alertname ?? '(no alertname)',
    summary: firstLine(annotationText(annotations, ALERTMANAGER_SUMMARY_ANNOTATIONS) ?? ''),
    severity: normalizeSeverity(severityRaw),
    severityRaw,
    startsAt: normalizeTime(alert.startsAt),
    // A resolved alert with Go's zero endsAt (some senders) ended when we heard of it.
    endsAt: status === 'resolved' ? endsAt ?? nowIso : null,
    generatorUrl: alert.generatorURL || null,
    upstreamSilencedBy: silencedBy,
    upstreamInhibitedBy: inhibitedBy,
    upstreamAck: false,
    partial: false,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeSilence(value: unknown): boolean {
  return isObject(value) && 'matchers' in value && !('labels' in value);
}

/**
 * The silences of a silence list answer (v2 array or v1 envelope), or null when it is not one. The
 * poller, which knows it asked `/api/v2/silences`, passes `known` and gets the readable ones of any list.
 */
export function parseAlertmanagerSilences(body: unknown, known = false): UpstreamSilence[] | null {
  const list: unknown[] | null = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.data) && !('alerts' in body) ? body.data : null;
  if (!list || (!known && (list.length === 0 || !list.every(looksLikeSilence)))) return null;
  return list.flatMap((item) => {
    if (!isObject(item)) return [];
    const startsAt = typeof item.startsAt === 'string' ? normalizeTime(item.startsAt) : null;
    const endsAt = typeof item.endsAt === 'string' ? normalizeTime(item.endsAt) : null;
    // One silence we cannot read (no id, no matchers, a time we cannot parse) is skipped, not the whole list.
    if (typeof item.id !== 'string' || !Array.isArray(item.matchers) || !startsAt || !endsAt) return [];
    const matchers = (item.matchers as unknown[]).flatMap((m): LabelMatcher[] =>
      isObject(m) && typeof m.name === 'string' && typeof m.value === 'string' ? [{ name: m.name, value: m.value, isRegex: m.isRegex === true, isEqual: m.isEqual !== false }] : [],
    );
    const status = isObject(item.status) ? item.status : {};
    return [
      {
        id: item.id,
        matchers,
        startsAt,
        endsAt,
        createdBy: typeof item.createdBy === 'string' ? item.createdBy : '',
        comment: typeof item.comment === 'string' ? item.comment : '',
        state: typeof status.state === 'string' ? status.state : 'active',
      },
    ];
  });
}

/** `/api/v2/status` answers are not alerts: said plainly rather than "alerts: expected array". */
function notAlertmanagerAlerts(body: unknown): PayloadIssue | null {
  if (isObject(body) && !('alerts' in body) && 'versionInfo' in body && 'cluster' in body) {
    return { path: '(root)', message: 'this is the Alertmanager status (GET /api/v2/status), not alerts' };
  }
  // One silence (a POST /api/v2/silences body, GET /api/v2/silence/{id}): taking it as the source's
  // whole silence list would drop every other silence kept for it.
  if (looksLikeSilence(body)) {
    return { path: 'matchers', message: 'this is one silence, not alerts or a silence list: save the whole GET /api/v2/silences answer, or silence here with gobag alerts silence' };
  }
  return null;
}

/**
 * Alertmanager: webhook (`version: "4"` or the older versions without `version`/fingerprints),
 * the `GET /api/v2/alerts` list, `/api/v2/alerts/groups`, the legacy v1 `/api/v1/alerts` and
 * `/api/v1/alerts/groups` responses (0.4 onwards), and a saved silence list (v1 or v2).
 */
export function parseAlertmanager(body: unknown, nowIso: string): ParseOutcome {
  const notAlerts = notAlertmanagerAlerts(body);
  if (notAlerts) return refuse('alertmanager', [notAlerts]);
  // A saved silence list (a snapshot of `/api/v2/silences` or `/api/v1/silences`): the silences are kept.
  const silences = parseAlertmanagerSilences(body);
  if (silences?.length === 0) {
    // Accepting it would report "0 alerts" and replace the silences kept for this source with none.
    return refuse('alertmanager', [{ path: '0', message: 'a silence list, but no silence in it has a string id, matchers and a readable startsAt and endsAt' }]);
  }
  if (silences) return { ok: true, delivery: { kind: 'alertmanager', alerts: [], origin: null, silences, truncatedAlerts: 0, groupKey: null } };
  // One alert copied out of an /api/v2/alerts answer (exastro-suite's Grafana event fixtures): a list of one.
  if (isObject(body) && !('alerts' in body) && !('data' in body) && isObject(body.labels)) body = [body];
  if (Array.isArray(body)) {
    const looksGrouped = body.length > 0 && typeof body[0] === 'object' && body[0] !== null && 'alerts' in body[0] && !('labels' in body[0] && 'fingerprint' in body[0]);
    if (looksGrouped) {
      const parsed = alertmanagerGroups.safeParse(body);
      if (!parsed.success) return refuse('alertmanager', issuesOf(parsed.error));
      return deliveryOf('alertmanager', dedupe(parsed.data.flatMap((g) => g.alerts.map((a) => fromAlertmanagerAlert(a, 'firing', {}, nowIso)))), null);
    }
    const parsed = z.array(alertmanagerAlert).safeParse(body);
    if (!parsed.success) return refuse('alertmanager', issuesOf(parsed.error));
    return deliveryOf('alertmanager', dedupe(parsed.data.map((a) => fromAlertmanagerAlert(a, 'firing', {}, nowIso))), null);
  }
  if (body && typeof body === 'object' && 'data' in body && !('alerts' in body)) {
    const data = (body as { data: unknown }).data;
    // The v1 error answer (`{"status":"error","error":…}`, data null) is no empty alert list: a poll
    // taking it as one would resolve every replicated alert.
    const envelopeStatus = (body as { status?: unknown }).status;
    if (typeof envelopeStatus === 'string' && envelopeStatus !== 'success') {
      const said = (body as { error?: unknown }).error;
      return refuse('alertmanager', [{ path: 'status', message: `the Alertmanager answered "${envelopeStatus}"${typeof said === 'string' && said ? `: ${said}` : ''}, not alerts` }]);
    }
    if (Array.isArray(data) && data.some((item) => isObject(item) && 'labels' in item && !('blocks' in item))) {
      const flat = alertmanagerV1Alerts.safeParse(body);
      if (!flat.success) return refuse('alertmanager', issuesOf(flat.error));
      return deliveryOf('alertmanager', dedupe(flat.data.data.map((a) => fromAlertmanagerAlert(a, 'firing', {}, nowIso))), null);
    }
    const parsed = alertmanagerV1Groups.safeParse(body);
    if (!parsed.success) return refuse('alertmanager', issuesOf(parsed.error));
    const alerts = (parsed.data.data ?? []).flatMap((g) => (g.blocks ?? []).flatMap((b) => (b.alerts ?? []).map((a) => fromAlertmanagerAlert(a, 'firing', {}, nowIso))));
    return deliveryOf('alertmanager', dedupe(alerts), null);
  }
  const parsed = alertmanagerWebhook.safeParse(body);
  if (!parsed.success) return refuse('alertmanager', issuesOf(parsed.error));
  const hook = parsed.data;
  // Per-alert labels win over commonLabels (they can disagree); older payloads omit per-alert status.
  const fallback = hook.status ?? 'firing';
  const alerts = hook.alerts.map((a) => fromAlertmanagerAlert(a, fallback, hook.commonAnnotations, nowIso, hook.commonLabels));
  return deliveryOf('alertmanager', dedupe(alerts), hook.externalURL ?? null, { truncatedAlerts: hook.truncatedAlerts, groupKey: hook.groupKey ?? null });
}

function grafanaStatus(state: string | undefined): 'firing' | 'resolved' | undefined {
  const s = (state ?? '').toLowerCase();
  if (s === 'ok' || s === 'resolved' || s === 'normal') return 'resolved';
  if (s === 'alerting' || s === 'firing' || s === 'no_data' || s === 'nodata' || s === 'error') return 'firing';
  return undefined;
}

/**
 * Legacy (Grafana 4–10 dashboard) alert states. `pending` (the condition holds, not yet for its `for`
 * duration) is shown as firing rather than hidden; `paused` means the rule stopped being evaluated, so
 * no `ok` will ever follow: it ends the alert instead of leaving it firing forever.
 */
function grafanaLegacyStatus(state: string): 'firing' | 'resolved' | undefined {
  const s = state.toLowerCase();
  if (s === 'pending') return 'firing';
  if (s === 'paused') return 'resolved';
  return grafanaStatus(s);
}

/** `[FIRING:2]  (blue)` / `[Alerting] CPU` → `blue` / `CPU`: the title without Grafana's state prefix. */
function withoutStatePrefix(title: string | null | undefined): string {
  return firstLine(title)
    .replace(/^\[[A-Za-z_ ]+(?::\d+)?(?:, [A-Za-z_ ]+:\d+)*\]\s*/, '')
    .replace(/^\((.*)\)$/, '$1')
    .trim();
}

function formatGrafanaValues(values: Record<string, number | string | null> | null | undefined): string | null {
  if (!values) return null;
  const parts = Object.entries(values).map(([k, v]) => `${k}=${v === null ? 'null' : String(v)}`);
  return parts.length ? parts.join(', ') : null;
}

const GRAFANA_SUMMARY_ANNOTATIONS = ['summary', 'description', 'message'] as const;

/** Grafana unified alerting (with `values` or legacy `valueString`) and the legacy single-rule webhook. */
export function parseGrafana(body: unknown, nowIso: string): ParseOutcome {
  if (body && typeof body === 'object' && !Array.isArray(body) && !('alerts' in body) && 'ruleName' in body) {
    const parsed = grafanaLegacy.safeParse(body);
    if (!parsed.success) return refuse('grafana', issuesOf(parsed.error));
    const rule = parsed.data;
    const status = grafanaLegacyStatus(rule.state);
    if (!status) return refuse('grafana', [{ path: 'state', message: `state "${rule.state}" is not one of alerting, ok, no_data, pending, paused` }]);
    const labels: Record<string, string> = { alertname: rule.ruleName };
    for (const [k, v] of Object.entries(rule.tags ?? {})) labels[k] = String(v);
    const annotations: Record<string, string> = { grafana_state: rule.state };
    if (rule.message) annotations.description = rule.message;
    if (rule.ruleUrl) annotations.rule_url = rule.ruleUrl;
    if (rule.imageUrl) annotations.image_url = rule.imageUrl;
    const matches = (rule.evalMatches ?? []).map((m) => `${m.metric ?? 'value'}=${String(m.value ?? 'null')}`).join(', ');
    if (matches) annotations.values = matches;
    const fingerprint = rule.ruleId !== null && rule.ruleId !== undefined ? `rule-${String(rule.ruleId)}` : labelsFingerprint(labels);
    const severityRaw = labels.severity ?? null;
    // The rule's message says what is wrong; the title is mostly "[Alerting] <rule name>" again.
    let legacySummary = firstLine(rule.message) || firstLine(rule.title) || rule.ruleName;
    const quietState = { pending: 'Pending', no_data: 'No Data', paused: 'Paused' }[rule.state.toLowerCase()];
    if (quietState && !legacySummary.startsWith('[')) legacySummary = `[${quietState}] ${legacySummary}`;
    return deliveryOf(
      'grafana',
      [
        {
          key: `grafana:${fingerprint}`,
          fingerprint,
          sourceKind: 'grafana',
          status,
          labels,
          annotations,
          alertname: rule.ruleName,
          summary: legacySummary,
          severity: normalizeSeverity(severityRaw),
          severityRaw,
          startsAt: status === 'firing' ? nowIso : null,
          endsAt: status === 'resolved' ? nowIso : null,
          generatorUrl: rule.ruleUrl ?? null,
          upstreamSilencedBy: [],
          upstreamInhibitedBy: [],
          upstreamAck: false,
          partial: false,
        },
      ],
      null,
    );
  }
  const parsed = grafanaUnified.safeParse(body);
  if (!parsed.success) return refuse('grafana', issuesOf(parsed.error));
  const hook = parsed.data;
  const fallback = grafanaStatus(hook.status) ?? grafanaStatus(hook.state) ?? 'firing';
  // The deprecated `message` describes the whole notification: only a lone alert may take it as summary.
  const loneMessage = hook.alerts.length === 1 ? firstLine(hook.message) : '';
  const groupName = hook.commonLabels.alertname ?? hook.groupLabels.alertname ?? (withoutStatePrefix(hook.title) || undefined);
  const alerts = hook.alerts.map((a): NormalizedAlert => {
    const labels = a.labels;
    const annotations: Record<string, string> = { ...hook.commonAnnotations, ...a.annotations };
    const values = formatGrafanaValues(a.values) ?? (a.valueString || null);
    if (values) annotations.values = values;
    for (const [name, url] of [['silence_url', a.silenceURL], ['dashboard_url', a.dashboardURL], ['panel_url', a.panelURL], ['image_url', a.imageURL]] as const) {
      if (url) annotations[name] = url;
    }
    const fingerprint = a.fingerprint || labelsFingerprint(labels);
    const status = a.status ?? fallback;
    const severityRaw = labels.severity ?? labels.priority ?? hook.commonLabels.severity ?? null;
    return {
      key: `grafana:${fingerprint}`,
      fingerprint,
      sourceKind: 'grafana',
      status,
      labels,
      annotations,
      alertname: labels.alertname ?? labels.__alert_rule_title__ ?? groupName ?? '(no alertname)',
      summary: firstLine(annotationText(annotations, GRAFANA_SUMMARY_ANNOTATIONS) ?? loneMessage),
      severity: normalizeSeverity(severityRaw),
      severityRaw,
      startsAt: normalizeTime(a.startsAt),
      endsAt: status === 'resolved' ? normalizeTime(a.endsAt) ?? nowIso : null,
      generatorUrl: a.generatorURL || null,
      upstreamSilencedBy: [],
      upstreamInhibitedBy: [],
      upstreamAck: false,
      partial: false,
    };
  });
  return deliveryOf('grafana', dedupe(alerts), hook.externalURL ?? null, { truncatedAlerts: hook.truncatedAlerts, groupKey: hook.groupKey ?? null });
}

/** Acknowledge / resolve carry only the key: the stored alert keeps its labels and text. */
function pagerdutyFollowUp(fingerprint: string, action: 'acknowledge' | 'resolve', nowIso: string): NormalizedAlert {
  return {
    key: `pagerduty:${fingerprint}`,
    fingerprint,
    sourceKind: 'pagerduty',
    status: action === 'resolve' ? 'resolved' : 'firing',
    labels: {},
    annotations: {},
    alertname: '',
    summary: '',
    severity: 'warning',
    severityRaw: null,
    startsAt: null,
    endsAt: action === 'resolve' ? nowIso : null,
    generatorUrl: null,
    upstreamSilencedBy: [],
    upstreamInhibitedBy: [],
    upstreamAck: action === 'acknowledge',
    partial: true,
  };
}

function detailsText(details: unknown): string | null {
  if (details === undefined || details === null) return null;
  return typeof details === 'string' ? details : JSON.stringify(details, null, 2);
}

/** v1 when it says so: `event_type`/`service_key` without a v2 `event_action` (Alertmanager's v1 sends `"event_action": ""`). */
function isPagerdutyV1(body: unknown): boolean {
  if (!isObject(body)) return false;
  const action = body.event_action;
  return (action === undefined || action === null || action === '') && ('event_type' in body || 'service_key' in body);
}

function parsePagerdutyV1(body: unknown, nowIso: string): ParseOutcome {
  const parsed = pagerdutyV1Event.safeParse(body);
  if (!parsed.success) return refuse('pagerduty', issuesOf(parsed.error));
  const event = parsed.data;
  if (event.event_type !== 'trigger') return deliveryOf('pagerduty', [pagerdutyFollowUp(event.incident_key, event.event_type, nowIso)], null);
  const source = event.client || 'pagerduty';
  const details = isObject(event.details) ? event.details : {};
  // v1 has no severity field; monitoring tools often put theirs in details (Zabbix "Warning", Nagios "WARNING").
  const severityRaw = [details.severity, details.priority, details.SERVICESTATE].find((v): v is string => typeof v === 'string' && v !== '') ?? null;
  const annotations: Record<string, string> = { summary: event.description };
  const text = detailsText(event.details);
  if (text) annotations.details = text;
  let links = 0;
  let images = 0;
  for (const context of event.contexts ?? []) {
    if (context.type === 'image' && context.src) annotations[`image_${++images}`] = context.src;
    else if (context.href) annotations[`link_${++links}`] = context.text ? `${context.text} ${context.href}` : context.href;
  }
  if (event.client_url) annotations.client_url = event.client_url;
  const fingerprint = event.incident_key ?? labelsFingerprint({ source, summary: event.description });
  const trigger = pagerdutyTrigger({ fingerprint, labels: { source }, annotations, alertname: firstLine(event.description).slice(0, 120), summary: event.description, severityRaw, startsAt: nowIso, clientUrl: event.client_url });
  return deliveryOf('pagerduty', [trigger], event.client ?? null);
}

/** A PagerDuty trigger (Events API v1 or v2) as a firing alert keyed by its dedup key. */
function pagerdutyTrigger(fields: {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  alertname: string;
  summary: string;
  severityRaw: string | null;
  startsAt: string;
  clientUrl: string | null | undefined;
}): NormalizedAlert {
  return {
    key: `pagerduty:${fields.fingerprint}`,
    fingerprint: fields.fingerprint,
    sourceKind: 'pagerduty',
    status: 'firing',
    labels: fields.labels,
    annotations: fields.annotations,
    alertname: fields.alertname,
    summary: firstLine(fields.summary),
    severity: normalizeSeverity(fields.severityRaw),
    severityRaw: fields.severityRaw,
    startsAt: fields.startsAt,
    endsAt: null,
    generatorUrl: fields.clientUrl || null,
    upstreamSilencedBy: [],
    upstreamInhibitedBy: [],
    upstreamAck: false,
    partial: false,
  };
}

/** PagerDuty Events API v2 (and v1): trigger / acknowledge / resolve by `dedup_key` (`incident_key`). */
export function parsePagerduty(body: unknown, nowIso: string): ParseOutcome {
  if (isPagerdutyV1(body)) return parsePagerdutyV1(body, nowIso);
  if (isObject(body) && !('event_action' in body) && 'routing_key' in body && isObject(body.payload)) {
    return refuse('pagerduty', [{ path: 'event_action', message: 'missing: this looks like a PagerDuty change event, which belongs on POST /hooks/pagerduty-change' }]);
  }
  const parsed = pagerdutyEvent.safeParse(body);
  if (!parsed.success) return refuse('pagerduty', issuesOf(parsed.error));
  const event = parsed.data;
  if (event.event_action !== 'trigger') return deliveryOf('pagerduty', [pagerdutyFollowUp(event.dedup_key, event.event_action, nowIso)], null);
  const p = event.payload;
  const labels: Record<string, string> = { source: p.source, severity: p.severity };
  for (const [name, value] of [['component', p.component], ['group', p.group], ['class', p.class]] as const) {
    if (value) labels[name] = value;
  }
  const annotations: Record<string, string> = { summary: p.summary };
  const details = detailsText(p.custom_details);
  if (details) annotations.custom_details = details;
  (event.links ?? []).forEach((link, i) => {
    annotations[`link_${i + 1}`] = link.text ? `${link.text} ${link.href}` : link.href;
  });
  (event.images ?? []).forEach((image, i) => {
    annotations[`image_${i + 1}`] = image.src;
  });
  if (event.client_url) annotations.client_url = event.client_url;
  const fingerprint = event.dedup_key || labelsFingerprint({ source: p.source, summary: p.summary });
  const alertname = p.class || p.component || firstLine(p.summary).slice(0, 120);
  const trigger = pagerdutyTrigger({ fingerprint, labels, annotations, alertname, summary: p.summary, severityRaw: p.severity, startsAt: normalizeTime(p.timestamp) ?? nowIso, clientUrl: event.client_url });
  return deliveryOf('pagerduty', [trigger], event.client || null);
}

/** The generic schema documented above. */
export function parseGeneric(body: unknown, nowIso: string): ParseOutcome {
  // Pick the shape first, so a refusal names the field of that shape (not "no union branch matched").
  const schema = Array.isArray(body)
    ? z.array(genericAlert)
    : typeof body === 'object' && body !== null && 'alerts' in body
      ? z.object({ alerts: z.array(genericAlert) }).transform((b) => b.alerts)
      : genericAlert.transform((one) => [one]);
  const parsed = schema.safeParse(body);
  if (!parsed.success) return refuse('generic', issuesOf(parsed.error));
  const list = parsed.data;
  const alerts = list.map((g): NormalizedAlert => {
    const source = g.source ?? 'generic';
    const labels = { ...g.labels };
    const severityRaw = g.severity ?? labels.severity ?? null;
    const fingerprint =
      g.dedup_key ?? labelsFingerprint(Object.keys(labels).length ? { ...labels, __source__: source } : { __source__: source, __summary__: g.summary });
    const resolved = g.status === 'resolved' || g.status === 'resolve' || g.status === 'ok';
    const annotations: Record<string, string> = { ...g.annotations, summary: g.annotations.summary ?? g.summary };
    if (g.url) annotations.url = g.url;
    return {
      key: `generic:${fingerprint}`,
      fingerprint,
      sourceKind: 'generic',
      status: resolved ? 'resolved' : 'firing',
      labels: { ...labels, source: labels.source ?? source },
      annotations,
      alertname: labels.alertname ?? firstLine(g.summary).slice(0, 120),
      summary: firstLine(g.summary),
      severity: normalizeSeverity(severityRaw),
      severityRaw,
      startsAt: normalizeTime(g.starts_at) ?? nowIso,
      endsAt: resolved ? normalizeTime(g.ends_at) ?? nowIso : null,
      generatorUrl: g.url ?? null,
      upstreamSilencedBy: [],
      upstreamInhibitedBy: [],
      upstreamAck: false,
      partial: false,
    };
  });
  return deliveryOf('generic', dedupe(alerts), null);
}

function deliveryOf(
  kind: AlertSourceKind,
  alerts: NormalizedAlert[],
  origin: string | null,
  group: { truncatedAlerts: number; groupKey: string | null } = { truncatedAlerts: 0, groupKey: null },
): ParseOutcome {
  return { ok: true, delivery: { kind, alerts, origin, ...group } };
}

/** Several alerts with one identity in one delivery: the last one wins, as if delivered in order. */
function dedupe(alerts: NormalizedAlert[]): NormalizedAlert[] {
  const byKey = new Map<string, NormalizedAlert>();
  for (const alert of alerts) byKey.set(alert.key, alert);
  return [...byKey.values()];
}

/** Parses the raw text of a delivery: JSON errors name the position, schema errors the field. */
export function parseAlertPayload(kind: AlertSourceKind, text: string, nowIso: string): ParseOutcome {
  let body: unknown;
  const trimmed = text.replace(/^\uFEFF/, '');
  if (trimmed.trim() === '') return refuse(kind, [{ path: '(root)', message: 'the body is empty' }]);
  try {
    body = JSON.parse(trimmed);
  } catch (error) {
    return refuse(kind, [{ path: '(root)', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  if (body === null || typeof body !== 'object') return refuse(kind, [{ path: '(root)', message: `expected a JSON object, got ${body === null ? 'null' : typeof body}` }]);
  const outcome = parseAs(kind, body, nowIso);
  if (outcome.ok) return outcome;
  // A payload of another kind sent to the wrong door: say which door, ahead of the field errors.
  const other = likelyKind(body);
  if (!other || other === kind) return outcome;
  const named = { alertmanager: 'an Alertmanager', grafana: 'a Grafana', pagerduty: 'a PagerDuty', generic: 'a generic' }[other];
  return refuse(kind, [{ path: '(root)', message: `this looks like ${named} payload: send it as ${other} (gobag ingest ${other} <file>, POST /hooks/${other})` }, ...outcome.issues]);
}

function parseAs(kind: AlertSourceKind, body: object, nowIso: string): ParseOutcome {
  switch (kind) {
    case 'alertmanager':
      return parseAlertmanager(body, nowIso);
    case 'grafana':
      return parseGrafana(body, nowIso);
    case 'pagerduty':
      return parsePagerduty(body, nowIso);
    case 'generic':
      return parseGeneric(body, nowIso);
  }
}

/** The kind a payload's own fields point to, when they clearly do. */
function likelyKind(body: unknown): AlertSourceKind | null {
  if (!isObject(body)) return null;
  if ('event_action' in body || 'routing_key' in body || 'service_key' in body) return 'pagerduty';
  if ('ruleName' in body && 'state' in body) return 'grafana';
  if (Array.isArray(body.alerts) && body.alerts.some((a) => isObject(a) && 'labels' in a && !('summary' in a))) {
    // The first entry may be anything (a number, a string): `in` on those throws.
    const first: unknown = body.alerts[0];
    const firstFields = isObject(first) ? first : {};
    return 'orgId' in body || 'valueString' in firstFields || 'values' in firstFields ? 'grafana' : 'alertmanager';
  }
  return null;
}
