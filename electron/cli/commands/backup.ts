import type { CliCommand } from '../command';
import { CliUsageError } from '../command';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Copy the database to <file> with the SQLite online backup API (safe while the app runs)',
  usage: 'gobag backup <file> [--json]',
  async run(run) {
    const file = run.positionals[0];
    if (!file) throw new CliUsageError('backup needs the file to write, e.g. gobag backup ~/gobag-2026-11-22.sqlite');
    const result = await run.call('system.backup', { file });
    const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
    run.print(result, () => `Backed up to ${result.file} (${result.bytes} bytes, ${rows} rows in ${result.tables.length} tables).`);
    return 0;
  },
};
