import type { CliImporter } from './importers';
import { CliUsageError } from '../command';

/** `gobag import runbooks <dir> [--name NAME] [--url-prefix URL]`. */
export const runbooksImporter: CliImporter = {
  what: 'runbooks',
  summary: 'a folder of Markdown runbooks (a git checkout); re-importing updates changed files and removes deleted ones',
  usage: 'gobag import runbooks <dir | https://…/runbooks.tar.gz> [--name NAME] [--url-prefix URL] [--json]',
  options: {
    name: { type: 'string' },
    'url-prefix': { type: 'string' },
  },
  async run(run) {
    const dir = run.positionals[0];
    if (!dir) throw new CliUsageError('import runbooks needs the folder, e.g. gobag import runbooks ~/src/runbooks --url-prefix https://runbooks.example.com/');
    const name = typeof run.values.name === 'string' ? run.values.name : undefined;
    const urlPrefix = typeof run.values['url-prefix'] === 'string' ? run.values['url-prefix'] : undefined;
    const options = { ...(name ? { name } : {}), ...(urlPrefix ? { urlPrefix } : {}) };
    const report = /^https?:\/\//i.test(dir) ? await run.call('runbooks.importUrl', { url: dir, ...options }) : await run.call('runbooks.import', { dir, ...options });
    run.print(report, () =>
      [
        `Imported runbooks "${report.sourceName}" from ${report.dir} in ${report.durationMs} ms:`,
        `  ${report.runbookCount} runbooks, ${report.sectionCount} sections searchable`,
        `  ${report.added} added, ${report.updated} updated, ${report.removed} removed, ${report.unchanged} unchanged, ${report.imagesStored} images stored`,
        ...(report.skipped.length ? [`  skipped ${report.skipped.length}:`, ...report.skipped.map((s) => `    ${s.path} — ${s.reason}`)] : []),
        ...(report.warnings.length ? [`  warnings ${report.warnings.length}:`, ...report.warnings.map((w) => `    ${w.path}: ${w.message}`)] : []),
      ].join('\n'),
    );
    return 0;
  },
};
