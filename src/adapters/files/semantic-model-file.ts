import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SemanticModelFile } from '../../domain/semantic/model-schema.ts';
import { parseSemanticModelFile } from '../../domain/semantic/semantic-model.ts';

/*
 * The semantic model as the compiled build ships it: `npm install` (bin/build-dist.js) parses and
 * validates data/semantic-model.yml once and writes the result as JSON into dist/, with the hash
 * of the YAML it came from. Loading the YAML parser, parsing and validating cost ~150 ms of every
 * CLI start; reading the JSON costs under one. The JSON is used only while its hash matches the
 * YAML beside it, so an edited model file is always parsed (and validated) afresh.
 */

interface PrecompiledModel {
  sourceSha256: string;
  file: SemanticModelFile;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Where the compiled build keeps the precompiled model (dist/semantic-model.json, beside the code
 * whose schema validated it); null when running the TypeScript sources, whose schema may differ.
 */
export function precompiledModelPath(): string | null {
  const buildDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  return basename(buildDir) === 'dist' ? join(buildDir, 'semantic-model.json') : null;
}

/**
 * The validated model file at `yamlPath`: from `precompiledPath` when that holds this very YAML's
 * parse (it was validated by the same build's schema when written), else parsed and validated now.
 */
export function loadSemanticModelFile(
  yamlPath: string,
  precompiledPath: string | null = precompiledModelPath(),
): SemanticModelFile {
  const yamlText = readFileSync(yamlPath, 'utf8');
  const precompiled = precompiledPath ? readPrecompiled(precompiledPath) : null;
  if (precompiled && precompiled.sourceSha256 === sha256(yamlText)) return precompiled.file;
  return parseSemanticModelFile(yamlText);
}

function readPrecompiled(path: string): PrecompiledModel | null {
  if (!existsSync(path)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const candidate = parsed as Partial<PrecompiledModel> | null;
    return typeof candidate?.sourceSha256 === 'string' && typeof candidate.file === 'object'
      ? (candidate as PrecompiledModel)
      : null;
  } catch {
    // Unreadable: parse the YAML instead, as without a build.
    return null;
  }
}

/** For the build: parses and validates the YAML (throwing as the CLI would) and writes the JSON. */
export function writePrecompiledSemanticModel(yamlPath: string, outPath: string): void {
  const yamlText = readFileSync(yamlPath, 'utf8');
  const precompiled: PrecompiledModel = {
    sourceSha256: sha256(yamlText),
    file: parseSemanticModelFile(yamlText),
  };
  writeFileSync(outPath, JSON.stringify(precompiled));
}
