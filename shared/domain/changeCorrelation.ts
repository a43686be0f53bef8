/**
 * Which recorded changes most likely caused an alert: the ones shortly before it started, on the
 * same service first. Pure functions, so the store, the alert detail and the incident view agree.
 */

export const CHANGE_KINDS = ['deploy', 'config', 'infra', 'database', 'feature_flag', 'vendor', 'business_event', 'other'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  deploy: 'deploy',
  config: 'config',
  infra: 'infra',
  database: 'database',
  feature_flag: 'feature flag',
  vendor: 'vendor',
  business_event: 'business event',
  other: 'other',
};

/** Default look-back before an alert: most bad changes bite within two hours. */
export const DEFAULT_SUSPECT_WINDOW_MINUTES = 120;

/** The fields ranking needs; the store's full change record is a superset. */
export interface CorrelatableChange {
  id: string;
  at: string;
  service: string | null;
  environment: string | null;
}

export type ServiceMatch = 'same' | 'related' | 'unscoped' | 'other' | 'unknown';

export interface SuspectQuery {
  /** When the alert started (ISO-8601). */
  at: string;
  service?: string | null;
  environment?: string | null;
  windowMinutes?: number;
}

export interface RankedChange<C extends CorrelatableChange> {
  change: C;
  score: number;
  serviceMatch: ServiceMatch;
  /** Whole minutes between the change and the alert start. */
  minutesBefore: number;
  reasons: string[];
}

const PRODUCTION_NAMES = new Set(['production', 'prod', 'prd', 'live']);

/**
 * A change with no environment counts as production: people who bother to type a change in the
 * middle of the night are recording a production one, and the quick entry defaults to production.
 */
export function isProductionEnvironment(environment: string | null | undefined): boolean {
  if (!environment || !environment.trim()) return true;
  const name = environment.trim().toLowerCase();
  return PRODUCTION_NAMES.has(name) || /^(prod|production)[-_.]/.test(name);
}

function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * How a change's service relates to the alert's: `same` (equal, ignoring case), `related` (one
 * name is the other plus suffixes, `checkout` vs `checkout-worker`), `unscoped` (the change names no
 * service, e.g. a network or vendor change that can hit anything), `other`, or `unknown` when the
 * alert names no service.
 */
export function matchService(alertService: string | null | undefined, changeService: string | null | undefined): ServiceMatch {
  const alertName = alertService?.trim().toLowerCase() ?? '';
  const changeName = changeService?.trim().toLowerCase() ?? '';
  if (!alertName) return 'unknown';
  if (!changeName) return 'unscoped';
  if (alertName === changeName) return 'same';
  const a = nameTokens(alertName);
  const c = nameTokens(changeName);
  if (a.length === 0 || c.length === 0) return 'other';
  const [shorter, longer] = a.length <= c.length ? [a, c] : [c, a];
  if (shorter.every((token, i) => longer[i] === token)) return 'related';
  return 'other';
}

const MATCH_WEIGHT: Record<ServiceMatch, number> = { same: 3, related: 2, unscoped: 1, unknown: 1, other: 0 };

/**
 * Ranks changes in the window before `query.at`. Service match decides the tier (same service first,
 * then related, then changes scoped to nothing, then other services); inside a tier the most recent
 * change wins. A change in an environment other than the alert's (or a non-production change when
 * the alert names none) drops half a tier, so a staging deploy never outranks a production one of
 * the same tier. Changes outside the window, after the alert, or without a valid time are left out.
 */
export function rankSuspectChanges<C extends CorrelatableChange>(changes: readonly C[], query: SuspectQuery): RankedChange<C>[] {
  const alertAt = Date.parse(query.at);
  if (!Number.isFinite(alertAt)) return [];
  const windowMinutes = query.windowMinutes ?? DEFAULT_SUSPECT_WINDOW_MINUTES;
  const windowMs = windowMinutes * 60_000;
  const alertEnvironment = query.environment?.trim().toLowerCase() || null;
  const ranked: RankedChange<C>[] = [];
  const seen = new Set<string>();

  for (const change of changes) {
    if (seen.has(change.id)) continue;
    const changeAt = Date.parse(change.at);
    if (!Number.isFinite(changeAt)) continue;
    const beforeMs = alertAt - changeAt;
    if (beforeMs < 0 || beforeMs > windowMs) continue;
    seen.add(change.id);

    const serviceMatch = matchService(query.service, change.service);
    // Recency in (0, 1]: a change at the alert start scores 1, one at the window's edge just above 0.
    const recency = windowMs === 0 ? 1 : 1 - beforeMs / (windowMs * 1.0001);
    const changeEnvironment = change.environment?.trim().toLowerCase() || null;
    const otherEnvironment = alertEnvironment
      ? changeEnvironment !== null && changeEnvironment !== alertEnvironment && !(isProductionEnvironment(alertEnvironment) && isProductionEnvironment(changeEnvironment))
      : !isProductionEnvironment(changeEnvironment);
    // Tiers two points apart; matching environment is worth one point, recency under one.
    const score = 2 * MATCH_WEIGHT[serviceMatch] + (otherEnvironment ? 0 : 1) + recency;

    const minutesBefore = Math.floor(beforeMs / 60_000);
    const reasons: string[] = [minutesBefore < 1 ? 'under a minute before the alert' : `${minutesBefore} min before the alert`];
    if (serviceMatch === 'same') reasons.push(`same service (${change.service})`);
    else if (serviceMatch === 'related') reasons.push(`related service (${change.service})`);
    else if (serviceMatch === 'unscoped') reasons.push('no service named: may affect anything');
    else if (serviceMatch === 'other') reasons.push(`other service (${change.service})`);
    if (otherEnvironment) reasons.push(`environment ${change.environment}`);

    ranked.push({ change, score: Math.round(score * 1000) / 1000, serviceMatch, minutesBefore, reasons });
  }

  return ranked.sort((x, y) => y.score - x.score || (x.change.at < y.change.at ? 1 : x.change.at > y.change.at ? -1 : 0) || (x.change.id < y.change.id ? 1 : -1));
}

/** The service an alert is about, from the labels Prometheus, Grafana and Kubernetes set most often. */
export function serviceOfAlertLabels(labels: Record<string, string>): string | null {
  for (const key of ['service', 'app', 'app_kubernetes_io_name', 'app.kubernetes.io/name', 'job', 'component', 'container']) {
    const value = labels[key]?.trim();
    if (value) return value;
  }
  return null;
}

/** The environment an alert is about, if its labels say. */
export function environmentOfAlertLabels(labels: Record<string, string>): string | null {
  for (const key of ['environment', 'env', 'stage', 'tier']) {
    const value = labels[key]?.trim();
    if (value) return value;
  }
  return null;
}

/**
 * Guesses the kind of a change from free text (commit subjects, pipeline summaries), for feeds that
 * do not say. Order matters: "deploy feature flag config" is a feature flag change.
 */
export function inferChangeKind(text: string, fallback: ChangeKind = 'other'): ChangeKind {
  const t = text.toLowerCase();
  if (/\b(feature[ -]?flags?|toggles?|flipp?ed|rollout %|percentage rollout|launchdarkly|unleash)\b/.test(t)) return 'feature_flag';
  if (/\b(migrations?|schema|database|db|postgres(ql)?|mysql|index(es)?|vacuum|reindex)\b/.test(t)) return 'database';
  if (/\b(terraform|infra(structure)?|kubernetes|k8s|node pool|autoscal\w*|dns|network|firewall|load balancer|vpc|cluster)\b/.test(t)) return 'infra';
  if (/\b(config(uration)?|settings?|env vars?|secrets?|certificates?|cert|rotate[ds]?)\b/.test(t)) return 'config';
  if (/\b(vendor|provider|third[- ]party|saas|cdn|stripe|aws|gcp|azure|cloudflare)\b/.test(t)) return 'vendor';
  if (/\b(campaign|launch|sale|promotion|marketing|newsletter|black friday)\b/.test(t)) return 'business_event';
  if (/\b(deploy(ed|ment|s)?|release[ds]?|rollout|rolled out|ship(ped)?|upgrade[ds]?|v\d+(\.\d+)+|build)\b/.test(t)) return 'deploy';
  return fallback;
}

/** Parses "2h", "90m", "3d", "45s", "1w" into milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|day|days|w|wk|wks)\s*$/i.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2]!.toLowerCase()[0]!;
  const ms = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[unit];
  return ms === undefined ? undefined : value * ms;
}

/**
 * Normalises a timestamp to ISO-8601 UTC with milliseconds, the one form stored and compared as
 * text. Accepts the `+0000` offsets PagerDuty and `date +%z` produce. Undefined when unparseable.
 */
export function normalizeTimestamp(text: string): string | undefined {
  const trimmed = text.trim();
  const withColonOffset = trimmed.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}/.test(withColonOffset)) return undefined;
  const ms = Date.parse(withColonOffset);
  if (!Number.isFinite(ms)) return undefined;
  return new Date(ms).toISOString();
}
