import type { AppContext } from '../app/appContext';
import type { ChangeCandidate } from '../../shared/domain/incidents';

export interface LinkedAlert {
  id: string;
  alertname: string;
  summary: string;
  severity: string;
  startsAt: string | null;
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
 * simply shows no auto entries / suspects from it.
 */
export interface IncidentFeeds {
  alerts: {
    get(id: string): LinkedAlert | undefined;
    eventsForAlerts(alertIds: string[], fromIso?: string, toIso?: string): AlertTransition[];
    /** Alerts that started firing since `fromIso` (alert volume, pages). */
    firingStartsSince(fromIso: string): string[];
  } | null;
  changes: {
    listBetween(fromIso: string, toIso: string): ChangeCandidate[];
  } | null;
}

export function createIncidentFeeds(_ctx: AppContext): IncidentFeeds {
  return { alerts: null, changes: null };
}
