import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ScoutError } from '../errors.ts';
import { compareVersions, isVersion, type PromptTemplate, parsePromptTemplate } from './prompt-template.ts';

export type { CompiledPrompt, PromptTemplate, PromptTier } from './prompt-template.ts';

/** The label `get` serves by default: where a deploy or a rollback points. */
export const PRODUCTION_LABEL = 'production';
/** Always the highest version; computed, so no file may claim it. */
export const LATEST_LABEL = 'latest';

export interface PromptRegistry {
  /**
   * A version (`1.0.0`) or a label. `production` falls back to the highest version when no
   * version carries the label; `latest` is always the highest version.
   */
  get(task: string, versionOrLabel?: string): PromptTemplate;
  /** Every template, by task then ascending version. */
  list(): PromptTemplate[];
}

function invalid(message: string): ScoutError {
  return new ScoutError('config_invalid', message, { userMessage: message });
}

function subdirectories(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new ScoutError('config_invalid', `prompt directory ${dir} cannot be read: ${String(error)}`, {
      cause: error,
    });
  }
  // Root-level files (README.md) and hidden folders are not tasks.
  return names.filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isDirectory()).sort();
}

/** Reads `<dir>/<task>/<version>.md` for every task; throws on the first bad file. */
function loadTask(dir: string, task: string): PromptTemplate[] {
  const taskDir = join(dir, task);
  const files = readdirSync(taskDir)
    .filter((name) => name.endsWith('.md') && !name.startsWith('.'))
    .sort();
  if (files.length === 0) throw invalid(`prompt folder ${taskDir} holds no <version>.md file`);

  const templates: PromptTemplate[] = [];
  for (const file of files) {
    const path = join(taskDir, file);
    const template = parsePromptTemplate(readFileSync(path, 'utf8'), path);
    const fileVersion = file.slice(0, -'.md'.length);
    if (template.id !== task)
      throw invalid(`prompt ${path}: id ${template.id} does not match folder ${task}`);
    if (!isVersion(fileVersion) || template.version !== fileVersion) {
      throw invalid(`prompt ${path}: version ${template.version} does not match file name ${file}`);
    }
    const twin = templates.find((other) => compareVersions(other.version, template.version) === 0);
    if (twin) throw invalid(`prompt ${path}: duplicate version ${template.version} (also ${twin.source})`);
    if (template.labels.includes(LATEST_LABEL)) {
      throw invalid(
        `prompt ${path}: label ${LATEST_LABEL} is reserved (it always means the highest version)`,
      );
    }
    for (const label of template.labels) {
      const holder = templates.find((other) => other.labels.includes(label));
      // A label points at one version: two "production" versions would make a deploy ambiguous.
      if (holder) throw invalid(`prompt ${path}: label ${label} is also on ${holder.source}`);
    }
    templates.push(template);
  }
  return templates.sort((a, b) => compareVersions(a.version, b.version));
}

/**
 * Loads every prompt under `dir` once, synchronously (called from the composition root at
 * start-up, so a bad prompt stops the process before it serves anyone).
 */
export function loadPromptRegistry(dir: string): PromptRegistry {
  const tasks = new Map<string, PromptTemplate[]>();
  for (const task of subdirectories(dir)) tasks.set(task, loadTask(dir, task));

  return {
    get(task, versionOrLabel = PRODUCTION_LABEL) {
      const versions = tasks.get(task);
      if (!versions) throw invalid(`no prompt for task ${task} in ${dir}`);
      const highest = versions[versions.length - 1]!;
      if (isVersion(versionOrLabel)) {
        const exact = versions.find((t) => t.version === versionOrLabel);
        if (!exact) throw invalid(`prompt ${task} has no version ${versionOrLabel}`);
        return exact;
      }
      if (versionOrLabel === LATEST_LABEL) return highest;
      const labelled = versions.find((t) => t.labels.includes(versionOrLabel));
      if (labelled) return labelled;
      if (versionOrLabel === PRODUCTION_LABEL) return highest;
      throw invalid(`prompt ${task} has no version labelled ${versionOrLabel}`);
    },
    list() {
      return [...tasks.values()].flat();
    },
  };
}
