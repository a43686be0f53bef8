import type { CliCommand } from '../command';

export const settingsCommand: CliCommand = {
  name: 'settings',
  summary: 'Show or change local settings (your name in timelines, when a source counts as stale)',
  usage: 'gobag settings [--user NAME] [--stale-after-hours N] [--json]',
  options: {
    user: { type: 'string' },
    'stale-after-hours': { type: 'string' },
  },
  async run(run) {
    const patch: { userName?: string; staleAfterHours?: number } = {};
    if (typeof run.values.user === 'string') patch.userName = run.values.user;
    if (typeof run.values['stale-after-hours'] === 'string') patch.staleAfterHours = Number(run.values['stale-after-hours']);
    const settings = Object.keys(patch).length ? await run.call('settings.update', patch) : await run.call('settings.get', {});
    run.print(settings, () => `User name:         ${settings.userName}\nStale after:       ${settings.staleAfterHours} h`);
    return 0;
  },
};
