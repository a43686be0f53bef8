import type { ComponentType } from 'react';
import { OnCallHeader } from '../views/contacts/OnCallHeader';
import { AlertNotifier } from '../views/alerts/AlertNotifier';
import { LastChangeHeader } from '../views/changes/LastChangeHeader';
import { IncidentHeaderSlot } from '../views/incidents/IncidentHeaderSlot';

/**
 * Components shown in the middle of the header, most urgent first: when the header is crowded the
 * later ones shrink (ellipsis) before the open incident's countdown does.
 */
export const headerSlots: readonly ComponentType[] = [
  IncidentHeaderSlot,
  LastChangeHeader,
  OnCallHeader,
  AlertNotifier,
];
