import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadSemanticModelFile,
  precompiledModelPath,
  writePrecompiledSemanticModel,
} from '../../src/adapters/files/semantic-model-file.ts';
import { parseSemanticModelFile } from '../../src/domain/semantic/semantic-model.ts';

const modelYaml = readFileSync(new URL('../../data/semantic-model.yml', import.meta.url), 'utf8');
let dir: string;
let yamlPath: string;
let jsonPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scout-model-'));
  yamlPath = join(dir, 'semantic-model.yml');
  jsonPath = join(dir, 'semantic-model.json');
  writeFileSync(yamlPath, modelYaml);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the precompiled semantic model', () => {
  it('loads exactly what parsing the YAML gives', () => {
    writePrecompiledSemanticModel(yamlPath, jsonPath);
    expect(loadSemanticModelFile(yamlPath, jsonPath)).toEqual(parseSemanticModelFile(modelYaml));
  });

  it('is used only while it matches the YAML: an edited model is parsed afresh', () => {
    writePrecompiledSemanticModel(yamlPath, jsonPath);
    writeFileSync(yamlPath, modelYaml.replace(/^name: .*$/m, 'name: edited_model'));
    expect(loadSemanticModelFile(yamlPath, jsonPath).name).toBe('edited_model');
  });

  it('falls back to the YAML when the JSON is missing or unreadable', () => {
    expect(loadSemanticModelFile(yamlPath, jsonPath)).toEqual(parseSemanticModelFile(modelYaml));
    writeFileSync(jsonPath, '{ not json');
    expect(loadSemanticModelFile(yamlPath, jsonPath)).toEqual(parseSemanticModelFile(modelYaml));
  });

  it('reports an invalid edit as the YAML parse does, not with the stale JSON', () => {
    writePrecompiledSemanticModel(yamlPath, jsonPath);
    writeFileSync(yamlPath, 'version: [');
    expect(() => loadSemanticModelFile(yamlPath, jsonPath)).toThrow(/semantic model is not valid YAML/);
  });

  it('is not looked for when running the TypeScript sources', () => {
    expect(precompiledModelPath()).toBeNull();
  });
});
