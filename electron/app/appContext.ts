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
  const settings = createSettingsStore(db);
  const hlc = createHybridLogicalClock(installationNodeId(settings), () => clock.now().getTime());
  return {
    appVersion: APP_VERSION,
    dataDir: options.dataDir,
    databasePath,
    db,
    clock,
    events: new EventBus(),
    hlc,
    sources: createSourceStore(db),
    settings,
    outbox: createOutboxStore(db, hlc),
  };
}

export function closeAppContext(ctx: AppContext): void {
  if (ctx.db.open) ctx.db.close();
}

/** A random id per database, naming this laptop in hybrid logical clock timestamps. */
function installationNodeId(settings: SettingsStore): string {
  const stored = settings.readValue('nodeId');
  if (typeof stored === 'string') return stored;
  const id = randomBytes(6).toString('hex');
  settings.writeValue('nodeId', id, new Date().toISOString());
  return id;
}
