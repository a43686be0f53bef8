// `npm start`: builds better-sqlite3 for Electron's ABI into dist/native (the Node copy in
// node_modules stays untouched, so the CLI and the tests keep working), then launches Electron.

import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildNativeForElectron, electronBinaryPath } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = electronBinaryPath(root);
if (!binary) {
  console.error(
    'Electron could not be found or downloaded on this machine (no network access to its binary host?).\n' +
      'Run Gobag in browser mode instead:  npm run serve   and open http://127.0.0.1:7717',
  );
  process.exit(1);
}
try {
  await buildNativeForElectron(root);
} catch (error) {
  console.error(`Could not build better-sqlite3 for Electron: ${error.message}\nBrowser mode still works: npm run serve`);
  process.exit(1);
}
const child = spawn(binary, [path.join(root, 'dist', 'electron', 'main.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
