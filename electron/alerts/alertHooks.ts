import type { AppContext } from '../app/appContext';
import type { HookRoute } from '../host/hookRoutes';
import { createAlertStore } from '../store/alertStore';
import { ApiFailure } from '../../shared/api/result';
import { ALERT_SOURCE_KINDS } from '../../shared/domain/alertPayloads';
import { ingestDelivery } from './alertIngest';

/**
 * `POST /hooks/alertmanager|grafana|pagerduty|generic`: 200 once stored, 400 naming the bad field
 * (the body is quarantined), 413 from the host when over the size limit.
 */
export function alertHookRoutes(ctx: AppContext): Record<string, HookRoute> {
  const store = createAlertStore(ctx.db);
  const routes: Record<string, HookRoute> = {};
  for (const kind of ALERT_SOURCE_KINDS) {
    routes[`/hooks/${kind}`] = (rawBody, request) => {
      try {
        const outcome = ingestDelivery(ctx, store, { kind, body: rawBody.toString('utf8'), via: 'webhook', remoteAddress: request.remoteAddress ?? null });
        // PagerDuty senders expect its Events API answer shape; the others ignore the body.
        const body = kind === 'pagerduty' ? { status: 'success', message: 'Event processed', ...outcome } : { ok: true, ...outcome };
        return { status: kind === 'pagerduty' ? 202 : 200, body };
      } catch (error) {
        if (error instanceof ApiFailure) return { status: 400, body: { ok: false, error: { code: error.code, message: error.message, issues: error.issues ?? [] } } };
        throw error;
      }
    };
  }
  return routes;
}
