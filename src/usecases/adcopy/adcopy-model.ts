/**
 * The Bedrock path of the ad-copy pipeline: the model reads the image (a Converse image block) into
 * a checked description, then writes one variant per persona through a tool whose input is checked
 * against the channel's limits (one repair turn). The checks in code run on its output as on the
 * templates'.
 */
import type { AdChannel, PersonaStanding, SimilarCreative, VariantDraft } from '../../domain/adcopy/copy.ts';
import { limitsFor } from '../../domain/adcopy/copy.ts';
import type { ImageFacts, ImageFormat } from '../../domain/adcopy/image-facts.ts';
import {
  DESCRIBE_IMAGE_TOOL,
  type ImageDescription,
  validateImageDescription,
  validateVariants,
  writeCopyTool,
} from '../../domain/adcopy/model-output.ts';
import type { LlmCallMeta } from '../../ports.ts';
import type { AdCopyModel } from './adcopy-deps.ts';
import type { BrandGuidelines } from './adcopy-guidelines.ts';

export async function describeImage(
  model: AdCopyModel,
  image: { bytes: Uint8Array; format: ImageFormat },
): Promise<{ description: ImageDescription; calls: LlmCallMeta[] }> {
  const { value, calls } = await model.llm.callTool(
    {
      tier: model.image.tier,
      system: model.image.render({}),
      messages: [{ role: 'user', text: 'Describe this product image.', image }],
      tool: DESCRIBE_IMAGE_TOOL,
      maxTokens: 800,
    },
    validateImageDescription,
  );
  return { description: value, calls };
}

export interface WriterContext {
  brand: { brand: string; industry: string; tier: string };
  product: string;
  tone: string | null;
  channel: AdChannel;
  facts: ImageFacts;
  description: ImageDescription | null;
  guidelines: BrandGuidelines;
  similar: SimilarCreative[];
  personas: { standing: PersonaStanding; brief: string }[];
}

export async function writeWithModel(
  model: AdCopyModel,
  context: WriterContext,
): Promise<{ drafts: VariantDraft[]; calls: LlmCallMeta[] }> {
  const names = context.personas.map((p) => p.standing.persona);
  const brief = {
    brand: context.brand,
    product: context.product,
    tone: context.tone,
    channel: context.channel,
    limits: limitsFor(context.channel),
    image: {
      format: context.facts.format,
      width: context.facts.width,
      height: context.facts.height,
      placements: context.facts.placements,
      colours: context.facts.colors,
      description: context.description,
    },
    guidelines: {
      source: context.guidelines.source,
      positioning: context.guidelines.positioning?.text ?? null,
      forbidden: context.guidelines.forbidden.map((f) => f.phrase),
    },
    similar: context.similar.map((s) => ({
      creative_id: s.creative_id,
      headline: s.headline,
      persona: s.persona,
      cta: s.cta,
      ctr: s.ctr,
    })),
    personas: context.personas.map((p) => ({
      persona: p.standing.persona,
      weight: p.standing.weight,
      brief: p.brief,
    })),
  };
  const { value, calls } = await model.llm.callTool(
    {
      tier: model.writer.tier,
      system: model.writer.render({}),
      messages: [{ role: 'user', text: JSON.stringify(brief) }],
      tool: writeCopyTool(context.channel),
      maxTokens: 2500,
    },
    (input) => validateVariants(input, context.channel, names),
  );
  return {
    drafts: names.map((n) => value.find((v) => v.persona === n)).filter((v) => v !== undefined),
    calls,
  };
}
