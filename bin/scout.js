#!/usr/bin/env node
// Scout's command-line entry. Runs the compiled build in dist/ (made by `npm install` / `npm ci`)
// when it is at least as new as every source file; otherwise, or with SCOUT_FROM_SOURCE=1, loads
// the TypeScript sources through tsx, so someone editing src/ never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiledMain = join(root, 'dist/src/main.js');
// The directories tsconfig.build.json compiles (prompts/ and data files are read at run time).
const sourceDirs = ['src', 'handlers', 'data/generator'];

/** The newest modification time under a directory (a stat walk: a few milliseconds). */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

function compiledIsFresh() {
  const stamp = join(root, 'dist/.built');
  if (process.env.SCOUT_FROM_SOURCE === '1' || !existsSync(stamp) || !existsSync(compiledMain)) return false;
  const built = statSync(stamp).mtimeMs;
  return sourceDirs.every((dir) => !existsSync(join(root, dir)) || newestMtime(join(root, dir)) <= built);
}

let main;
if (compiledIsFresh()) {
  ({ main } = await import(pathToFileURL(compiledMain).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
