import { z } from 'zod';
import { ScoutError } from '../../errors.ts';
import { parseSetYaml } from './parse-set.ts';

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
  const items = parseSetYaml(yamlText, goldenItemSchema, 'golden set');
  const ids = items.map((item) => item.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate)
    throw new ScoutError('bad_input', `duplicate golden id ${duplicate}`, {
      userMessage: `Duplicate golden id ${duplicate}.`,
    });
  return items;
}
