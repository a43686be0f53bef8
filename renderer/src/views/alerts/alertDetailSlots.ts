import type { ComponentType } from 'react';
import { WhoToCallPanel } from '../contacts/WhoToCallPanel';
import { RecentChangesPanel } from '../changes/RecentChangesPanel';
import { RunbookAlertPanel } from '../runbooks/RunbookAlertPanel';
import { DeclareIncidentPanel } from '../incidents/DeclareIncidentPanel';

/** What the alert detail hands to the panels other modules contribute (runbook, recent changes, declare incident). */
export interface AlertForSlots {
  id: string;
  fingerprint: string;
  source: string;
  alertname: string;
  summary: string;
  severity: 'critical' | 'warning' | 'info';
  state: string;
  startsAt: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface AlertDetailSlot {
  id: string;
  title: string;
  component: ComponentType<{ alert: AlertForSlots }>;
}

/** Panels in the alert detail, in order. A module adds its panel and one entry here. */
export const alertDetailSlots: readonly AlertDetailSlot[] = [
  { id: 'runbook', title: 'Runbook', component: RunbookAlertPanel },
  { id: 'who-to-call', title: 'Who to call', component: WhoToCallPanel },
  { id: 'recent-changes', title: 'Recent changes', component: RecentChangesPanel },
  { id: 'declare-incident', title: 'Incident', component: DeclareIncidentPanel },
];
