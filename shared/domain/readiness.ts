/** Readiness of the local replica: is every kind of data there, and fresh enough to trust offline? */

export interface SourceFreshness {
  id: string;
  kind: string;
  name: string;
  lastRefreshAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  itemCount: number;
}

export type ReadinessLevel = 'ok' | 'stale' | 'empty' | 'error' | 'missing';

export interface SourceReadiness extends SourceFreshness {
  level: ReadinessLevel;
  ageMs: number | null;
  warning: string | null;
}

export interface DomainReadiness {
  domain: string;
  label: string;
  level: ReadinessLevel;
  sources: SourceReadiness[];
  warning: string | null;
}

/** The replicas a go-bag needs; a source belongs to a domain when its kind matches. */
export const READINESS_DOMAINS: readonly { domain: string; label: string; kinds: RegExp }[] = [
  { domain: 'alerts', label: 'Alerts', kinds: /alert|pagerduty|grafana|prometheus/i },
  { domain: 'runbooks', label: 'Runbooks', kinds: /runbook/i },
  { domain: 'contacts', label: 'Contacts', kinds: /contact|vcard/i },
  { domain: 'schedules', label: 'On-call schedules', kinds: /schedule|oncall|on-call|ical/i },
  { domain: 'changes', label: 'Changes', kinds: /change|deploy/i },
];

const WORST: readonly ReadinessLevel[] = ['missing', 'error', 'empty', 'stale', 'ok'];

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return h < 48 ? `${Math.floor(h)} h` : `${Math.floor(h / 24)} d`;
}

export function assessSource(source: SourceFreshness, nowMs: number, staleAfterHours: number): SourceReadiness {
  const ageMs = source.lastRefreshAt ? Math.max(0, nowMs - Date.parse(source.lastRefreshAt)) : null;
  const limitMs = staleAfterHours * 3_600_000;
  let level: ReadinessLevel = 'ok';
  let warning: string | null = null;
  if (ageMs === null) {
    level = source.lastError ? 'error' : 'empty';
    warning = source.lastError ? `never refreshed: ${source.lastError}` : 'never refreshed';
  } else if (source.itemCount === 0) {
    level = 'empty';
    warning = 'has no items';
  } else if (ageMs > limitMs) {
    level = 'stale';
    warning = `last good copy is ${hours(ageMs)} old (threshold ${staleAfterHours} h)`;
  }
  if (level === 'ok' && source.lastError && source.lastErrorAt && (!source.lastRefreshAt || source.lastErrorAt >= source.lastRefreshAt)) {
    warning = `last attempt failed: ${source.lastError}`;
  }
  return { ...source, level, ageMs, warning };
}

export function assessReadiness(sources: readonly SourceFreshness[], nowMs: number, staleAfterHours: number): { domains: DomainReadiness[]; other: SourceReadiness[] } {
  const assessed = sources.map((s) => assessSource(s, nowMs, staleAfterHours));
  const claimed = new Set<string>();
  const domains = READINESS_DOMAINS.map(({ domain, label, kinds }) => {
    const mine = assessed.filter((s) => kinds.test(s.kind) && !claimed.has(s.id));
    for (const s of mine) claimed.add(s.id);
    if (mine.length === 0) return { domain, label, level: 'missing' as const, sources: [], warning: 'no source yet: nothing of this kind is on the laptop' };
    const level = mine.map((s) => s.level).sort((a, b) => WORST.indexOf(a) - WORST.indexOf(b))[0]!;
    const warned = mine.filter((s) => s.level !== 'ok');
    return { domain, label, level, sources: mine, warning: warned.length ? `${warned.length} of ${mine.length} source(s) need attention` : null };
  });
  return { domains, other: assessed.filter((s) => !claimed.has(s.id)) };
}
