import type { CliCommand } from '../command';
import { formatAge } from '../format';

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'Database path, schema version, row counts per table, and freshness of every source',
  usage: 'gobag status [--check] [--json]   (--check: run SQLite\'s integrity check now; exit 1 if it fails)',
  options: { check: { type: 'boolean' } },
  async run(run) {
    const status = await run.call('system.status', { checkIntegrity: run.values.check === true });
    // Refused feed payloads wait here for a human; show them where people look first.
    const quarantine = await run.call('alerts.quarantine', { limit: 5 });
    run.print({ ...status, quarantine }, () => {
      const now = Date.now();
      const lines = [
        `Gobag ${status.appVersion}`,
        `Database:       ${status.databasePath}`,
        `Schema version: ${status.schemaVersion}`,
        `Integrity:      ${
          status.integrity
            ? `${status.integrity.ok ? 'ok' : `FAILED: ${status.integrity.detail}`} (checked ${formatAge(now - Date.parse(status.integrity.checkedAt))} ago)`
            : 'not checked yet (the app checks a minute after start and daily; gobag status --check runs it now)'
        }`,
        '',
        'Rows per table:',
        ...status.tables.map((t) => `  ${t.name.padEnd(28)} ${t.rows < 0 ? 'UNREADABLE' : String(t.rows).padStart(9)}`),
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
    return status.integrity && !status.integrity.ok ? 1 : 0;
  },
};
