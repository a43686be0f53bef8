import type { AlertSummary } from '../../../../shared/api/alerts';
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

/** Labels worth showing on a row beside the alert name, in a stable order. */
const ROW_LABELS = ['service', 'job', 'instance', 'cluster', 'namespace', 'pod', 'zone', 'source', 'team'];
export function rowLabels(alert: AlertSummary): string[] {
  return ROW_LABELS.flatMap((name) => (alert.labels[name] ? [`${name}=${alert.labels[name]}`] : [])).slice(0, 3);
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
