import type { AlertSummary, Silence } from '../../../../shared/api/alerts';
import { formatMatcher } from '../../../../shared/domain/alertMatchers';

/** "03:12" today, "Mon 03:12" this week, a date beyond: the way an on-call note says it. */
export function formatClock(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
  const age = now - date.getTime();
  if (age < 20 * 3_600_000 && age > -3_600_000) return time;
  if (age < 6 * 86_400_000) return `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
  return `${date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })} ${time}`;
}

/** Short duration since `iso`: "4m", "2h 5m", "3d". */
export function formatSince(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '';
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d`;
}

/** Labels that name the thing an alert is about, most telling first; shown by value alone. */
const IDENTITY_LABELS = ['pod', 'persistentvolumeclaim', 'node', 'container', 'device', 'mountpoint', 'deployment', 'statefulset', 'daemonset', 'job_name', 'instance'];
/** Labels that place an alert (where, whose), shown as name=value after the identity. */
const CONTEXT_LABELS = ['service', 'job', 'instance', 'cluster', 'namespace', 'pod', 'zone', 'source', 'team', 'region', 'env', 'environment'];
/** Never worth the room on a row: already shown, or the same on every alert of a Prometheus. */
const NOT_ON_ROW = new Set(['alertname', 'severity', 'prometheus', 'monitor', 'receiver', 'endpoint', 'uid', 'metrics_path', 'tenant_id']);

/**
 * Up to three labels for a row beside the alert name. Labels its group header already shows are
 * left out, and the labels that tell siblings apart (pod, PVC, instance …) come first, by value:
 * two KubePersistentVolumeFillingUp rows both read "service=postgres job=kubelet…" and the PVC
 * that differed was cut off.
 */
export function rowLabels(alert: Pick<AlertSummary, 'labels'>, groupLabels: Record<string, string> = {}): string[] {
  const inHeader = new Set<string>();
  // Group keys can be alternatives ("service/job"); the header shows whichever the alert has.
  for (const [key, value] of Object.entries(groupLabels)) for (const name of key.split('/')) if (alert.labels[name] === value) inHeader.add(name);
  const candidates = Object.keys(alert.labels).filter((name) => alert.labels[name] && !inHeader.has(name) && !NOT_ON_ROW.has(name));
  const identity = IDENTITY_LABELS.filter((name) => candidates.includes(name));
  // Other labels a rule added (ip, component …) are specific too, but their value alone is ambiguous.
  const other = candidates.filter((name) => !IDENTITY_LABELS.includes(name) && !CONTEXT_LABELS.includes(name));
  const context = CONTEXT_LABELS.filter((name) => candidates.includes(name) && !identity.includes(name));
  return [...identity.map((name) => alert.labels[name]!), ...[...other, ...context].map((name) => `${name}=${alert.labels[name]}`)].slice(0, 3);
}

/** The matchers that select exactly this alert (its whole label set), as a silence draft. */
export function matchersForAlert(alert: Pick<AlertSummary, 'alertname' | 'labels'>): string {
  const labels: Record<string, string> = { alertname: alert.alertname, ...alert.labels };
  return Object.entries(labels)
    .map(([name, value]) => formatMatcher({ name, value, isRegex: false, isEqual: true }))
    .join(' ');
}

export function isUrl(text: string): boolean {
  return /^https?:\/\/\S+$/.test(text.trim());
}

/**
 * "silenced by night-oncall until 05:03: disk cleanup running" for each entry of an alert's
 * silencedBy (local:<id>, an upstream silence id, inhibited:<fingerprint>), instead of the bare
 * ids; an inhibition says so, not "silenced by". An id not in the list (expired since, or not
 * pulled yet) stays as it is.
 */
export function describeSilencedBy(silencedBy: readonly string[], silences: readonly Pick<Silence, 'id' | 'upstreamId' | 'createdBy' | 'comment' | 'endsAt'>[], now: number = Date.now()): string[] {
  return silencedBy.map((entry) => {
    if (entry.startsWith('inhibited:')) return `inhibited by another alert (${entry.slice('inhibited:'.length)})`;
    const id = entry.startsWith('local:') ? entry.slice('local:'.length) : entry;
    const silence = silences.find((s) => s.id === id || s.upstreamId === id);
    if (!silence) return `silenced by silence ${id}`;
    return `silenced by ${silence.createdBy || 'someone'} until ${formatClock(silence.endsAt, now)}${silence.comment ? `: ${silence.comment}` : ''}`;
  });
}
