import type { SettingsStore } from '../store/settingsStore';

/** A notification group whose last delivery left alerts out (`truncatedAlerts`, max_alerts). */
export interface TruncatedGroup {
  /** The sender's `groupKey`; '' when the payload named none. */
  groupKey: string;
  truncatedAlerts: number;
  /** When that delivery was received. */
  at: string;
}

// Kept in the settings key/value table (it travels with backups, needs no schema change): a few
// entries per push source, keyed by group.
const SETTINGS_KEY = 'alerts.truncatedGroups';
const MAX_GROUPS_PER_SOURCE = 20;
/** Alertmanager repeats a firing group every repeat_interval (4 h by default); a day without a word means it is gone. */
const FORGET_AFTER_MS = 24 * 3600_000;

type Stored = Record<string, Record<string, { truncatedAlerts: number; at: string }>>;

function readAll(settings: SettingsStore): Stored {
  const value = settings.readValue(SETTINGS_KEY);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Stored) : {};
}

/**
 * Remembers the last delivery of a group: truncated ones are kept, a complete delivery of the same
 * group clears it (the sender now fits the whole group). Call inside the ingest transaction.
 */
export function recordGroupDelivery(settings: SettingsStore, sourceId: string, delivery: { groupKey: string | null; truncatedAlerts: number }, at: string): void {
  const all = readAll(settings);
  const groupKey = delivery.groupKey ?? '';
  const groups = { ...(all[sourceId] ?? {}) };
  if (delivery.truncatedAlerts <= 0 && !(groupKey in groups)) return;
  if (delivery.truncatedAlerts > 0) groups[groupKey] = { truncatedAlerts: delivery.truncatedAlerts, at };
  else delete groups[groupKey];
  const kept = Object.entries(groups)
    .sort((a, b) => (a[1].at < b[1].at ? 1 : a[1].at > b[1].at ? -1 : 0))
    .slice(0, MAX_GROUPS_PER_SOURCE);
  settings.writeValue(SETTINGS_KEY, { ...all, [sourceId]: Object.fromEntries(kept) }, at);
}

/** The groups of a source whose latest delivery (within a day) left alerts out, newest first. */
export function truncatedGroupsOf(settings: SettingsStore, sourceId: string, nowIso: string): TruncatedGroup[] {
  const groups = readAll(settings)[sourceId] ?? {};
  const cutoff = Date.parse(nowIso) - FORGET_AFTER_MS;
  return Object.entries(groups)
    .filter(([, g]) => typeof g?.truncatedAlerts === 'number' && typeof g.at === 'string' && Date.parse(g.at) >= cutoff)
    .map(([groupKey, g]) => ({ groupKey, truncatedAlerts: g.truncatedAlerts, at: g.at }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
