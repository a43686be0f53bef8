import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Gobag';

/**
 * The per-user data directory, the same one Electron's `app.getPath('userData')` gives for our
 * product name, so the CLI and the desktop app share one database. `GOBAG_DATA_DIR` overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.GOBAG_DATA_DIR) return path.resolve(env.GOBAG_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

export function databasePathIn(dataDir: string): string {
  return path.join(dataDir, 'gobag.sqlite');
}
