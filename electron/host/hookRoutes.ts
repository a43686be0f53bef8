import type { AppContext } from '../app/appContext';
import { alertHookRoutes } from '../alerts/alertHooks';
import { createChangeHookRoutes } from '../changes/changeHooks';

export interface HookResponse {
  status: number;
  body: unknown;
}

/** A push endpoint under `/hooks/`: gets the raw body (already size-limited) and answers JSON. */
export type HookRoute = (rawBody: Buffer, request: { contentType: string | undefined; remoteAddress: string | undefined }) => HookResponse | Promise<HookResponse>;

/** Feed webhooks by path. A domain adds its routes and one spread here. */
export function createHookRoutes(ctx: AppContext): Record<string, HookRoute> {
  return {
    ...alertHookRoutes(ctx),
    ...createChangeHookRoutes(ctx),
  };
}
