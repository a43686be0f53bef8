import fs from 'node:fs';
import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import { ALERT_SOURCE_KINDS, truncationNotice, type AlertSourceKind } from '../../../shared/domain/alertPayloads';

export const ingestCommand: CliCommand = {
  name: 'ingest',
  summary: 'Ingest an alert payload (alertmanager|grafana|pagerduty|generic) from a file or stdin, like the webhook',
  usage: [
    'gobag ingest <alertmanager|grafana|pagerduty|generic> <file|-> [--json]',
    '',
    'generic JSON (one object, an array, or {"alerts": [...]}):',
    '  {"summary": "Disk full on db1", "severity": "critical|warning|info", "source": "cron-checker",',
    '   "labels": {"service": "db"}, "annotations": {"runbook_url": "https://…"}, "dedup_key": "db1/disk",',
    '   "status": "firing|resolved", "starts_at": "2026-11-22T03:12:00Z", "url": "https://…"}',
    '  Only summary is required; without dedup_key the identity is a hash of source + labels.',
  ].join('\n'),
  async run(run) {
    const [kind, file] = run.positionals;
    if (!kind || !ALERT_SOURCE_KINDS.includes(kind as AlertSourceKind)) {
      throw new CliUsageError(`the first argument is the payload kind: ${ALERT_SOURCE_KINDS.join(', ')}`);
    }
    if (!file) throw new CliUsageError('give the payload file, or - for stdin');
    let body: string;
    try {
      body = file === '-' ? await run.io.readStdin() : fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliUsageError(`cannot read ${file}: ${(error as Error).message}`);
    }
    const result = await run.call('alerts.ingest', { kind: kind as AlertSourceKind, body, via: 'cli' });
    run.print(result, () =>
      [
        result.silences > 0 && result.accepted === 0
          ? `Accepted a list of ${result.silences} Alertmanager silence${result.silences === 1 ? '' : 's'}: kept as what this source silences now.`
          : `Accepted ${result.accepted} ${kind} alert${result.accepted === 1 ? '' : 's'}: ${result.created} new, ${result.updated} updated, ${result.transitions} state change${result.transitions === 1 ? '' : 's'}.`,
        result.unknownKeys.length ? `No alert known for dedup key(s): ${result.unknownKeys.join(', ')} (payload kept).` : '',
        result.truncatedAlerts > 0 ? truncationNotice(kind, result.truncatedAlerts, result.groupKey) : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    return 0;
  },
};
