import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ScoutError } from '../../errors.ts';

/** A YAML question set checked against its item schema; the first three problems name what is wrong. */
export function parseSetYaml<T extends z.ZodTypeAny>(
  yamlText: string,
  schema: T,
  setName: string,
): z.infer<T>[] {
  const parsed = schema.array().safeParse(parseYaml(yamlText));
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.')}: ${i.message}`)
    .join('; ');
  throw new ScoutError('bad_input', `${setName} is invalid: ${detail}`, {
    userMessage: `The ${setName} is invalid: ${detail}`,
  });
}
