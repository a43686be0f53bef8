import type { ComponentType } from 'react';
import { OnCallHeader } from '../views/contacts/OnCallHeader';
import { AlertNotifier } from '../views/alerts/AlertNotifier';
import { LastChangeHeader } from '../views/changes/LastChangeHeader';
import { IncidentHeaderSlot } from '../views/incidents/IncidentHeaderSlot';

/** Components shown in the middle of the header (e.g. the last production change). */
export const headerSlots: readonly ComponentType[] = [
  OnCallHeader,
  AlertNotifier,
  LastChangeHeader,
  IncidentHeaderSlot,
];
