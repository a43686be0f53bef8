/**
 * The API contract: one map of method name → input/output schema. Every front door (Electron IPC,
 * the local HTTP host, the CLI) validates against it, and the renderer derives its types from it.
 * A domain adds its methods in its own file and one spread here.
 */
import type { z } from 'zod';
import { systemMethods } from './system';
import { systemEvents } from './events';
import { alertsEvents, alertsMethods } from './alerts';
import { contactsEvents, contactsMethods } from './contacts';
import { changesEvents, changesMethods } from './changes';
import { runbooksEvents, runbooksMethods } from './runbooks';
import { incidentsEvents, incidentsMethods } from './incidents';

export const contract = {
  ...systemMethods,
  ...alertsMethods,
  ...contactsMethods,
  ...changesMethods,
  ...runbooksMethods,
  ...incidentsMethods,
} as const;

export const events = {
  ...systemEvents,
  ...alertsEvents,
  ...contactsEvents,
  ...changesEvents,
  ...runbooksEvents,
  ...incidentsEvents,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export type EventMap = typeof events;
export type EventName = keyof EventMap & string;
export type EventPayload<E extends EventName> = z.output<EventMap[E]>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
