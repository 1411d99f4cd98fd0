/**
 * What the model answers in the ad-copy pipeline, checked with zod: the image description, and the
 * variants (one per persona asked for) within the channel's limits. A failing check is the
 * message of the one repair turn.
 */
import { z } from 'zod';
import type { ToolValidation } from '../../ports.ts';
import { type AdChannel, claimSchema, limitsFor, type VariantDraft } from './copy.ts';

const short = z.string().trim().max(120);

export const imageDescriptionSchema = z.strictObject({
  product_type: z.string().trim().min(1).max(80),
  materials: z.array(short).max(10),
  colours: z.array(short).max(10),
  setting: short,
  text_in_image: z.array(short).max(10),
});
export type ImageDescription = z.infer<typeof imageDescriptionSchema>;

const strings = { type: 'array', items: { type: 'string' } };

export const DESCRIBE_IMAGE_TOOL = {
  name: 'describe_image',
  description: 'Report what is visible in the product image.',
  inputSchema: {
    type: 'object',
    properties: {
      product_type: { type: 'string' },
      materials: strings,
      colours: strings,
      setting: { type: 'string' },
      text_in_image: strings,
    },
    required: ['product_type', 'materials', 'colours', 'setting', 'text_in_image'],
    additionalProperties: false,
  },
};

export function writeCopyTool(channel: AdChannel) {
  const limits = limitsFor(channel);
  return {
    name: 'write_ad_copy',
    description: `Write one ad-copy variant per persona for ${channel}: headline ≤ ${limits.headline} characters, description ≤ ${limits.description}${limits.primaryText === null ? ', primary_text null' : `, primary_text ≤ ${limits.primaryText}`}; tag every claim with its source.`,
    inputSchema: {
      type: 'object',
      properties: {
        variants: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              persona: { type: 'string' },
              headline: { type: 'string' },
              description: { type: 'string' },
              primary_text: { type: ['string', 'null'] },
              cta: { type: 'string' },
              claims: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { text: { type: 'string' }, source: { type: 'string' } },
                  required: ['text', 'source'],
                },
              },
            },
            required: ['persona', 'headline', 'description', 'primary_text', 'cta', 'claims'],
          },
        },
      },
      required: ['variants'],
    },
  };
}

const variantSchema = z.strictObject({
  persona: z.string(),
  headline: z.string().trim().min(1),
  description: z.string().trim().min(1),
  primary_text: z.string().trim().min(1).nullable(),
  cta: z.string().trim().min(1).max(30),
  claims: z.array(claimSchema).min(1),
});

export function validateImageDescription(input: unknown): ToolValidation<ImageDescription> {
  const parsed = imageDescriptionSchema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: z.prettifyError(parsed.error) };
}

/** The variants, one per persona asked for, each within the channel's limits. */
export function validateVariants(
  input: unknown,
  channel: AdChannel,
  personas: readonly string[],
): ToolValidation<VariantDraft[]> {
  const parsed = z.strictObject({ variants: z.array(variantSchema) }).safeParse(input);
  if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error) };
  const limits = limitsFor(channel);
  const problems: string[] = [];
  for (const persona of personas)
    if (!parsed.data.variants.some((v) => v.persona === persona)) problems.push(`no variant for ${persona}`);
  for (const v of parsed.data.variants) {
    if (!personas.includes(v.persona)) problems.push(`${v.persona} is not one of the personas asked for`);
    if (v.headline.length > limits.headline)
      problems.push(`${v.persona}: headline over ${limits.headline} characters`);
    if (v.description.length > limits.description)
      problems.push(`${v.persona}: description over ${limits.description} characters`);
    if (limits.primaryText === null && v.primary_text !== null)
      problems.push(`${v.persona}: primary_text must be null`);
    if (limits.primaryText !== null && (v.primary_text ?? '').length > limits.primaryText)
      problems.push(`${v.persona}: primary_text over ${limits.primaryText} characters`);
  }
  return problems.length > 0
    ? { ok: false, error: problems.join('; ') }
    : { ok: true, value: parsed.data.variants };
}
