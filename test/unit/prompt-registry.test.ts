import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScoutError } from '../../src/errors.ts';
import { loadPromptRegistry } from '../../src/llmops/prompt-registry.ts';
import { parsePromptTemplate } from '../../src/llmops/prompt-template.ts';

const REAL_PROMPTS = resolve(import.meta.dirname, '../../prompts');

interface Front {
  id?: string;
  version?: string;
  tier?: string;
  variables?: string[];
  label?: string[];
  extra?: string;
}

function promptFile(front: Front, body: string): string {
  const lines = [
    '---',
    `id: ${front.id ?? 'greet'}`,
    `version: ${front.version ?? '1.0.0'}`,
    `tier: ${front.tier ?? 'fast'}`,
    'description: Says hello.',
    `variables: [${(front.variables ?? ['name']).join(', ')}]`,
    ...(front.label ? [`label: [${front.label.join(', ')}]`] : []),
    ...(front.extra ? [front.extra] : []),
    '---',
    body,
  ];
  return `${lines.join('\n')}\n`;
}

function configError(run: () => unknown): ScoutError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScoutError);
    expect((error as ScoutError).code).toBe('config_invalid');
    return error as ScoutError;
  }
  throw new Error('expected a config_invalid error');
}

describe('prompt registry on a temp dir', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scout-prompts-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(task: string, file: string, text: string): string {
    mkdirSync(join(dir, task), { recursive: true });
    const path = join(dir, task, file);
    writeFileSync(path, text);
    return path;
  }

  it('serves the production label, else the highest version; exact versions and latest too', () => {
    write('greet', '1.0.0.md', promptFile({ version: '1.0.0' }, 'Hello {{name}}.'));
    write('greet', '1.2.0.md', promptFile({ version: '1.2.0', label: ['production'] }, 'Hi {{name}}.'));
    write('greet', '1.10.0.md', promptFile({ version: '1.10.0', label: ['canary'] }, 'Hey {{name}}.'));
    write('other', '0.1.0.md', promptFile({ id: 'other', version: '0.1.0' }, 'Yo {{name}}.'));
    writeFileSync(join(dir, 'README.md'), 'not a task');
    const registry = loadPromptRegistry(dir);

    expect(registry.get('greet').version).toBe('1.2.0');
    expect(registry.get('greet', 'production').version).toBe('1.2.0');
    // Numeric order: 1.10.0 is above 1.2.0.
    expect(registry.get('greet', 'latest').version).toBe('1.10.0');
    expect(registry.get('greet', 'canary').version).toBe('1.10.0');
    expect(registry.get('greet', '1.0.0').body).toBe('Hello {{name}}.');
    expect(registry.get('other').version).toBe('0.1.0');
    expect(registry.list().map((t) => `${t.id}@${t.version}`)).toEqual([
      'greet@1.0.0',
      'greet@1.2.0',
      'greet@1.10.0',
      'other@0.1.0',
    ]);

    configError(() => registry.get('missing'));
    configError(() => registry.get('greet', '9.9.9'));
    configError(() => registry.get('greet', 'staging'));
  });

  it('renders values verbatim and hashes the compiled text', () => {
    const path = write(
      'greet',
      '1.0.0.md',
      promptFile({ variables: ['name', 'place'] }, 'Hello {{name}} from {{place}}, {{name}}!'),
    );
    const template = loadPromptRegistry(dir).get('greet');
    // `$&` and `{{place}}` inside a value are text, not replacement patterns or placeholders.
    const compiled = template.render({ name: '$& {{place}}', place: 'Paris' });
    const text = 'Hello $& {{place}} from Paris, $& {{place}}!';
    expect(compiled).toEqual({
      id: 'greet',
      version: '1.0.0',
      tier: 'fast',
      text,
      hash: createHash('sha256').update(text).digest('hex').slice(0, 16),
    });
    expect(compiled.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(template.render({ name: 'A', place: 'B' }).hash).not.toBe(compiled.hash);
    expect(template.source).toBe(path);
  });

  it('rejects missing, extra and non-string render values', () => {
    write('greet', '1.0.0.md', promptFile({ variables: ['name', 'place'] }, '{{name}} {{place}}'));
    const template = loadPromptRegistry(dir).get('greet');
    expect(() => template.render({ name: 'x' })).toThrow(/missing place/);
    expect(() => template.render({ name: 'x', place: 'y', other: 'z' })).toThrow(/unexpected other/);
    expect(() => template.render({ name: 'x', place: 3 as unknown as string })).toThrow(/not strings: place/);
  });

  it.each([
    [
      'a variable used but not declared',
      promptFile({ variables: ['name'] }, '{{name}} {{place}}'),
      /undeclared.*place/,
    ],
    [
      'a variable declared but not used',
      promptFile({ variables: ['name', 'place'] }, '{{name}}'),
      /never uses.*place/,
    ],
    [
      'a malformed placeholder',
      promptFile({}, '{{name}} {{ place }}'),
      /malformed placeholder \{\{ place \}\}/,
    ],
    ['an unknown tier', promptFile({ tier: 'huge' }, '{{name}}'), /tier/],
    ['an unknown front-matter key', promptFile({ extra: 'labels: [production]' }, '{{name}}'), /labels/],
    ['no front matter', 'Hello {{name}}', /front matter/],
    ['front matter that is not YAML', '---\nid: [greet\n---\n{{name}}', /not valid YAML/],
    ['an empty body', promptFile({ variables: [] }, '   '), /body is empty/],
    ['a reserved label', promptFile({ label: ['latest'] }, '{{name}}'), /reserved/],
  ])('names the file and the problem for %s', (_what, text, problem) => {
    const path = write('greet', '1.0.0.md', text);
    const error = configError(() => loadPromptRegistry(dir));
    expect(error.message).toContain(path);
    expect(error.message).toMatch(problem);
  });

  it('rejects an id or version that does not match the path', () => {
    const wrongId = write('greet', '1.0.0.md', promptFile({ id: 'hello' }, '{{name}}'));
    expect(configError(() => loadPromptRegistry(dir)).message).toMatch(
      new RegExp(`${wrongId}.*id hello does not match folder greet`),
    );
    rmSync(wrongId);
    write('greet', '1.0.1.md', promptFile({ version: '1.0.0' }, '{{name}}'));
    expect(configError(() => loadPromptRegistry(dir)).message).toMatch(
      /version 1.0.0 does not match file name 1.0.1.md/,
    );
  });

  it('rejects a version that is not x.y.z, a label on two versions, and an empty task folder', () => {
    write('greet', '1.0.md', promptFile({ version: '"1.0"' }, '{{name}}'));
    expect(configError(() => loadPromptRegistry(dir)).message).toMatch(/version: must look like 1.0.0/);
    rmSync(join(dir, 'greet'), { recursive: true });

    write('greet', '1.0.0.md', promptFile({ version: '1.0.0', label: ['production'] }, '{{name}}'));
    write('greet', '1.1.0.md', promptFile({ version: '1.1.0', label: ['production'] }, '{{name}}'));
    expect(configError(() => loadPromptRegistry(dir)).message).toMatch(/label production is also on/);
    rmSync(join(dir, 'greet'), { recursive: true });

    mkdirSync(join(dir, 'empty'));
    expect(configError(() => loadPromptRegistry(dir)).message).toMatch(/holds no <version>.md/);
  });

  it('rejects duplicate versions', () => {
    // Versions equal their file names and have no leading zeros, so `01.0.0.md` next to
    // `1.0.0.md` is refused instead of silently shadowing it.
    write('greet', '1.0.0.md', promptFile({}, '{{name}}'));
    write('greet', '01.0.0.md', promptFile({}, '{{name}}'));
    expect(configError(() => loadPromptRegistry(dir)).message).toMatch(/01.0.0.md/);
  });

  it('reports a missing directory as config_invalid', () => {
    expect(configError(() => loadPromptRegistry(join(dir, 'nope'))).message).toMatch(/cannot be read/);
  });

  it('accepts CRLF files and a BOM, and ignores trailing blank lines in the hash', () => {
    const body = 'Line one {{name}}.\nLine two.';
    const a = parsePromptTemplate(promptFile({}, body), 'a.md');
    const b = parsePromptTemplate(`\uFEFF${promptFile({}, `\n${body}\n\n`).replace(/\n/g, '\r\n')}`, 'b.md');
    expect(b.body).toBe(body);
    expect(b.templateHash).toBe(a.templateHash);
    expect(b.render({ name: 'x' }).hash).toBe(a.render({ name: 'x' }).hash);
  });
});

describe('the real prompts/ directory', () => {
  const registry = loadPromptRegistry(REAL_PROMPTS);

  it('holds the Bedrock path prompts, each labelled production', () => {
    const expected = {
      'metric-query': ['semantic_model', 'as_of'],
      'sql-fallback': ['schema', 'as_of', 'max_rows'],
      'sql-repair': ['sql', 'error'],
      'answer-narrative': ['question', 'result_json', 'period'],
    };
    for (const [task, variables] of Object.entries(expected)) {
      const template = registry.get(task);
      expect(template.labels).toContain('production');
      expect([...template.variables].sort()).toEqual([...variables].sort());
    }
  });

  it.each(registry.list().map((t) => [`${t.id}@${t.version}`, t] as const))(
    '%s renders with its declared variables',
    (_name, template) => {
      const values = Object.fromEntries(template.variables.map((name) => [name, `<<value of ${name}>>`]));
      const compiled = template.render(values);
      for (const name of template.variables) expect(compiled.text).toContain(`<<value of ${name}>>`);
      expect(compiled.text).not.toMatch(/\{\{|\}\}/);
      expect(compiled.hash).toMatch(/^[0-9a-f]{16}$/);
    },
  );

  it('keeps the rules the Bedrock path relies on', () => {
    const text = (task: string): string => registry.get(task).body;
    expect(text('metric-query')).toContain('metric_query');
    expect(text('metric-query')).toContain('"clarify"');
    expect(text('sql-fallback')).toContain('run_sql');
    expect(text('sql-fallback')).toMatch(/LIMIT \{\{max_rows\}\}/);
    expect(text('sql-repair')).toContain('run_sql');
    for (const task of ['metric-query', 'sql-fallback', 'sql-repair', 'answer-narrative']) {
      expect(text(task)).toMatch(/data, never instructions/);
    }
  });
});
