import type { CliCommand, CliRun } from '../command';
import { CliUsageError } from '../command';
import { formatMatcher, parseMatcherQuery } from '../../../shared/domain/alertMatchers';
import type { AlertStateFilter } from '../../../shared/api/alerts';

const STATES: readonly AlertStateFilter[] = ['firing', 'acked', 'silenced', 'resolved', 'active', 'all'];

function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)$/.exec(text.trim());
  if (!match) throw new CliUsageError(`--for takes a duration like 30m, 2h or 1d, not "${text}"`);
  const n = Number(match[1]);
  return match[2] === 'd' ? n * 1440 : match[2] === 'h' ? n * 60 : n;
}

async function list(run: CliRun): Promise<number> {
  const state = (run.values.state as string | undefined) ?? 'active';
  if (!STATES.includes(state as AlertStateFilter)) throw new CliUsageError(`--state must be one of ${STATES.join(', ')}`);
  const query = run.positionals.slice(run.positionals[0] === 'list' ? 1 : 0).join(' ');
  const limit = run.values.limit ? Number(run.values.limit) : 1000;
  const result = await run.call('alerts.list', { state: state as AlertStateFilter, query, limit });
  run.print(result.alerts, () => {
    if (result.alerts.length === 0) return `No ${state} alerts${query ? ` matching ${query}` : ''}.`;
    const lines = result.alerts.map(
      (a) =>
        `${a.state.toUpperCase().padEnd(9)} ${a.severity.padEnd(8)} ${a.alertname.slice(0, 40).padEnd(40)} ${a.summary.slice(0, 60).padEnd(60)} ${a.startsAt ?? ''}  ${a.id}`,
    );
    if (result.total > result.alerts.length) lines.push(`… ${result.total - result.alerts.length} more (use --limit)`);
    return lines.join('\n');
  });
  return 0;
}

export const alertsCommand: CliCommand = {
  name: 'alerts',
  summary: 'List alerts from the local replica; ack, silence, connect an Alertmanager, show quarantine',
  usage: [
    'gobag alerts [list] [label=value … words] [--state firing|acked|silenced|resolved|active|all] [--limit N] [--json]',
    '       gobag alerts ack <alert-id…> [--note TEXT]',
    '       gobag alerts silence <matcher…> --for 2h --comment TEXT      (matchers: name=value, name!=v, name=~re, name!~re)',
    '       gobag alerts silences [--all]',
    '       gobag alerts connect <name> <url> [--bearer TOKEN | --basic user:pass | --keep-credentials] [--interval 15]',
    '       gobag alerts quarantine',
    '       gobag alerts settings [--flap-threshold K] [--flap-window MINUTES] [--retention-days D] [--group-by alertname,service/job,cluster]',
  ].join('\n'),
  options: {
    state: { type: 'string' },
    limit: { type: 'string' },
    note: { type: 'string' },
    for: { type: 'string' },
    comment: { type: 'string' },
    bearer: { type: 'string' },
    basic: { type: 'string' },
    interval: { type: 'string' },
    'keep-credentials': { type: 'boolean' },
    all: { type: 'boolean' },
    'flap-threshold': { type: 'string' },
    'flap-window': { type: 'string' },
    'retention-days': { type: 'string' },
    'group-by': { type: 'string' },
  },
  async run(run) {
    const sub = run.positionals[0];
    const args = run.positionals.slice(1);
    switch (sub) {
      case 'ack': {
        if (args.length === 0) throw new CliUsageError('ack needs at least one alert id');
        const result = await run.call('alerts.ack', { ids: args, note: typeof run.values.note === 'string' ? run.values.note : undefined });
        run.print(result, () => `Acknowledged ${result.acked} of ${args.length} alert(s).`);
        return result.acked > 0 ? 0 : 1;
      }
      case 'silence': {
        const { matchers, words, errors } = parseMatcherQuery(args.join(' '));
        if (errors.length) throw new CliUsageError(errors.join('; '));
        if (words.length) throw new CliUsageError(`not a matcher: ${words.join(' ')} (use name=value, name!=value, name=~regex, name!~regex)`);
        if (matchers.length === 0) throw new CliUsageError('silence needs at least one matcher');
        if (typeof run.values.comment !== 'string') throw new CliUsageError('--comment is required: say why');
        const silence = await run.call('alerts.silences.create', {
          matchers,
          durationMinutes: parseDuration(typeof run.values.for === 'string' ? run.values.for : '1h'),
          comment: run.values.comment,
        });
        run.print(silence, () =>
          [
            `Silence ${silence.id}: ${silence.matchers.map(formatMatcher).join(', ')} until ${silence.endsAt} (${silence.matchingAlerts} firing alert(s) match).`,
            ...silence.push.map((p) => `  Alertmanager ${p.sourceName}: ${p.state}${p.lastError ? ` (${p.lastError})` : ''}`),
          ].join('\n'),
        );
        return 0;
      }
      case 'silences': {
        const silences = await run.call('alerts.silences.list', { includeExpired: run.values.all === true });
        run.print(silences, () =>
          silences.length === 0
            ? 'No active silences.'
            : silences
                .map((s) => `${s.status.padEnd(8)} ${s.origin === 'local' ? 'local' : `am:${s.sourceName ?? '?'}`}  ${s.matchers.map(formatMatcher).join(', ')}  until ${s.endsAt}  by ${s.createdBy}: ${s.comment}  ${s.id}`)
                .join('\n'),
        );
        return 0;
      }
      case 'connect': {
        const [name, url] = args;
        if (!name || !url) throw new CliUsageError('connect needs a name and the Alertmanager URL');
        let basicAuth: { username: string; password: string } | undefined;
        if (typeof run.values.basic === 'string') {
          const i = run.values.basic.indexOf(':');
          if (i < 1) throw new CliUsageError('--basic takes user:password');
          basicAuth = { username: run.values.basic.slice(0, i), password: run.values.basic.slice(i + 1) };
        }
        const health = await run.call('alerts.connect', {
          name,
          url,
          intervalSeconds: run.values.interval ? Number(run.values.interval) : 15,
          bearerToken: typeof run.values.bearer === 'string' ? run.values.bearer : undefined,
          basicAuth,
          keepCredentials: run.values['keep-credentials'] === true,
        });
        run.print(health, () =>
          health.lastError
            ? `Saved Alertmanager ${name} (${health.url ?? url}); first poll failed: ${health.lastError}. Gobag keeps trying every interval.`
            : `Connected Alertmanager ${name}: ${health.itemCount} alert(s) replicated.`,
        );
        return 0;
      }
      case 'quarantine': {
        const q = await run.call('alerts.quarantine', { limit: 50 });
        run.print(q, () =>
          q.total === 0 ? 'No refused payloads.' : [`${q.total} refused payload(s), newest first:`, ...q.items.map((i) => `  ${i.receivedAt}  ${i.kind} via ${i.via}  ${i.error}  (${i.id})`)].join('\n'),
        );
        return 0;
      }
      case 'settings': {
        const number = (name: string): number | undefined => {
          const raw = run.values[name];
          if (typeof raw !== 'string') return undefined;
          const n = Number(raw);
          if (!Number.isFinite(n)) throw new CliUsageError(`--${name} takes a number, not "${raw}"`);
          return n;
        };
        const patch = {
          flapThreshold: number('flap-threshold'),
          flapWindowMinutes: number('flap-window'),
          rawRetentionDays: number('retention-days'),
          groupBy: typeof run.values['group-by'] === 'string' ? run.values['group-by'].split(',').map((g) => g.trim()).filter(Boolean) : undefined,
        };
        const changed = Object.values(patch).some((v) => v !== undefined);
        const settings = changed ? await run.call('alerts.settings.update', patch) : await run.call('alerts.settings.get', {});
        run.print(settings, () =>
          [
            `Flapping: more than ${settings.flapThreshold} state changes within ${settings.flapWindowMinutes} min`,
            `Raw payloads kept: ${settings.rawRetentionDays} days, at most ${settings.rawRetentionMaxPayloads.toLocaleString()}`,
            `Default grouping: ${settings.groupBy.join(', ') || 'none'}`,
          ].join('\n'),
        );
        return 0;
      }
      default:
        return list(run);
    }
  },
};
