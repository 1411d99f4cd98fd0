#!/usr/bin/env node
// `npm install` / `npm ci` (the prepare script): compiles src/ into dist/ so the CLI starts without
// run-time TypeScript. Skipped, not failed, where the compiler is absent (a production-only install,
// e.g. the Docker image, which runs the sources through tsx).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  console.error('scout: typescript not installed; the CLI will run the sources through tsx');
  process.exit(0);
}
if (!existsSync(join(root, 'tsconfig.build.json')) || !existsSync(join(root, 'src'))) process.exit(0);
// A build started now is fresh for sources older than this moment: stamp the start, after success.
const started = new Date();
rmSync(join(root, 'dist'), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noCheck'], {
  stdio: 'inherit',
});
if (result.status !== 0) {
  // No half build: the CLI falls back to the sources, and `npm test` reports the type errors.
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  console.error('scout: the build failed; the CLI will run the sources through tsx');
  process.exit(0);
}
// The semantic model, parsed and validated once here rather than at every start (the CLI uses it
// while its hash matches data/semantic-model.yml). A model that does not validate is left to the
// CLI, which reports it as it would without a build.
const modelFile = join(root, 'dist/src/adapters/files/semantic-model-file.js');
const { precompiledModelPath, writePrecompiledSemanticModel } = await import(pathToFileURL(modelFile).href);
try {
  writePrecompiledSemanticModel(join(root, 'data/semantic-model.yml'), precompiledModelPath());
} catch (error) {
  console.error(`scout: semantic model not precompiled (${error instanceof Error ? error.message : error})`);
}
const stamp = join(root, 'dist/.built');
writeFileSync(stamp, `${started.toISOString()}\n`);
utimesSync(stamp, started, started);
