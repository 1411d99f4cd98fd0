import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ScoutError } from '../../errors.ts';

export const goldenItemSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9]*-?\d{3}$/),
    question: z.string(),
    expect: z.enum(['answered', 'clarify', 'refused']),
    ordered: z.boolean().default(false),
    tags: z.array(z.string()).default([]),
    sql: z.string().optional(),
    why: z.string().optional(),
  })
  .refine((item) => item.expect !== 'answered' || Boolean(item.sql), {
    message: 'answered items need reference sql',
  });

export type GoldenItem = z.infer<typeof goldenItemSchema>;

export function parseGoldenSet(yamlText: string): GoldenItem[] {
  const parsed = z.array(goldenItemSchema).safeParse(parseYaml(yamlText));
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new ScoutError('bad_input', `golden set is invalid: ${detail}`, {
      userMessage: `The golden set is invalid: ${detail}`,
    });
  }
  const ids = parsed.data.map((item) => item.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate)
    throw new ScoutError('bad_input', `duplicate golden id ${duplicate}`, {
      userMessage: `Duplicate golden id ${duplicate}.`,
    });
  return parsed.data;
}
