import type { CliCommand, CliRun } from '../command';
import { CliUsageError } from '../command';
import { INCIDENT_STATUSES, MANUAL_ENTRY_KINDS, type IncidentSummary } from '../../../shared/api/incidents';
import { formatDuration, formatUtc } from '../../../shared/domain/incidents';

const USAGE = [
  'gobag incident declare "<title>" [--sev 1|2|3] [--service S] [--alert ALERT_ID] [--json]',
  '       gobag incident list [--open] [--json]',
  '       gobag incident show <id> [--json]',
  '       gobag incident note <id> "<text>" [--kind note|action|decision|hypothesis|comms] [--at ISO] [--json]',
  '       gobag incident status <id> investigating|identified|stable|resolved [--json]',
  '       gobag incident task <id> "<title>" [--owner NAME] [--due ISO] [--json]',
  '       gobag incident role <id> commander|captain|communications|operations|<custom> "<person>" [--json]',
  '       gobag incident comms <id> "<text>" [--audience A] [--channel C] [--next-minutes N] [--json]',
  '       gobag incident handoff <id>',
].join('\n');

function severityOf(value: string | boolean | (string | boolean)[] | undefined): 1 | 2 | 3 | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (n === 1 || n === 2 || n === 3) return n;
  throw new CliUsageError(`--sev must be 1, 2 or 3, not "${String(value)}"`);
}

function text(run: CliRun, name: string): string | undefined {
  const value = run.values[name];
  return typeof value === 'string' ? value : undefined;
}

function line(i: IncidentSummary): string {
  return `${i.ref}  Sev${i.severity}  ${i.status.padEnd(13)} ${i.title}  (${i.id})`;
}

export const incidentCommand: CliCommand = {
  name: 'incident',
  summary: 'Declare and run incidents: declare, list, show, note, status, task, role, comms, handoff',
  usage: USAGE,
  options: {
    sev: { type: 'string' },
    service: { type: 'string' },
    alert: { type: 'string' },
    open: { type: 'boolean' },
    kind: { type: 'string' },
    at: { type: 'string' },
    owner: { type: 'string' },
    due: { type: 'string' },
    audience: { type: 'string' },
    channel: { type: 'string' },
    'next-minutes': { type: 'string' },
  },
  async run(run) {
    const [sub, first, second] = run.positionals;
    switch (sub) {
      case 'declare': {
        if (!first) throw new CliUsageError('declare needs a title, e.g. gobag incident declare "Checkout returns 502" --sev 1');
        const incident = await run.call('incidents.declare', { title: first, severity: severityOf(run.values.sev), service: text(run, 'service'), alertId: text(run, 'alert') });
        run.print(incident, () => `Declared ${line(incident)}`);
        return 0;
      }
      case 'list': {
        const list = await run.call('incidents.list', { state: run.values.open ? 'open' : 'all' });
        run.print(list, () => (list.length ? list.map(line).join('\n') : 'No incidents.'));
        return 0;
      }
      case 'show': {
        if (!first) throw new CliUsageError('show needs an incident id');
        const detail = await run.call('incidents.get', { id: first });
        run.print(detail, () => {
          const i = detail.incident;
          return [
            line(i),
            `Impact start ${i.keyTimes.impactStartAt ? formatUtc(i.keyTimes.impactStartAt) : '—'} · time to detect ${formatDuration(detail.metrics.timeToDetectMs)} · impact ${formatDuration(detail.metrics.timeToStableMs)}${detail.metrics.impactOngoing ? ' (ongoing)' : ''}`,
            '',
            ...detail.timeline.map((e) => `${formatUtc(e.occurredAt)}  ${e.kind.padEnd(10)} ${e.text}  — ${e.author}`),
          ].join('\n');
        });
        return 0;
      }
      case 'note': {
        if (!first || !second) throw new CliUsageError('note needs an incident id and the text');
        const kind = text(run, 'kind') ?? 'note';
        if (!(MANUAL_ENTRY_KINDS as readonly string[]).includes(kind)) throw new CliUsageError(`--kind must be one of ${MANUAL_ENTRY_KINDS.join(', ')}`);
        const entry = await run.call('incidents.addEntry', { incidentId: first, kind: kind as (typeof MANUAL_ENTRY_KINDS)[number], text: second, occurredAt: text(run, 'at') });
        run.print(entry, () => `Recorded ${entry.kind} at ${formatUtc(entry.occurredAt)} (${entry.id}).`);
        return 0;
      }
      case 'status': {
        if (!first || !second) throw new CliUsageError(`status needs an incident id and one of ${INCIDENT_STATUSES.join(', ')}`);
        if (!(INCIDENT_STATUSES as readonly string[]).includes(second)) throw new CliUsageError(`status must be one of ${INCIDENT_STATUSES.join(', ')}`);
        const incident = await run.call('incidents.update', { id: first, status: second as (typeof INCIDENT_STATUSES)[number] });
        run.print(incident, () => line(incident));
        return 0;
      }
      case 'task': {
        if (!first || !second) throw new CliUsageError('task needs an incident id and the task title');
        const task = await run.call('incidents.addTask', { incidentId: first, title: second, owner: text(run, 'owner'), dueAt: text(run, 'due') });
        run.print(task, () => `Task added: ${task.title}${task.owner ? ` → ${task.owner}` : ''} (${task.id})`);
        return 0;
      }
      case 'role': {
        const person = run.positionals[3];
        if (!first || !second || !person) throw new CliUsageError('role needs an incident id, the role and the person');
        const assignment = await run.call('incidents.assignRole', { incidentId: first, role: second, person });
        run.print(assignment, () => `${assignment.role}: ${assignment.person} (since ${formatUtc(assignment.assignedAt)})`);
        return 0;
      }
      case 'comms': {
        if (!first || !second) throw new CliUsageError('comms needs an incident id and the text that was sent');
        const minutesText = text(run, 'next-minutes');
        const nextUpdateMinutes = minutesText === undefined ? undefined : Number(minutesText);
        if (nextUpdateMinutes !== undefined && !(Number.isInteger(nextUpdateMinutes) && nextUpdateMinutes > 0)) throw new CliUsageError(`--next-minutes must be whole minutes, not "${minutesText}"`);
        const comms = await run.call('incidents.logComms', {
          incidentId: first,
          text: second,
          audience: text(run, 'audience') ?? 'Customers',
          channel: text(run, 'channel') ?? 'Status page',
          nextUpdateMinutes,
        });
        run.print(comms, () => `Logged update to ${comms.audience} via ${comms.channel}${comms.nextUpdateAt ? `; next update due ${formatUtc(comms.nextUpdateAt)}` : ''}.`);
        return 0;
      }
      case 'handoff': {
        if (!first) throw new CliUsageError('handoff needs an incident id');
        const { markdown } = await run.call('incidents.handoff', { id: first });
        run.print({ markdown }, () => markdown);
        return 0;
      }
      default:
        throw new CliUsageError(sub ? `unknown subcommand "${sub}"` : 'which subcommand?');
    }
  },
};

export const postmortemCommand: CliCommand = {
  name: 'postmortem',
  summary: 'Print the blameless postmortem draft of an incident (Markdown or JSON)',
  usage: 'gobag postmortem <id> [--format md|json]',
  options: { format: { type: 'string' } },
  async run(run) {
    const id = run.positionals[0];
    if (!id) throw new CliUsageError('postmortem needs an incident id');
    const format = text(run, 'format') ?? (run.io.json ? 'json' : 'md');
    if (format !== 'md' && format !== 'json') throw new CliUsageError(`--format must be md or json, not "${format}"`);
    const postmortem = await run.call('incidents.postmortem', { id });
    if (format === 'json') run.io.stdout(JSON.stringify(postmortem, null, 2));
    else run.io.stdout(postmortem.markdown);
    return 0;
  },
};
