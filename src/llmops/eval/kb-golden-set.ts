import { z } from 'zod';
import { parseSetYaml } from './parse-set.ts';

export const kbGoldenItemSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9]*-?\d{3}$/),
  question: z.string().min(1),
  route: z.enum(['documents', 'both', 'none']),
  expected_sources: z.array(z.string()).default([]),
  key_facts: z.array(z.string()).default([]),
});
export type KbGoldenItem = z.infer<typeof kbGoldenItemSchema>;

export function parseKbGoldenSet(yamlText: string): KbGoldenItem[] {
  return parseSetYaml(yamlText, kbGoldenItemSchema, 'knowledge-base golden set');
}
