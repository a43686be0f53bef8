import type { AppContext } from '../app/appContext';
import type { HookRoute } from '../host/hookRoutes';
import { createAlertStore } from '../store/alertStore';
import { ApiFailure } from '../../shared/api/result';
import { ALERT_SOURCE_KINDS, truncationNotice } from '../../shared/domain/alertPayloads';
import { ingestDeliveryWithKey } from './alertIngest';

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
        const { outcome, firstFingerprint: key } = ingestDeliveryWithKey(ctx, store, { kind, body: rawBody.toString('utf8'), via: 'webhook', remoteAddress: request.remoteAddress ?? null });
        // Alertmanager treats any 2xx as delivered and never re-sends what max_alerts left out: the answer says so.
        const warning = outcome.truncatedAlerts > 0 ? { warning: truncationNotice(kind, outcome.truncatedAlerts, outcome.groupKey) } : {};
        if (kind !== 'pagerduty') return { status: 200, body: { ok: true, ...outcome, ...warning } };
        // PagerDuty senders expect its Events API answer, and clients (pdpyras, go-pagerduty) read the key
        // from it to resolve later: a trigger without dedup_key must learn the one we gave it.
        return { status: 202, body: { status: 'success', message: 'Event processed', ...(key ? { dedup_key: key, incident_key: key } : {}), ...outcome } };
      } catch (error) {
        if (error instanceof ApiFailure) return { status: 400, body: { ok: false, error: { code: error.code, message: error.message, issues: error.issues ?? [] } } };
        throw error;
      }
    };
  }
  return routes;
}
