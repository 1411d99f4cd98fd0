import { readFile, stat, writeFile } from 'node:fs/promises';
import { AD_CHANNELS, type AdChannel } from '../domain/adcopy/copy.ts';
import { MAX_IMAGE_BYTES } from '../domain/adcopy/image-facts.ts';
import { isScoutError, ScoutError } from '../errors.ts';
import { variantsCsv } from '../presentation/adcopy/adcopy-csv.ts';
import { type AdCopyResult, emptyAdCopy } from '../usecases/adcopy/adcopy-result.ts';
import { type AdCopyRequest, draftAdCopy } from '../usecases/adcopy/draft-adcopy.ts';
import { parseArgs, UsageError } from './args.ts';
import { composeForCli } from './compose-for-cli.ts';
import type { CliDeps, CliIo } from './index.ts';

const MAX_TEXT = 300;

interface AdCopyArgs {
  json: boolean;
  image: string;
  /** Where to write all variants as CSV, when asked. */
  csv: string | null;
  request: Omit<AdCopyRequest, 'image'>;
}

function text(flags: Map<string, string | boolean>, name: string): string | null {
  const value = flags.get(name);
  if (value === undefined) return null;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} needs a value`);
  if (value.length > MAX_TEXT) throw new UsageError(`--${name} is limited to ${MAX_TEXT} characters`);
  return value.trim();
}

export function parseAdCopyArgs(argv: string[]): AdCopyArgs {
  const args = parseArgs(argv, {
    boolean: ['json'],
    value: ['image', 'brand', 'product', 'channel', 'tone', 'csv'],
  });
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const image = text(args.flags, 'image');
  if (!image)
    throw new UsageError('adcopy needs an image, e.g. scout adcopy --image shot.png --brand "Aurelia Skin"');
  const brand = text(args.flags, 'brand');
  if (!brand) throw new UsageError('adcopy needs a brand: --brand "<brand>"');
  const channelText = text(args.flags, 'channel') ?? 'Social';
  const channel = AD_CHANNELS.find((c) => c.toLowerCase() === channelText.toLowerCase());
  if (!channel)
    throw new UsageError(`--channel must be one of ${AD_CHANNELS.join(', ')} (got "${channelText}")`);
  return {
    json: args.flags.has('json'),
    image,
    csv: text(args.flags, 'csv'),
    request: {
      brand,
      product: text(args.flags, 'product'),
      channel: channel as AdChannel,
      tone: text(args.flags, 'tone'),
    },
  };
}

/** Reads the file, refusing one over 10 MB before reading it. */
async function readImage(path: string): Promise<Uint8Array> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile())
    throw new ScoutError('bad_input', `no such file: ${path}`, { userMessage: `No image file at ${path}.` });
  if (info.size > MAX_IMAGE_BYTES) {
    const message = `The image is ${(info.size / 1024 / 1024).toFixed(1)} MB: the limit is 10 MB.`;
    throw new ScoutError('bad_input', message, { userMessage: message });
  }
  return new Uint8Array(await readFile(path));
}

/** The ad-copy contract's JSON (ARCHITECTURE.md), plus brand, personas, guidelines and prompts. */
export function adCopyJson(result: AdCopyResult) {
  const image = result.image;
  return {
    status: result.status,
    answer: result.answer,
    image: image
      ? {
          width: image.width,
          height: image.height,
          format: image.format,
          colors: image.colors,
          described_by: image.described_by,
          bytes: image.bytes,
          aspect_ratio: image.aspectRatio,
          placements: image.placements,
          brightness: image.brightness,
          description: image.description,
        }
      : null,
    variants: result.variants,
    similar: result.similar.map((s) => ({
      creative_id: s.creative_id,
      headline: s.headline,
      ctr: s.ctr,
      impressions: s.impressions,
      clicks: s.clicks,
      brand: s.brand,
      persona: s.persona,
      sql: s.sql,
    })),
    id: result.id,
    brand: result.brand,
    industry: result.industry,
    channel: result.channel,
    personas: result.personas,
    guidelines: result.guidelines,
    suggestions: result.suggestions,
    prompts: result.prompts,
    engine: result.engine,
    degraded: result.degraded,
  };
}

function oneLine(result: AdCopyResult): string {
  if (result.suggestions.length > 0) return `${result.answer} Closest: ${result.suggestions.join(', ')}.`;
  return result.answer;
}

/** `scout adcopy`: exit 0 when drafted; 1 for bad input, an unknown brand or an error; 2 for bad arguments. */
export async function adCopyCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const { json, image, csv, request } = parseAdCopyArgs(argv);
  const fail = (result: AdCopyResult) => {
    if (json) io.out(JSON.stringify(adCopyJson(result)));
    else io.err(`scout: ${oneLine(result)}`);
    return 1;
  };
  const errorResult = (error: unknown) =>
    emptyAdCopy(
      'c-error',
      'error',
      isScoutError(error) ? error.userMessage : 'Scout could not write this ad copy.',
      request.channel,
    );
  let bytes: Uint8Array;
  try {
    bytes = await readImage(image);
  } catch (error) {
    return fail(errorResult(error));
  }
  let analyst: Awaited<ReturnType<typeof composeForCli>>;
  try {
    analyst = await composeForCli(deps, io, { charts: false });
  } catch (error) {
    return fail(errorResult(error));
  }
  try {
    const result = await draftAdCopy(await deps.composeAdCopy(analyst), { ...request, image: bytes }).catch(
      (error: unknown) => {
        if (!isScoutError(error) || error.code !== 'bad_input') analyst.onError?.('adcopy', error);
        return errorResult(error);
      },
    );
    if (result.status !== 'drafted') return fail(result);
    if (csv) await writeFile(csv, variantsCsv(result.variants));
    io.out(json ? JSON.stringify(adCopyJson(result)) : result.answer);
    return 0;
  } finally {
    await analyst.close();
  }
}
