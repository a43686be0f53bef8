import { CliUsageError } from '../command';
import type { CliImporter } from './importers';
import { parseWhen } from './change';

export const changesImporter: CliImporter = {
  what: 'changes',
  summary: "Import a git repository's commits (or release tags) as changes",
  usage: 'gobag import changes --git <dir> [--path P] [--tags] [--since 30d|ISO] [--service S] [--env E] [--json]',
  options: {
    git: { type: 'string' },
    path: { type: 'string' },
    tags: { type: 'boolean' },
    since: { type: 'string' },
    service: { type: 'string' },
    env: { type: 'string' },
  },
  async run(run) {
    const dir = typeof run.values.git === 'string' ? run.values.git : run.positionals[0];
    if (!dir) throw new CliUsageError('say which repository: gobag import changes --git <dir>');
    const since = typeof run.values.since === 'string' ? parseWhen(run.values.since, '--since') : undefined;
    const result = await run.call('changes.importGit', {
      dir,
      path: typeof run.values.path === 'string' ? run.values.path : undefined,
      tags: run.values.tags === true ? true : undefined,
      since,
      service: typeof run.values.service === 'string' ? run.values.service : undefined,
      environment: typeof run.values.env === 'string' ? run.values.env : undefined,
    });
    run.print(result, () => `Imported ${result.imported} new change${result.imported === 1 ? '' : 's'} from ${dir} (${result.scanned} ${run.values.tags ? 'tags' : 'commits'} read, ${result.skipped} already there).`);
    return 0;
  },
};
