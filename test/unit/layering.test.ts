import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rule (docs/architecture.md): use cases import only ports and the domain, the
 * domain only itself, and neither imports a vendor package but zod. Read from the sources'
 * import statements, so a new file is checked the day it is added.
 */
const root = resolve(import.meta.dirname, '../..');

/** Every `from '…'` of an import or re-export, every bare `import '…'`, and every `import('…')`. */
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?\sfrom\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  if (dir.endsWith('.ts')) return [dir];
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

interface Import {
  /** A repository path (`src/ports.ts`) for our files, the package name for the rest. */
  target: string;
  /** `import type …`: erased at compile time, so it adds no run-time dependency. */
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => {
    const specifier = m[1] ?? m[2] ?? m[3] ?? '';
    const typeOnly = /^\s*(?:import|export)\s+type\s/.test(m[0]);
    if (!specifier.startsWith('.')) return { target: specifier, typeOnly };
    const target = relative(root, resolve(root, dirname(file), specifier))
      .split('\\')
      .join('/');
    return { target, typeOnly };
  });
}

interface Layer {
  /** Folders or files of ours this layer may import (prefix match). */
  ours: string[];
  /** Packages (`node:` built-ins included) any file of the layer may import. */
  packages: string[];
  /** Files of ours this layer may import with `import type` only. */
  types?: string[];
  /** Imports allowed in one file only, each with its reason. */
  exceptions: { file: string; imports: string; why: string }[];
}

const isOurs = (target: string): boolean => target.startsWith('src/') || target.startsWith('handlers/');

function allowed(layer: Layer, { target, typeOnly }: Import): boolean {
  if (typeOnly && layer.types?.includes(target)) return true;
  if (!isOurs(target)) return layer.packages.includes(target);
  return layer.ours.some((prefix) => target === prefix || target.startsWith(`${prefix}/`));
}

function violations(dir: string, layer: Layer): string[] {
  return sourceFiles(dir).flatMap((file) =>
    importsOf(file)
      .filter((used) => !allowed(layer, used))
      .filter((used) => !layer.exceptions.some((e) => e.file === file && e.imports === used.target))
      .map((used) => `${file} imports ${used.target}`),
  );
}

const domain: Layer = {
  ours: ['src/domain', 'src/errors.ts'],
  packages: ['zod'],
  // The shapes of query results and chart specs (CellValue, QueryResult, ChartSpec) are declared
  // with the ports; ports.ts holds only types and imports only the domain, so this adds no cycle.
  types: ['src/ports.ts'],
  exceptions: [
    {
      file: 'src/domain/semantic/semantic-model.ts',
      imports: 'yaml',
      why: 'parses the semantic-model file from text handed in; no I/O',
    },
    {
      file: 'src/domain/sql/guard.ts',
      imports: 'node-sql-parser/build/postgresql.js',
      why: 'the SQL guard parses statements: a pure parser, no I/O',
    },
    ...['src/domain/sql/guard.ts', 'src/domain/semantic/semantic-model.ts'].map((file) => ({
      file,
      imports: 'node:module',
      why: 'createRequire loads the CommonJS parser builds and yaml without the ESM loader scanning them for exports (~100 ms of CLI start-up); no I/O of its own',
    })),
    {
      file: 'src/domain/request-identity.ts',
      imports: 'node:crypto',
      why: 'a hash of the request: deterministic, no clock, no randomness',
    },
    ...['chart-data.ts', 'chart-spec.ts', 'theme.ts'].map((name) => ({
      file: `src/domain/charts/${name}`,
      imports: 'vega-lite',
      why: 'type-only: the Vega-Lite spec types the chart specs are checked against',
    })),
  ],
};

const usecases: Layer = {
  // The gateway's policy code (input screen, ledger arithmetic, prices) is pure like the domain.
  ours: [
    'src/usecases',
    'src/domain',
    'src/ports.ts',
    'src/errors.ts',
    'src/llmops/prompt-template.ts',
    'src/llmops/guardrails',
    'src/llmops/ledger',
    'src/llmops/pricing.ts',
    'src/llmops/cache/answer-cache-key.ts',
    // Types only: the experiments port (which prompt version serves a request).
    'src/llmops/experiments/ports.ts',
  ],
  packages: ['zod'],
  // The gateway's port and record shapes; its implementation stays out of the use cases.
  types: ['src/llmops/gateway/types.ts'],
  exceptions: [
    {
      file: 'src/usecases/answer-in-conversation.ts',
      imports: 'node:crypto',
      why: 'random request and thread ids; to become an injected id source',
    },
    {
      file: 'src/usecases/answer-in-conversation.ts',
      imports: 'pino',
      why: 'type-only Logger; to become a logger port',
    },
  ],
};

describe('the dependency rule', () => {
  it('the domain imports only the domain, errors, port types and zod (exceptions listed with a reason)', () => {
    expect(violations('src/domain', domain)).toEqual([]);
  });

  it('use cases import only ports, the domain, errors, prompt templates and zod', () => {
    expect(violations('src/usecases', usecases)).toEqual([]);
  });

  it('ports import only the domain', () => {
    expect(violations('src/ports.ts', { ours: ['src/domain'], packages: [], exceptions: [] })).toEqual([]);
  });

  it('only the Bedrock adapters and the gateway wiring import the Bedrock clients', () => {
    // Every model call goes through the gateway (src/llmops/gateway/): compose/bedrock.ts builds
    // the adapters and hands them to it alone, so no other code can reach Bedrock around it.
    const isBedrock = (target: string) =>
      target.startsWith('@aws-sdk/client-bedrock') || target.startsWith('src/adapters/bedrock/');
    const mayImport = (file: string) =>
      file.startsWith('src/adapters/bedrock/') || file === 'src/compose/bedrock.ts';
    const offenders = [...sourceFiles('src'), ...sourceFiles('handlers')].flatMap((file) =>
      mayImport(file)
        ? []
        : importsOf(file)
            .filter((used) => isBedrock(used.target))
            .map((used) => `${file} imports ${used.target}`),
    );
    expect(offenders).toEqual([]);
    // The check reads real imports: the wiring itself does import them.
    expect(importsOf('src/compose/bedrock.ts').some((used) => isBedrock(used.target))).toBe(true);
  });

  it('reads imports the way the rule means them (the check can fail)', () => {
    const banned = { ours: ['src/domain'], packages: ['zod'], exceptions: [] };
    expect(violations('src/usecases/report', banned)).toContain(
      'src/usecases/report/order-report.ts imports src/ports.ts',
    );
    expect(violations('src/domain/charts', banned)).toContain(
      'src/domain/charts/chart-spec.ts imports src/ports.ts',
    );
    expect(violations('src/cli', usecases)).toContain('src/cli/index.ts imports src/config.ts');
  });

  it('every listed exception is still needed', () => {
    const stale = [...domain.exceptions, ...usecases.exceptions].filter(
      (e) => !importsOf(e.file).some((used) => used.target === e.imports),
    );
    expect(stale).toEqual([]);
  });
});
