#!/usr/bin/env node
// Entry point of the `gobag` bin (bundled to dist/electron/cli.js).
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
