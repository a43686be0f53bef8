import type { AppContext } from '../app/appContext';
import type { ChangeCandidate } from '../../shared/domain/incidents';
import { createChangeStore } from '../store/changeStore';
import { createAlertStore } from '../store/alertStore';

export interface LinkedAlert {
  id: string;
  alertname: string;
  summary: string;
  severity: string;
  startsAt: string | null;
  /** When someone acknowledged the page, if they did: the incident's acknowledged time. */
  ackedAt: string | null;
  labels: Record<string, string>;
}

export interface AlertTransition {
  alertId: string;
  at: string;
  fromState: string | null;
  toState: string;
}

/**
 * What the incident console reads from the alerts and changes modules, through their own stores
 * (their SQL stays theirs). Either side is null while that module is absent, and the console then
 * simply shows no auto entries / suspects / pager load from it.
 */
export interface IncidentFeeds {
  alerts: {
    get(id: string): LinkedAlert | undefined;
    eventsForAlerts(alertIds: string[], fromIso?: string, toIso?: string): AlertTransition[];
    /** Alerts that started firing (incl. re-fires) per bucket from `fromIso`: alert volume and pages. */
    firingPerBucket(fromIso: string, toIso: string, bucketMinutes: number): { t: string; count: number }[];
  } | null;
  changes: {
    listBetween(fromIso: string, toIso: string): ChangeCandidate[];
    /** The newest changes in the window plus the newest of `service`, for ranking. */
    suspectCandidates(fromIso: string, toIso: string, service: string | null, limit: number): ChangeCandidate[];
  } | null;
}

export function createIncidentFeeds(ctx: AppContext): IncidentFeeds {
  const changes = createChangeStore(ctx.db, ctx.outbox);
  const toCandidate = (c: { id: string; at: string; summary: string; service: string | null; environment: string | null; author: string | null; rollback: string | null }): ChangeCandidate => ({
    id: c.id,
    at: c.at,
    title: c.summary,
    service: c.service,
    environment: c.environment,
    author: c.author,
    rollbackCommand: c.rollback,
  });
  const alerts = createAlertStore(ctx.db);
  return {
    alerts: {
      get(id) {
        const alert = alerts.get(id);
        return alert ? { id: alert.id, alertname: alert.alertname, summary: alert.summary, severity: alert.severity, startsAt: alert.startsAt, ackedAt: alert.ackedAt, labels: alert.labels } : undefined;
      },
      eventsForAlerts: (ids, from, to) => alerts.eventsForAlerts(ids, from, to),
      firingPerBucket: (from, to, bucketMinutes) => alerts.volume(from, to, bucketMinutes).map((b) => ({ t: b.t, count: b.critical + b.warning + b.info })),
    },
    changes: {
      listBetween: (from, to) => changes.listBetween(from, to).map(toCandidate),
      suspectCandidates: (from, to, service, limit) => changes.suspectCandidates(from, to, service, limit).map(toCandidate),
    },
  };
}
