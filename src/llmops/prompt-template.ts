import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ScoutError } from '../errors.ts';

/** Which model class a prompt is written for; the composition root maps tiers to model ids. */
export type PromptTier = 'fast' | 'strong';

/** `1.0.0`: three numbers without leading zeros, so `1.0.0` and `01.0.0` cannot both exist. */
const VERSION_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const NAME_PATTERN = /^[a-z][a-z0-9_-]*$/;
const VARIABLE_PATTERN = /^[a-z][a-z0-9_]*$/;
/** Every `{{…}}` in a body; anything inside that is not a variable name is rejected (typo guard). */
const PLACEHOLDER = /\{\{(.*?)\}\}/g;

export const promptFrontMatterSchema = z.strictObject({
  id: z.string().regex(NAME_PATTERN, 'must be lower-case letters, digits, - or _'),
  version: z.string().regex(VERSION_PATTERN, 'must look like 1.0.0'),
  tier: z.enum(['fast', 'strong']),
  description: z.string().trim().min(1),
  variables: z
    .array(z.string().regex(VARIABLE_PATTERN, 'must be lower-case letters, digits or _'))
    .refine((names) => new Set(names).size === names.length, 'must not repeat a name'),
  label: z
    .array(z.string().regex(NAME_PATTERN, 'must be lower-case letters, digits, - or _'))
    .refine((names) => new Set(names).size === names.length, 'must not repeat a label')
    .default([]),
});

export type PromptFrontMatter = z.infer<typeof promptFrontMatterSchema>;

/** A rendered prompt plus what an audit record needs to identify it. */
export interface CompiledPrompt {
  id: string;
  version: string;
  tier: PromptTier;
  text: string;
  /** First 16 hex chars of sha256(text): which exact text a model saw. */
  hash: string;
}

export interface PromptTemplate {
  readonly id: string;
  readonly version: string;
  readonly tier: PromptTier;
  readonly description: string;
  readonly variables: readonly string[];
  readonly labels: readonly string[];
  /** The template body (front matter removed, surrounding blank lines trimmed). */
  readonly body: string;
  /** First 16 hex chars of sha256(body): changes whenever the file's template changes. */
  readonly templateHash: string;
  /** Where the template came from, for error messages. */
  readonly source: string;
  render(values: Record<string, string>): CompiledPrompt;
}

export function shortSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/** Compares two `1.2.3` versions numerically (so 1.10.0 > 1.9.0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function isVersion(text: string): boolean {
  return VERSION_PATTERN.test(text);
}

function invalid(source: string, problem: string): ScoutError {
  const message = `prompt ${source}: ${problem}`;
  return new ScoutError('config_invalid', message, { userMessage: message });
}

/** Splits `---\n<yaml>\n---\n<body>`; tolerates a BOM and CRLF line ends. */
function splitFrontMatter(text: string, source: string): { yaml: string; body: string } {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n([\s\S]*))?$/.exec(
    text.replace(/^\uFEFF/, ''),
  );
  if (!match) throw invalid(source, 'must start with YAML front matter between two --- lines');
  return { yaml: match[1] ?? '', body: (match[2] ?? '').replace(/\r\n/g, '\n') };
}

/** The variable names a body uses, in order of first use; malformed placeholders throw. */
function placeholdersIn(body: string, source: string): string[] {
  const used: string[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!VARIABLE_PATTERN.test(name)) {
      throw invalid(source, `malformed placeholder ${match[0]} (write {{name}}, lower-case, no spaces)`);
    }
    if (!used.includes(name)) used.push(name);
  }
  return used;
}

/**
 * Parses one prompt file. `source` names it in errors (e.g. `prompts/metric-query/1.0.0.md`).
 * Checks the front matter and that declared and used variables are the same set.
 */
export function parsePromptTemplate(text: string, source: string): PromptTemplate {
  const { yaml, body: rawBody } = splitFrontMatter(text, source);
  let raw: unknown;
  try {
    raw = parseYaml(yaml);
  } catch (error) {
    throw invalid(
      source,
      `front matter is not valid YAML: ${error instanceof Error ? error.message : error}`,
    );
  }
  const parsed = promptFrontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw invalid(source, `bad front matter: ${detail}`);
  }
  const meta = parsed.data;
  // Trimmed so an editor's trailing newline does not change the hash of every render.
  const body = rawBody.replace(/^\s*\n/, '').trimEnd();
  if (body.trim() === '') throw invalid(source, 'template body is empty');

  const used = placeholdersIn(body, source);
  const undeclared = used.filter((name) => !meta.variables.includes(name));
  if (undeclared.length > 0) throw invalid(source, `uses undeclared variables: ${undeclared.join(', ')}`);
  const unused = meta.variables.filter((name) => !used.includes(name));
  if (unused.length > 0)
    throw invalid(source, `declares variables the body never uses: ${unused.join(', ')}`);

  return {
    id: meta.id,
    version: meta.version,
    tier: meta.tier,
    description: meta.description,
    variables: meta.variables,
    labels: meta.label,
    body,
    templateHash: shortSha256(body),
    source,
    render: (values) => render(meta, body, source, values),
  };
}

function render(
  meta: PromptFrontMatter,
  body: string,
  source: string,
  values: Record<string, string>,
): CompiledPrompt {
  const given = Object.keys(values);
  const missing = meta.variables.filter((name) => !Object.hasOwn(values, name));
  const extra = given.filter((name) => !meta.variables.includes(name));
  const notText = given.filter((name) => typeof values[name] !== 'string');
  if (missing.length > 0 || extra.length > 0 || notText.length > 0) {
    const problems = [
      missing.length > 0 ? `missing ${missing.join(', ')}` : '',
      extra.length > 0 ? `unexpected ${extra.join(', ')}` : '',
      notText.length > 0 ? `not strings: ${notText.join(', ')}` : '',
    ].filter(Boolean);
    // A caller bug, not bad config: the code and the prompt disagree on the variables.
    throw new ScoutError('internal', `prompt ${source}: render values ${problems.join('; ')}`);
  }
  // One pass with a replacer function: values go in verbatim (`$&` is not special, and a value
  // containing `{{x}}` is never expanded again, so user text cannot inject template variables).
  const text = body.replace(PLACEHOLDER, (_whole, name: string) => values[name] ?? '');
  return { id: meta.id, version: meta.version, tier: meta.tier, text, hash: shortSha256(text) };
}
