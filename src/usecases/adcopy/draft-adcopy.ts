/**
 * Ad copy for a product image: image facts (measured; described by the model when there is one),
 * context (brief, brand, guidelines, similar past creatives and how each persona performed for the
 * industry and channel, all from guarded SQL), one variant per leading persona, and the checks in
 * code. Offline the persona prompts' templates write the copy.
 */

import type { AdChannel } from '../../domain/adcopy/copy.ts';
import { checkAll } from '../../domain/adcopy/copy-checks.ts';
import {
  colourName,
  type ImageFormat,
  imageFacts,
  MAX_IMAGE_BYTES,
  MIN_IMAGE_SIDE,
  readImageHeader,
} from '../../domain/adcopy/image-facts.ts';
import { templatesOf, writeOffline } from '../../domain/adcopy/offline-writer.ts';
import { resolveBrand } from '../../domain/pitch/resolve-brand.ts';
import { ScoutError } from '../../errors.ts';
import type { AdCopyDeps } from './adcopy-deps.ts';
import { readGuidelines } from './adcopy-guidelines.ts';
import { describeImage, type WriterContext, writeWithModel } from './adcopy-model.ts';
import { personaStandings, readBrands, similarCreatives } from './adcopy-queries.ts';
import { type AdCopyResult, emptyAdCopy } from './adcopy-result.ts';
import { adCopyAnswer } from './adcopy-text.ts';

export interface AdCopyRequest {
  image: Uint8Array;
  brand: string;
  product: string | null;
  channel: AdChannel;
  tone: string | null;
  /** How many persona variants (the best-performing personas first); default 4. */
  variants?: number;
  /** Regenerate: another template per persona. */
  attempt?: number;
}

const CTA_BY_CHANNEL: Record<AdChannel, string> = {
  Search: 'Shop now',
  Social: 'Learn more',
  Display: 'Shop now',
  Native: 'Learn more',
  'Online Video': 'Learn more',
  CTV: 'Learn more',
};

function badInput(message: string): ScoutError {
  return new ScoutError('bad_input', message, { userMessage: message });
}

/** Checks the file is an image Scout reads and a size an ad platform takes. */
export function inspectImage(deps: AdCopyDeps, bytes: Uint8Array) {
  if (bytes.length > MAX_IMAGE_BYTES)
    throw badInput(`The image is ${(bytes.length / 1024 / 1024).toFixed(1)} MB: the limit is 10 MB.`);
  const header = readImageHeader(bytes);
  if (!header) throw badInput('The file is not an image Scout reads (PNG, JPEG, GIF or WebP).');
  if (header.width < MIN_IMAGE_SIDE || header.height < MIN_IMAGE_SIDE)
    throw badInput(
      `The image is ${header.width}×${header.height} pixels: ads need at least ${MIN_IMAGE_SIDE} on each side.`,
    );
  return imageFacts(header, bytes.length, deps.images.decode(bytes, header.format));
}

async function describe(deps: AdCopyDeps, bytes: Uint8Array, format: ImageFormat) {
  if (!deps.model) return { description: null, degraded: false, calls: [] };
  try {
    return { ...(await describeImage(deps.model, { bytes, format })), degraded: false };
  } catch {
    // The model failing is the degradation path: the measured facts still stand.
    return { description: null, degraded: true, calls: [] };
  }
}

/** The first dominant colour that is not a backdrop (white, grey, black), else the first. */
function productColour(colors: readonly string[]): string | null {
  const names = colors.map(colourName);
  return names.find((n) => !['white', 'grey', 'black'].includes(n)) ?? names[0] ?? null;
}

function personaPrompt(deps: AdCopyDeps, persona: string) {
  return deps.prompts.personas.find((p) => p.persona === persona)?.template;
}

/** The model writes when there is one; the persona templates when not, or when it fails. */
async function writeDrafts(deps: AdCopyDeps, request: AdCopyRequest, context: WriterContext) {
  if (deps.model) {
    try {
      return { ...(await writeWithModel(deps.model, context)), degraded: false };
    } catch {
      // Degraded: the templates write the copy, and the answer says so.
    }
  }
  const colour = context.description?.colours[0] ?? productColour(context.facts.colors);
  const facts = {
    product: context.product,
    brand: context.brand.brand,
    colour,
    positioning: context.guidelines.positioning,
    winner: context.similar[0] ?? null,
    defaultCta: CTA_BY_CHANNEL[request.channel],
  };
  const drafts = context.personas.map((p) =>
    writeOffline(templatesOf(p.standing.persona, p.brief), facts, request.channel, request.attempt ?? 0),
  );
  return { drafts, calls: [], degraded: deps.model !== null };
}

export async function draftAdCopy(deps: AdCopyDeps, request: AdCopyRequest): Promise<AdCopyResult> {
  const id = deps.newId();
  const facts = inspectImage(deps, request.image);
  const brands = await readBrands(deps);
  const match = resolveBrand(
    request.brand,
    brands.map((b) => b.brand),
  );
  if (match.kind === 'unknown')
    return {
      ...emptyAdCopy(id, 'clarify', `I don't know the brand "${request.brand}".`, request.channel),
      suggestions: match.suggestions,
    };
  const brand = brands.find((b) => b.brand === match.brand);
  const industry = brand?.industry ?? '';
  const read = await describe(deps, request.image, facts.format);
  const product = request.product?.trim() || read.description?.product_type || null;
  if (!product)
    return {
      ...emptyAdCopy(
        id,
        'clarify',
        'Which product is in the image? Pass it with --product "…".',
        request.channel,
      ),
      brand: match.brand,
    };
  const [guidelines, similar, personas] = await Promise.all([
    readGuidelines(deps, match.brand),
    similarCreatives(deps, { brand: match.brand, industry, channel: request.channel }),
    personaStandings(deps, { industry, channel: request.channel }),
  ]);
  const chosen = personas.slice(0, request.variants ?? 4);
  const written = await writeDrafts(deps, request, {
    brand: brand ?? { brand: match.brand, industry, tier: '' },
    product,
    tone: request.tone,
    channel: request.channel,
    facts,
    description: read.description,
    guidelines,
    similar,
    personas: chosen.map((standing) => ({
      standing,
      brief: personaPrompt(deps, standing.persona)?.body ?? '',
    })),
  });
  const known = new Set([
    ...similar.map((s) => `creative:${s.creative_id}`),
    ...(guidelines.source ? [guidelines.source] : []),
  ]);
  const variants = checkAll(
    written.drafts,
    {
      channel: request.channel,
      forbidden: guidelines.forbidden,
      knownSources: known,
    },
    deps.newVariantId,
  );
  const result: AdCopyResult = {
    ...emptyAdCopy(id, 'drafted', '', request.channel),
    brand: match.brand,
    industry,
    image: { ...facts, described_by: read.description ? 'model' : 'offline', description: read.description },
    variants,
    similar,
    personas,
    guidelines: guidelines.source,
    prompts: [
      ...chosen.map((c) => personaPrompt(deps, c.persona)).filter((t) => t !== undefined),
      ...(deps.model && !written.degraded ? [deps.model.writer] : []),
      ...(read.description && deps.model ? [deps.model.image] : []),
    ].map((t) => ({ id: t.id, version: t.version, hash: t.templateHash })),
    engine: deps.model && !written.degraded ? 'bedrock' : 'offline',
    degraded: read.degraded || written.degraded,
    calls: [...read.calls, ...written.calls],
  };
  if (variants.length === 0) return { ...result, status: 'refused', answer: 'No variant passed the checks.' };
  return { ...result, answer: adCopyAnswer(result) };
}
