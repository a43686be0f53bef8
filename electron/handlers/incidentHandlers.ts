import type { AppContext } from '../app/appContext';
import type { incidentsMethods, IncidentDetail, IncidentSummary, TimelineEntry } from '../../shared/api/incidents';
import { ROLE_LABELS } from '../../shared/api/incidents';
import { ApiFailure } from '../../shared/api/result';
import {
  assemblePostmortem,
  buildHandoffBrief,
  computeMetrics,
  formatUtc,
  mergeTimelines,
  severityLabel,
  statusChangeText,
  suspectChangesForIncident,
  weekStartUtc,
  weeklyTrends,
} from '../../shared/domain/incidents';
import { createIncidentStore, type IncidentField } from '../store/incidentStore';
import { isoNow } from '../store/clock';
import { createIncidentFeeds, type IncidentFeeds } from './incidentFeeds';
import type { HandlersFor } from '.';

/** How far before customer impact the console looks for suspect changes. */
const SUSPECT_WINDOW_MINUTES = 240;
const DAY_MS = 24 * 3_600_000;

const KEY_TIME_LABELS: Record<string, string> = {
  impactStartAt: 'Customer impact start',
  detectedAt: 'Detected',
  acknowledgedAt: 'Acknowledged',
  stableAt: 'Stable',
  resolvedAt: 'Resolved',
};

export function incidentHandlers(ctx: AppContext, feeds: IncidentFeeds = createIncidentFeeds(ctx)) {
  const store = createIncidentStore(ctx.db, ctx.outbox);
  const now = () => isoNow(ctx.clock);
  const authorOr = (author: string | undefined) => author ?? ctx.settings.get().userName;
  const changed = (incidentId: string | null) => ctx.events.emit('incidents.changed', { incidentId });

  function requireIncident(idOrRef: string): IncidentSummary {
    const at = now();
    const id = store.resolveId(idOrRef, at);
    const incident = id ? store.summary(id, at) : undefined;
    if (!incident) throw new ApiFailure('not_found', `No incident "${idOrRef}". Use the id or the INC-XXXXXX reference from \`gobag incident list\`.`);
    return incident;
  }

  function autoEntry(incidentId: string, kind: TimelineEntry['kind'], text: string, author: string, at: string): void {
    store.addEntry({ incidentId, kind, text, author, occurredAt: at, origin: 'auto' }, at);
  }

  /** Timeline entries derived from the alerts and change modules: linked alerts firing/resolving, changes recorded during the incident. */
  function feedEntries(incident: IncidentSummary, linkedAlertIds: string[], at: string): TimelineEntry[] {
    const from = incident.keyTimes.impactStartAt ?? incident.createdAt;
    const to = incident.keyTimes.resolvedAt ?? at;
    const entries: TimelineEntry[] = [];
    if (feeds.alerts && linkedAlertIds.length) {
      const names = new Map(linkedAlertIds.map((id) => [id, feeds.alerts!.get(id)?.alertname ?? id]));
      // An hour of look-back so the alert that started it shows even when impact start was set later.
      const lookBack = new Date(Date.parse(from) - 3_600_000).toISOString();
      for (const event of feeds.alerts.eventsForAlerts(linkedAlertIds, lookBack, to)) {
        entries.push({
          id: `alert:${event.alertId}:${event.at}:${event.toState}`,
          incidentId: incident.id,
          kind: 'alert',
          text: `Alert ${names.get(event.alertId)} ${event.fromState ? `${event.fromState} → ` : ''}${event.toState}`,
          author: 'alerts',
          occurredAt: event.at,
          recordedAt: event.at,
          originalOccurredAt: null,
          hypothesisState: null,
          origin: 'auto',
          refId: event.alertId,
          hlc: '',
        });
      }
    }
    if (feeds.changes) {
      for (const change of feeds.changes.listBetween(from, to)) {
        entries.push({
          id: `change:${change.id}`,
          incidentId: incident.id,
          kind: 'change',
          text: `Change recorded: ${change.title}${change.service ? ` (${change.service})` : ''}${change.author ? ` by ${change.author}` : ''}`,
          author: 'change log',
          occurredAt: change.at,
          recordedAt: change.at,
          originalOccurredAt: null,
          hypothesisState: null,
          origin: 'auto',
          refId: change.id,
          hlc: '',
        });
      }
    }
    return entries;
  }

  function detail(incident: IncidentSummary): IncidentDetail {
    const at = now();
    const linkedAlertIds = store.linkedAlertIds(incident.id);
    const suspects =
      feeds.changes && incident.keyTimes.impactStartAt
        ? suspectChangesForIncident(
            feeds.changes.suspectCandidates(
              new Date(Date.parse(incident.keyTimes.impactStartAt) - SUSPECT_WINDOW_MINUTES * 60_000).toISOString(),
              incident.keyTimes.impactStartAt,
              incident.service,
              50,
            ),
            { impactStartAt: incident.keyTimes.impactStartAt, service: incident.service, windowMinutes: SUSPECT_WINDOW_MINUTES },
          ).slice(0, 10)
        : [];
    return {
      incident,
      roles: store.roles(incident.id),
      timeline: mergeTimelines(store.entries(incident.id), feedEntries(incident, linkedAlertIds, at)),
      tasks: store.tasks(incident.id),
      comms: store.comms(incident.id),
      history: store.history(incident.id),
      remediations: store.remediationsFor(incident.id),
      linkedAlertIds,
      suspects,
      metrics: computeMetrics(incident.keyTimes, incident.customersAffected, Date.parse(at)),
      feeds: { alerts: feeds.alerts !== null, changes: feeds.changes !== null },
    };
  }

  function postmortem(incident: IncidentSummary) {
    const full = detail(incident);
    const draft = store.postmortemDraft(incident.id);
    const { sections, markdown } = assemblePostmortem({ ...full, draft, remediations: full.remediations }, ctx.clock.now().getTime(), formatUtc);
    return { incident, draft, sections, markdown, remediations: full.remediations };
  }

  return {
    'incidents.list': ({ state, limit }) => store.list(state, limit, now()),

    'incidents.declare': (input) => {
      const at = now();
      const author = authorOr(input.author);
      const alert = input.alertId && feeds.alerts ? feeds.alerts.get(input.alertId) : undefined;
      if (input.alertId && feeds.alerts && !alert) throw new ApiFailure('not_found', `No alert "${input.alertId}" to declare from.`);
      const alertStart = alert?.startsAt ? new Date(alert.startsAt).toISOString() : null;
      const normalise = (iso: string | undefined) => (iso ? new Date(iso).toISOString() : undefined);
      // Acknowledged is when the page was acked (the a on the board), if that was for this firing;
      // dating it at the declaration made time to acknowledge the time it took to open the form.
      const alertAck = alert?.ackedAt ? new Date(alert.ackedAt).toISOString() : null;
      const ackedThisFiring = alertAck && (!alertStart || alertAck >= alertStart) && alertAck <= at ? alertAck : null;
      const id = ctx.db.transaction(() => {
        const newId = store.insert(
          {
            title: input.title,
            severity: input.severity,
            service: input.service ?? (alert ? (alert.labels.service ?? alert.labels.job ?? alert.labels.app ?? null) : null),
            summary: input.summary ?? alert?.summary ?? '',
            detectionMethod: input.detectionMethod ?? (input.alertId ? 'monitoring' : null),
            impactStartAt: normalise(input.impactStartAt) ?? alertStart ?? at,
            detectedAt: normalise(input.detectedAt) ?? alertStart ?? at,
            acknowledgedAt: ackedThisFiring ?? at,
          },
          at,
        );
        autoEntry(newId, 'status', `Incident declared: ${severityLabel(input.severity)}${alert ? ` from alert ${alert.alertname}` : ''}`, author, at);
        if (input.alertId) store.linkAlert(newId, input.alertId, at);
        return newId;
      })();
      changed(id);
      return store.summary(id, at)!;
    },

    'incidents.get': ({ id }) => detail(requireIncident(id)),

    'incidents.update': (input) => {
      const incident = requireIncident(input.id);
      const at = now();
      const author = authorOr(input.author);
      const reason = input.reason ?? null;
      ctx.db.transaction(() => {
        const set = (field: IncidentField, value: string | number | null) => store.setField(incident.id, field, value, author, reason, at);
        if (input.title !== undefined) set('title', input.title);
        if (input.summary !== undefined) set('summary', input.summary);
        if (input.service !== undefined) set('service', input.service);
        if (input.category !== undefined) set('category', input.category);
        if (input.customersAffected !== undefined) set('customersAffected', input.customersAffected);
        if (input.detectionMethod !== undefined) set('detectionMethod', input.detectionMethod);
        if (input.severity !== undefined && set('severity', input.severity)) {
          autoEntry(incident.id, 'severity', `Severity Sev${incident.severity} → Sev${input.severity}${reason ? `: ${reason}` : ''}`, author, at);
        }
        if (input.keyTimes) {
          for (const [field, value] of Object.entries(input.keyTimes) as [IncidentField, string | null][]) {
            const normalised = value === null ? null : new Date(value).toISOString();
            if (set(field, normalised)) {
              autoEntry(incident.id, 'key_time', `${KEY_TIME_LABELS[field]} set to ${normalised ? formatUtc(normalised) : 'nothing'}${reason ? ` (${reason})` : ''}`, author, at);
            }
          }
        }
        if (input.status !== undefined && set('status', input.status)) {
          // The reason typed in the status dialog belongs in the timeline the postmortem is written from.
          autoEntry(incident.id, 'status', `${statusChangeText(incident.status, input.status)}${reason ? `: ${reason}` : ''}`, author, at);
          // Reaching a stage stamps its key time unless someone already set it by hand.
          if ((input.status === 'stable' || input.status === 'resolved') && !store.field(incident.id, 'stableAt')) set('stableAt', at);
          if (input.status === 'resolved' && !store.field(incident.id, 'resolvedAt')) set('resolvedAt', at);
          if (input.status === 'resolved') set('nextUpdateAt', null);
        }
      })();
      changed(incident.id);
      return store.summary(incident.id, now())!;
    },

    'incidents.assignRole': (input) => {
      const incident = requireIncident(input.incidentId);
      const at = now();
      const author = authorOr(input.author);
      const assignment = ctx.db.transaction(() => {
        const previous = store.currentRoleHolder(incident.id, input.role);
        const result = store.assignRole(incident.id, input.role, input.person, input.contactId ?? null, author, at);
        const label = ROLE_LABELS[input.role] ?? input.role;
        autoEntry(incident.id, 'role', previous ? `${label} handed over: ${previous.person} → ${input.person}` : `${label}: ${input.person}`, author, at);
        return result;
      })();
      changed(incident.id);
      return assignment;
    },

    'incidents.addEntry': (input) => {
      const incident = requireIncident(input.incidentId);
      const at = now();
      const entry = store.addEntry(
        { incidentId: incident.id, kind: input.kind, text: input.text, author: authorOr(input.author), occurredAt: input.occurredAt ? new Date(input.occurredAt).toISOString() : at, origin: 'person' },
        at,
      );
      changed(incident.id);
      return entry;
    },

    'incidents.updateEntry': (input) => {
      const existing = store.entry(input.id);
      if (!existing) throw new ApiFailure('not_found', `No timeline entry "${input.id}".`);
      if (input.hypothesisState && existing.kind !== 'hypothesis') throw new ApiFailure('invalid_input', 'hypothesisState applies to hypothesis entries only.', [{ path: 'hypothesisState', message: 'not a hypothesis' }]);
      const entry = store.updateEntry(input.id, { occurredAt: input.occurredAt ? new Date(input.occurredAt).toISOString() : undefined, hypothesisState: input.hypothesisState }, authorOr(input.author), now());
      changed(entry.incidentId);
      return entry;
    },

    'incidents.addTask': (input) => {
      const incident = requireIncident(input.incidentId);
      const at = now();
      const author = authorOr(input.author);
      const task = ctx.db.transaction(() => {
        const created = store.addTask(incident.id, input.title, input.owner?.trim() || null, input.dueAt ? new Date(input.dueAt).toISOString() : null, at);
        autoEntry(incident.id, 'task', `Task: ${created.title}${created.owner ? ` → ${created.owner}` : ''}${created.dueAt ? `, due ${formatUtc(created.dueAt)}` : ''}`, author, at);
        return created;
      })();
      changed(incident.id);
      return task;
    },

    'incidents.updateTask': (input) => {
      const task = store.task(input.id);
      if (!task) throw new ApiFailure('not_found', `No task "${input.id}".`);
      const at = now();
      const author = authorOr(input.author);
      const status = input.status ?? task.status;
      const updated = ctx.db.transaction(() => {
        const result = store.updateTask(
          {
            ...task,
            status,
            owner: input.owner !== undefined ? input.owner : task.owner,
            dueAt: input.dueAt !== undefined ? (input.dueAt ? new Date(input.dueAt).toISOString() : null) : task.dueAt,
            doneAt: status === 'open' ? null : (task.doneAt ?? at),
          },
          at,
        );
        if (status !== task.status) autoEntry(task.incidentId, 'task', `Task ${status === 'open' ? 'reopened' : status}: ${task.title}`, author, at);
        return result;
      })();
      changed(task.incidentId);
      return updated;
    },

    'incidents.logComms': (input) => {
      const incident = requireIncident(input.incidentId);
      const at = now();
      const author = authorOr(input.author);
      const nextUpdateAt = input.nextUpdateAt
        ? new Date(input.nextUpdateAt).toISOString()
        : input.nextUpdateMinutes
          ? new Date(Date.parse(at) + input.nextUpdateMinutes * 60_000).toISOString()
          : null;
      const comms = ctx.db.transaction(() => {
        const logged = store.addComms({ incidentId: incident.id, audience: input.audience, channel: input.channel, text: input.text, author, sentAt: at, nextUpdateAt }, at);
        store.setField(incident.id, 'nextUpdateAt', nextUpdateAt, author, null, at);
        autoEntry(incident.id, 'comms', `Update to ${input.audience} via ${input.channel}: ${input.text}${nextUpdateAt ? ` (next update by ${formatUtc(nextUpdateAt)})` : ''}`, author, at);
        return logged;
      })();
      changed(incident.id);
      return comms;
    },

    'incidents.handoff': ({ id }) => {
      const full = detail(requireIncident(id));
      return { markdown: buildHandoffBrief(full, ctx.clock.now().getTime(), formatUtc) };
    },

    'incidents.linkAlert': ({ incidentId, alertId }) => {
      const incident = requireIncident(incidentId);
      if (feeds.alerts && !feeds.alerts.get(alertId)) throw new ApiFailure('not_found', `No alert "${alertId}".`);
      const at = now();
      ctx.db.transaction(() => {
        if (store.linkAlert(incident.id, alertId, at)) {
          autoEntry(incident.id, 'alert', `Alert linked: ${feeds.alerts?.get(alertId)?.alertname ?? alertId}`, authorOr(undefined), at);
        }
      })();
      changed(incident.id);
      return { linkedAlertIds: store.linkedAlertIds(incident.id) };
    },

    'incidents.forAlert': ({ alertId }) => {
      const at = now();
      return store
        .incidentsForAlert(alertId)
        .flatMap((incidentId) => store.summary(incidentId, at) ?? [])
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },

    'incidents.postmortem': ({ id }) => postmortem(requireIncident(id)),

    'incidents.updatePostmortem': (input) => {
      const incident = requireIncident(input.id);
      const current = store.postmortemDraft(incident.id);
      const draft = {
        description: input.description ?? current.description,
        causes: input.causes ?? current.causes,
        stabilisation: input.stabilisation ?? current.stabilisation,
        fix: input.fix ?? current.fix,
        impact: input.impact ?? current.impact,
        lessons: input.lessons ?? current.lessons,
      };
      store.savePostmortemDraft(incident.id, draft, authorOr(input.author), now());
      changed(incident.id);
      return postmortem(store.summary(incident.id, now())!);
    },

    'incidents.addRemediation': (input) => {
      const incident = requireIncident(input.incidentId);
      const item = store.addRemediation(incident.id, input.title, input.owner?.trim() || null, input.dueAt ? new Date(input.dueAt).toISOString() : null, input.priority, now());
      changed(incident.id);
      return item;
    },

    'incidents.updateRemediation': (input) => {
      const item = store.remediation(input.id);
      if (!item) throw new ApiFailure('not_found', `No remediation "${input.id}".`);
      const at = now();
      const status = input.status ?? item.status;
      const updated = store.updateRemediation(
        {
          ...item,
          status,
          owner: input.owner !== undefined ? input.owner : item.owner,
          dueAt: input.dueAt !== undefined ? (input.dueAt ? new Date(input.dueAt).toISOString() : null) : item.dueAt,
          priority: input.priority ?? item.priority,
          doneAt: status === 'done' || status === 'wont_do' ? (item.doneAt ?? at) : null,
        },
        at,
      );
      changed(item.incidentId);
      return updated;
    },

    'incidents.remediations': ({ overdueOnly }) => (overdueOnly ? store.overdueRemediations(now()) : store.openRemediations()),

    'incidents.review': ({ weeks }) => {
      const at = now();
      const nowMs = Date.parse(at);
      const since24h = new Date(nowMs - DAY_MS).toISOString();
      const firstWeek = new Date(Date.parse(weekStartUtc(nowMs)) - (weeks - 1) * 7 * DAY_MS).toISOString();
      let pagesPerWeek: Map<string, number> | null = null;
      let alertVolume24h: number | null = null;
      if (feeds.alerts) {
        pagesPerWeek = new Map(feeds.alerts.firingPerBucket(firstWeek, at, 7 * 24 * 60).map((b) => [new Date(b.t).toISOString(), b.count]));
        alertVolume24h = feeds.alerts.firingPerBucket(since24h, at, 24 * 60).reduce((n, b) => n + b.count, 0);
      }
      const inRange = store.createdSince(firstWeek, at);
      return {
        generatedAt: at,
        last24h: store.createdSince(since24h, at),
        open: store.list('open', 200, at),
        overdueRemediations: store.overdueRemediations(at),
        overdueTasks: store.overdueTasks(at),
        alertVolume24h,
        weeks: weeklyTrends(inRange, nowMs, weeks, pagesPerWeek),
      };
    },
  } satisfies HandlersFor<keyof typeof incidentsMethods>;
}
