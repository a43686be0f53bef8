import fs from 'node:fs';
import type { AppContext } from '../app/appContext';
import type { BackgroundService } from '../app/backgroundServices';
import { RUNBOOK_SOURCE_KIND } from '../store/runbookStore';
import { importRunbookFolder, readRunbookSourceConfig } from './importRunbooks';

/** Edits arrive in bursts (git checkout, an editor's save dance): wait for quiet before re-importing. */
const QUIET_MS = 400;
/** New sources (imported from the UI or CLI) get a watcher within this time. */
const RESCAN_MS = 5_000;

/**
 * Keeps imported runbook folders current while the app runs: a recursive `fs.watch` per source
 * folder, debounced into an incremental re-import (unchanged files are skipped by content hash).
 * A folder that disappears is recorded as the source's error; its last copy stays.
 */
export function createRunbookFolderWatcher(options: { quietMs?: number; rescanMs?: number } = {}): BackgroundService {
  const quietMs = options.quietMs ?? QUIET_MS;
  const rescanMs = options.rescanMs ?? RESCAN_MS;
  return {
    name: 'runbook-folder-watcher',
    start(ctx: AppContext) {
      const watchers = new Map<string, { dir: string; watcher: fs.FSWatcher | undefined; timer: NodeJS.Timeout | undefined }>();

      const reimport = (sourceId: string) => {
        const entry = watchers.get(sourceId);
        if (!entry || !ctx.db.open) return;
        entry.timer = undefined;
        const source = ctx.sources.get(sourceId);
        const config = readRunbookSourceConfig(ctx.sources.config(sourceId));
        if (!source || !config) return;
        try {
          importRunbookFolder(ctx, { dir: config.dir, name: source.name, urlPrefix: config.urlPrefix });
        } catch {
          // importRunbookFolder recorded the failure on the source; the watcher keeps going.
        }
      };

      const attach = () => {
        if (!ctx.db.open) return;
        for (const source of ctx.sources.list(RUNBOOK_SOURCE_KIND)) {
          const config = readRunbookSourceConfig(ctx.sources.config(source.id));
          // Downloaded archives change only when Gobag re-downloads them, and that imports anyway.
          if (!config || config.archiveUrl) continue;
          const existing = watchers.get(source.id);
          if (existing && existing.dir === config.dir && existing.watcher) continue;
          existing?.watcher?.close();
          const entry = { dir: config.dir, watcher: undefined as fs.FSWatcher | undefined, timer: undefined as NodeJS.Timeout | undefined };
          watchers.set(source.id, entry);
          try {
            entry.watcher = fs.watch(config.dir, { recursive: true, persistent: false }, () => {
              if (entry.timer) clearTimeout(entry.timer);
              entry.timer = setTimeout(() => reimport(source.id), quietMs);
            });
            entry.watcher.on('error', () => {
              entry.watcher?.close();
              entry.watcher = undefined;
              reimport(source.id);
            });
          } catch {
            // Folder missing right now (unmounted disk): retried on the next rescan.
            entry.watcher = undefined;
          }
        }
      };

      attach();
      const rescan = setInterval(attach, rescanMs);
      rescan.unref();
      return () => {
        clearInterval(rescan);
        for (const entry of watchers.values()) {
          if (entry.timer) clearTimeout(entry.timer);
          entry.watcher?.close();
        }
        watchers.clear();
      };
    },
  };
}

export const runbookFolderWatcher = createRunbookFolderWatcher();
