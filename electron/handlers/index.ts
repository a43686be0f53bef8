import type { MethodName, MethodOutput, ParsedInput } from '../../shared/api/contract';
import type { AppContext } from '../app/appContext';
import { systemHandlers } from './systemHandlers';
import { alertsHandlers } from './alertsHandlers';
import { contactsHandlers } from './contactsHandlers';
import { changesHandlers } from './changesHandlers';
import { runbooksHandlers } from './runbooksHandlers';
import { incidentHandlers } from './incidentHandlers';

export type Handler<M extends MethodName> = (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type HandlerMap = { [M in MethodName]: Handler<M> };
/** What a domain's handler file returns: handlers for exactly its own methods. */
export type HandlersFor<K extends MethodName> = { [M in K]: Handler<M> };

/** One handler map for all three front doors. A domain adds its factory and one spread here. */
export function createHandlers(ctx: AppContext): HandlerMap {
  return {
    ...systemHandlers(ctx),
    ...alertsHandlers(ctx),
    ...contactsHandlers(ctx),
    ...changesHandlers(ctx),
    ...runbooksHandlers(ctx),
    ...incidentHandlers(ctx),
  } satisfies HandlerMap;
}
