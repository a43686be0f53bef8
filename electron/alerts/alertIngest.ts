import type { AppContext } from '../app/appContext';
import { isoNow } from '../store/clock';
import type { AlertStore } from '../store/alertStore';
import { ApiFailure } from '../../shared/api/result';
import { parseAlertPayload, type AlertSourceKind } from '../../shared/domain/alertPayloads';
import { recordGroupDelivery } from './truncatedGroups';

export type DeliveryVia = 'webhook' | 'cli' | 'api';

export interface IngestOutcome {
  kind: AlertSourceKind;
  rawId: string;
  accepted: number;
  created: number;
  updated: number;
  transitions: number;
  unknownKeys: string[];
  silences: number;
  /** Alerts of the group the sender left out of this delivery (max_alerts); the board cannot show them. */
  truncatedAlerts: number;
  groupKey: string | null;
}

/** Name of the `sources` row that push deliveries of a kind are counted under. */
export const PUSH_SOURCE_NAME = 'webhook';

/**
 * The one path every pushed delivery takes (webhook, `gobag ingest`, API): parse, and either
 * quarantine it with the reason (and throw `invalid_input` naming the field) or store the raw
 * body and the alerts in one transaction before anyone is told it was accepted.
 */
export function ingestDelivery(ctx: AppContext, store: AlertStore, input: DeliveryInput): IngestOutcome {
  return ingestDeliveryWithKey(ctx, store, input).outcome;
}

type DeliveryInput = { kind: AlertSourceKind; body: string; via: DeliveryVia; remoteAddress?: string | null };

/**
 * `ingestDelivery`, also giving the fingerprint of the delivery's first alert: the PagerDuty webhook
 * answers with it as `dedup_key` without parsing the body a second time.
 */
export function ingestDeliveryWithKey(
  ctx: AppContext,
  store: AlertStore,
  input: DeliveryInput,
): { outcome: IngestOutcome; firstFingerprint: string | undefined } {
  const now = isoNow(ctx.clock);
  const parsed = parseAlertPayload(input.kind, input.body, now);
  if (!parsed.ok) {
    store.quarantine({ kind: input.kind, via: input.via, remoteAddress: input.remoteAddress ?? null, receivedAt: now, body: input.body, error: parsed.message, issues: parsed.issues });
    ctx.events.emit('alerts.changed', { reason: 'quarantined', ids: [], notify: [] });
    throw new ApiFailure('invalid_input', `${parsed.message} (kept in quarantine; see gobag status)`, parsed.issues);
  }
  const alerts = parsed.delivery.alerts;
  const { outcome, notify, ids, sourceId } = ctx.db.transaction(() => {
    const source = ctx.sources.ensure(input.kind, PUSH_SOURCE_NAME, now);
    const rawId = store.storeRaw({ kind: input.kind, sourceId: source.id, via: input.via, receivedAt: now, body: input.body, alertCount: alerts.length });
    const result = store.upsertBatch(alerts, { sourceId: source.id, rawId, receivedAt: now });
    // A saved Alertmanager silence list stands for what that push source silences now (as a poll would).
    if (parsed.delivery.silences) store.replaceUpstreamSilences(source.id, parsed.delivery.silences, now);
    recordGroupDelivery(ctx.settings, source.id, parsed.delivery, now);
    ctx.sources.recordSuccess(source.id, now, store.countForSource(source.id, now, result.created));
    const delivered: IngestOutcome = {
      kind: input.kind,
      rawId,
      accepted: alerts.length,
      created: result.created,
      updated: result.updated,
      transitions: result.transitions,
      unknownKeys: result.unknownKeys,
      silences: parsed.delivery.silences?.length ?? 0,
      truncatedAlerts: parsed.delivery.truncatedAlerts,
      groupKey: parsed.delivery.groupKey,
    };
    return { outcome: delivered, notify: result.notify, ids: result.ids, sourceId: source.id };
  })();
  // Told only after the commit: whoever re-reads sees the new rows.
  ctx.events.emit('alerts.changed', { reason: 'ingest', notify, ...(ids.length <= 5000 ? { ids } : {}) });
  ctx.events.emit('sources.changed', { sourceId });
  return { outcome, firstFingerprint: alerts[0]?.fingerprint };
}
