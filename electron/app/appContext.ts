import { randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../store/database';
import { systemClock, type Clock } from '../store/clock';
import { createSourceStore, type SourceStore } from '../store/sourceStore';
import { createSettingsStore, type SettingsStore } from '../store/settingsStore';
import { createOutboxStore, type OutboxStore } from '../store/outboxStore';
import { createHybridLogicalClock, type HybridLogicalClock } from '../../shared/domain/hlc';
import { EventBus } from './eventBus';
import { databasePathIn } from './paths';
import { APP_VERSION } from './version';

/**
 * Everything a handler, connector or command needs, built once by a composition root
 * (the CLI, `gobag serve`, or the Electron main process) and passed down; nothing is global.
 */
export interface AppContext {
  readonly appVersion: string;
  readonly dataDir: string;
  readonly databasePath: string;
  readonly db: Db;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly hlc: HybridLogicalClock;
  readonly sources: SourceStore;
  readonly settings: SettingsStore;
  readonly outbox: OutboxStore;
}

export interface CreateAppContextOptions {
  dataDir: string;
  clock?: Clock;
  nativeBinding?: string;
}

export async function createAppContext(options: CreateAppContextOptions): Promise<AppContext> {
  const databasePath = databasePathIn(options.dataDir);
  const db = await openDatabase({ file: databasePath, nativeBinding: options.nativeBinding });
  const clock = options.clock ?? systemClock;
  const hlc = createHybridLogicalClock(installationNodeId(db), () => clock.now().getTime());
  return {
    appVersion: APP_VERSION,
    dataDir: options.dataDir,
    databasePath,
    db,
    clock,
    events: new EventBus(),
    hlc,
    sources: createSourceStore(db),
    settings: createSettingsStore(db),
    outbox: createOutboxStore(db, hlc),
  };
}

export function closeAppContext(ctx: AppContext): void {
  if (ctx.db.open) ctx.db.close();
}

/** A random id per database, naming this laptop in hybrid logical clock timestamps. */
function installationNodeId(db: Db): string {
  const row = db.prepare<[], { value_json: string }>("SELECT value_json FROM settings WHERE key = 'nodeId'").get();
  if (row) return JSON.parse(row.value_json) as string;
  const id = randomBytes(6).toString('hex');
  db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('nodeId', ?, ?)").run(JSON.stringify(id), new Date().toISOString());
  return id;
}
