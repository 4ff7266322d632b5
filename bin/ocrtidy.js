#!/usr/bin/env node
// Thin launcher: the CLI is written in TypeScript (src/cli) and compiled to dist/ by `npm run build`
// (run automatically by `npm ci` / `npm install` through the prepare script).
import { main } from '../dist/cli/index.js';

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`ocrtidy: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
