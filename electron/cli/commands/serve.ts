import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import { DEFAULT_PORT, isLoopbackHost, startHttpHost } from '../../host/httpHost';
import { createHookRoutes } from '../../host/hookRoutes';
import { startBackgroundServices } from '../../app/backgroundServices';
import { warmUpFirstScreen } from '../../app/firstScreen';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Browser mode: serve the cockpit, the API and the webhooks on http://127.0.0.1:7717',
  usage: 'gobag serve [--port N] [--host 127.0.0.1] [--token T]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    token: { type: 'string' },
  },
  async run(run) {
    const port = run.values.port === undefined ? DEFAULT_PORT : Number(run.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError(`--port must be a port number, not "${String(run.values.port)}"`);
    const host = typeof run.values.host === 'string' ? run.values.host : '127.0.0.1';
    let token = typeof run.values.token === 'string' ? run.values.token : undefined;
    if (!token && !isLoopbackHost(host)) token = randomBytes(18).toString('base64url');

    const ctx = await run.app();
    const stopServices = startBackgroundServices(ctx);
    warmUpFirstScreen(run.dispatch);
    const hostHandle = await startHttpHost({
      dispatch: run.dispatch,
      events: ctx.events,
      hooks: createHookRoutes(ctx),
      host,
      port,
      token,
      staticDir: path.join(__dirname, '..', 'renderer'),
    });
    const openUrl = token ? `${hostHandle.url}/?token=${token}` : hostHandle.url;
    run.print({ url: hostHandle.url, openUrl, token: token ?? null, databasePath: ctx.databasePath }, () =>
      [`Gobag is serving ${openUrl}`, `Database: ${ctx.databasePath}`, token ? `Token: ${token}` : '', 'Press Ctrl+C to stop.']
        .filter(Boolean)
        .join('\n'),
    );

    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    stopServices();
    await hostHandle.close();
    return 0;
  },
};
