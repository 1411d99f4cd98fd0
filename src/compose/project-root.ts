import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, so data files and prompts resolve the same from any working directory. */
export const projectRoot = rootAbove(resolve(dirname(fileURLToPath(import.meta.url)), '..'));

/** src/ sits under the root in the sources and under dist/ in the compiled build. */
function rootAbove(sourceDir: string): string {
  const parent = resolve(sourceDir, '..');
  return basename(parent) === 'dist' ? resolve(parent, '..') : parent;
}
