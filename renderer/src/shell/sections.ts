import { lazy, type ComponentType } from 'react';
import type { ApiClient } from '../api';
import type { SectionId } from '../state/uiStore';
import { AlertsView } from '../views/alerts/AlertsView';
import { prefetchAlertBoard } from '../views/alerts/AlertBoard';

// The other sections load when first opened: the alert board is the first screen, and all of the
// first bundle is downloaded and parsed before it can show a row (~90 kB less).
const RunbooksView = lazy(() => import('../views/runbooks/RunbooksView').then((m) => ({ default: m.RunbooksView })));
const ContactsView = lazy(() => import('../views/contacts/ContactsView').then((m) => ({ default: m.ContactsView })));
const ChangesView = lazy(() => import('../views/changes/ChangesView').then((m) => ({ default: m.ChangesView })));
const IncidentsView = lazy(() => import('../views/incidents/IncidentsView').then((m) => ({ default: m.IncidentsView })));
const StatusView = lazy(() => import('../views/status/StatusView').then((m) => ({ default: m.StatusView })));

export interface Section {
  id: SectionId;
  label: string;
  /** Second key after `g` (g a = alerts), and the Alt+digit shortcut. */
  key: string;
  digit: string;
  view: ComponentType<{ params: string[] }>;
  /** Starts the view's main read at app start, when the app opens on this section; settles when it is in. */
  prefetch?(api: ApiClient, params: string[]): Promise<void> | undefined;
}

export const sections: readonly Section[] = [
  { id: 'alerts', label: 'Alerts', key: 'a', digit: '1', view: AlertsView, prefetch: (api, params) => (params.length === 0 ? prefetchAlertBoard(api) : undefined) },
  { id: 'runbooks', label: 'Runbooks', key: 'r', digit: '2', view: RunbooksView },
  { id: 'contacts', label: 'Contacts & On-call', key: 'o', digit: '3', view: ContactsView },
  { id: 'changes', label: 'Changes', key: 'c', digit: '4', view: ChangesView },
  { id: 'incidents', label: 'Incidents', key: 'i', digit: '5', view: IncidentsView },
  { id: 'status', label: 'Status', key: 's', digit: '6', view: StatusView },
];
