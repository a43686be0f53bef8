import type { CliCommand } from '../command';
import { formatAge } from '../format';

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'Database path, schema version, row counts per table, and freshness of every source',
  usage: 'gobag status [--json]',
  async run(run) {
    const status = await run.call('system.status', {});
    // Refused feed payloads wait here for a human; show them where people look first.
    const quarantine = await run.call('alerts.quarantine', { limit: 5 });
    run.print({ ...status, quarantine }, () => {
      const now = Date.now();
      const lines = [
        `Gobag ${status.appVersion}`,
        `Database:       ${status.databasePath}`,
        `Schema version: ${status.schemaVersion}`,
        '',
        'Rows per table:',
        ...status.tables.map((t) => `  ${t.name.padEnd(28)} ${String(t.rows).padStart(9)}`),
        '',
        'Sources:',
        ...(status.sources.length === 0
          ? ['  (none yet: import runbooks, contacts, schedules or connect an alert feed)']
          : status.sources.map(
              (s) =>
                `  ${`${s.kind}/${s.name}`.padEnd(36)} ${String(s.itemCount).padStart(7)} items  ` +
                `refreshed ${s.lastRefreshAt ? `${formatAge(now - Date.parse(s.lastRefreshAt))} ago` : 'never'}` +
                (s.lastError ? `  LAST ERROR: ${s.lastError}` : ''),
            )),
        '',
        `Quarantine (refused alert payloads): ${quarantine.total}`,
        ...quarantine.items.map((q) => `  ${q.receivedAt}  ${q.kind} via ${q.via}  ${q.error.slice(0, 160)}  (${q.id})`),
        ...(quarantine.total > quarantine.items.length ? ['  … more with `gobag alerts quarantine`'] : []),
      ];
      return lines.join('\n');
    });
    return 0;
  },
};
