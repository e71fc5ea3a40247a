#!/usr/bin/env node
// Entry point for `npx motcua …` and the npm scripts. Runs the TypeScript sources through tsx so that a
// clean `npm ci` is all a newcomer needs (no separate build step for the CLI).
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
const { main } = await import(path.join(here, '..', 'src', 'cli', 'main.ts'));
const code = await main(process.argv.slice(2));
process.exitCode = typeof code === 'number' ? code : 0;
