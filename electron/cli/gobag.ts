// The CLI (bundled to dist/electron/gobag.js, started by launcher.ts as dist/electron/cli.js).
import { processIo, runCli } from './main';

runCli(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
