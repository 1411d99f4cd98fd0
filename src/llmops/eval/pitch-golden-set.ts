import { z } from 'zod';
import { parseSetYaml } from './parse-set.ts';

export const pitchGoldenItemSchema = z.strictObject({
  id: z.string().regex(/^pg-\d{3}$/),
  brand: z.string().min(1),
  program: z
    .string()
    .regex(/^PRG-\d{2}$/)
    .optional(),
  goal: z.string().optional(),
  /** Overrides the as-of date (YYYY-MM-DD). */
  as_of: z
    .union([z.string(), z.date()])
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
    .optional(),
  note: z.string().optional(),
  expect: z.strictObject({
    status: z.enum(['drafted', 'clarify', 'refused', 'error']),
    program: z.string().nullable().optional(),
    narrative: z.enum(['growing', 'declining', 'new_channel', 'under_qualifying']).optional(),
    qualifies: z.boolean().optional(),
    /** The brand has guidelines in data/kb/brand-guidelines/ and the brand check applied them. */
    guidelines: z.boolean().optional(),
    suggestion: z.string().optional(),
  }),
});
export type PitchGoldenItem = z.infer<typeof pitchGoldenItemSchema>;

export function parsePitchGoldenSet(yamlText: string): PitchGoldenItem[] {
  return parseSetYaml(yamlText, pitchGoldenItemSchema, 'pitch golden set');
}
