import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ScoutError } from '../../errors.ts';

export const kbGoldenItemSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9]*-?\d{3}$/),
  question: z.string().min(1),
  route: z.enum(['documents', 'both', 'none']),
  expected_sources: z.array(z.string()).default([]),
  key_facts: z.array(z.string()).default([]),
});
export type KbGoldenItem = z.infer<typeof kbGoldenItemSchema>;

export function parseKbGoldenSet(yamlText: string): KbGoldenItem[] {
  const parsed = z.array(kbGoldenItemSchema).safeParse(parseYaml(yamlText));
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new ScoutError('bad_input', `kb golden set is invalid: ${detail}`, {
      userMessage: `The knowledge-base golden set is invalid: ${detail}`,
    });
  }
  return parsed.data;
}
