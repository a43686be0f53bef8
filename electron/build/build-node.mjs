// Bundles the Node side: the `gobag` CLI, the Electron main process, the board worker thread and the sandboxed preload.
// better-sqlite3 stays external (native); `electron` is provided by the Electron runtime.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __GOBAG_VERSION__: JSON.stringify(pkg.version) },
  external: ['better-sqlite3', 'electron'],
  absWorkingDir: root,
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/cli/gobag.ts'], outfile: 'dist/electron/cli.js' }),
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.js' }),
  build({ ...common, entryPoints: ['electron/alerts/boardWorker.ts'], outfile: 'dist/electron/boardWorker.js' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.js', sourcemap: false }),
  build({ ...common, entryPoints: ['test/bench/bench.ts'], outfile: 'dist/test/bench.js', external: ['better-sqlite3', 'electron', 'minisearch'] }),
]);
fs.chmodSync(path.join(root, 'dist/electron/cli.js'), 0o755);
