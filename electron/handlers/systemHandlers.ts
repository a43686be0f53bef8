import type { AppContext } from '../app/appContext';
import type { systemMethods } from '../../shared/api/system';
import { schemaVersion } from '../store/database';
import { backupDatabase } from '../store/backup';
import { countRowsInFile, countRowsPerTable } from '../store/tableStats';
import { isoNow } from '../store/clock';
import { createIntegrityStore } from '../store/integrityStore';
import type { HandlersFor } from '.';

export function systemHandlers(ctx: AppContext) {
  return {
    'system.status': ({ checkIntegrity }) => {
      const integrity = createIntegrityStore(ctx.db, ctx.settings);
      return {
        appVersion: ctx.appVersion,
        dataDir: ctx.dataDir,
        databasePath: ctx.databasePath,
        schemaVersion: schemaVersion(ctx.db),
        tables: countRowsPerTable(ctx.db),
        sources: ctx.sources.list(),
        integrity: checkIntegrity ? integrity.check(isoNow(ctx.clock)) : integrity.last(),
      };
    },
    'system.backup': async ({ file }) => {
      const result = await backupDatabase(ctx.db, file);
      // Count from the copy itself: proof the backup opens, not just that a file appeared.
      return { file: result.file, bytes: result.bytes, tables: countRowsInFile(ctx.db, result.file) };
    },
    'sources.list': () => ctx.sources.list(),
    'settings.get': () => ctx.settings.get(),
    'settings.update': (patch) => {
      const settings = ctx.settings.update(patch, isoNow(ctx.clock));
      ctx.events.emit('settings.changed', {});
      return settings;
    },
  } satisfies HandlersFor<keyof typeof systemMethods>;
}
