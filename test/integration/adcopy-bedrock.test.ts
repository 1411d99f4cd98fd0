import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBedrockLlm } from '../../src/adapters/bedrock/converse-llm.ts';
import { composeAdCopy } from '../../src/compose/adcopy.ts';
import { composeAnalyst } from '../../src/compose/analyst.ts';
import { createLogger } from '../../src/compose/logging.ts';
import type { AnalystDeps } from '../../src/compose/types.ts';
import { loadConfig } from '../../src/config.ts';
import type { AdCopyDeps } from '../../src/usecases/adcopy/adcopy-deps.ts';
import { draftAdCopy } from '../../src/usecases/adcopy/draft-adcopy.ts';
import { bedrockClientsFor } from '../fakes/bedrock-clients.ts';
import { converseToolUse, type FakeBedrock, startFakeBedrock } from '../fakes/fake-bedrock.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';
import { makePng } from '../fixtures/png.ts';

let fake: FakeBedrock;
let clients: ReturnType<typeof bedrockClientsFor>;
let analyst: AnalystDeps;
let deps: AdCopyDeps;
const image = makePng(1200, 1200, [255, 255, 255], [212, 175, 55]);

beforeAll(async () => {
  fake = await startFakeBedrock();
  clients = bedrockClientsFor(fake, { maxAttempts: 1 });
  analyst = await composeAnalyst(loadConfig({ DUCKDB_PATH: sampleWarehouse }), {
    logger: createLogger('silent'),
    charts: false,
  });
  const offline = composeAdCopy(analyst);
  const llm = createBedrockLlm({
    client: clients.runtime,
    models: { fast: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', strong: 'us.anthropic.claude-sonnet-4-6' },
  });
  deps = {
    ...offline,
    model: { llm, image: analyst.prompts.get('adcopy-image'), writer: analyst.prompts.get('adcopy-writer') },
  };
}, 60_000);
afterAll(async () => {
  clients.destroy();
  await fake.close();
  await analyst.close();
});
beforeEach(() => fake.reset());

const description = {
  product_type: 'serum bottle',
  materials: ['glass'],
  colours: ['gold', 'white'],
  setting: 'studio',
  text_in_image: ['AURELIA'],
};

const variant = (persona: string, headline: string) => ({
  persona,
  headline,
  description: 'Glow Serum from Aurelia Skin, in a gold glass bottle.',
  primary_text: null,
  cta: 'Shop now',
  claims: [
    { text: 'Glow Serum', source: 'brief' },
    { text: 'gold glass bottle', source: 'image' },
    { text: 'cures dryness', source: 'creative:NOT-SHOWN' },
  ],
});

describe('ad copy on Bedrock (fake endpoint, real SDK client)', () => {
  it('sends the image as a Converse image block, validates the description and repairs the copy once', async () => {
    fake.onConverse(converseToolUse('describe_image', description));
    // The personas asked for, read from the brief the model was sent.
    const asked = (request: { messages: { content: { text?: string }[] }[] }) =>
      (
        JSON.parse(request.messages[0]?.content[0]?.text ?? '{}') as { personas: { persona: string }[] }
      ).personas.map((p) => p.persona);
    // First copy breaks the Search limit: one repair turn quotes the problem, the second passes.
    fake.onConverse((request) =>
      converseToolUse('write_ad_copy', {
        variants: asked(request).map((p) => variant(p, 'A headline that is much too long for Search ads')),
      }),
    );
    fake.onConverse((request) =>
      converseToolUse('write_ad_copy', {
        variants: asked(request).map((p, i) =>
          variant(p, ['Glow Serum, simply', 'Feel the glass', 'A classic glow'][i] ?? ''),
        ),
      }),
    );
    const result = await draftAdCopy(deps, {
      image,
      brand: 'Aurelia Skin',
      product: 'Glow Serum',
      channel: 'Search',
      tone: null,
      variants: 3,
    });
    const calls = fake.callsTo('Converse');
    expect(calls).toHaveLength(3);
    const first = calls[0]?.body as {
      messages: { content: { image?: { format: string; source: { bytes: string } } }[] }[];
    };
    const block = first.messages[0]?.content[0]?.image;
    expect(block?.format).toBe('png');
    expect(Buffer.from(block?.source.bytes ?? '', 'base64').equals(image)).toBe(true);
    const repair = JSON.stringify((calls[2]?.body as { messages: unknown[] } | undefined)?.messages.at(-1));
    expect(repair).toMatch(/headline over 30 characters/);

    expect(result.status).toBe('drafted');
    expect(result.engine).toBe('bedrock');
    expect(result.image).toMatchObject({ described_by: 'model', description });
    expect(result.variants).toHaveLength(3);
    for (const v of result.variants) {
      // The claim whose source Scout never showed is removed and listed.
      expect(v.claims.map((c) => c.source)).toEqual(['brief', 'image']);
      expect(v.issues).toEqual([expect.stringMatching(/claim "cures dryness" removed/)]);
    }
    expect(result.calls.map((c) => c.repaired)).toEqual([false, false, true]);
  }, 60_000);

  it('falls back to the templates, degraded, when the model output stays invalid', async () => {
    fake.onConverse(converseToolUse('describe_image', { product_type: 42 }));
    fake.onConverse(converseToolUse('describe_image', { product_type: 43 }));
    fake.onConverse(converseToolUse('write_ad_copy', { variants: [] }));
    fake.onConverse(converseToolUse('write_ad_copy', { variants: [] }));
    const result = await draftAdCopy(deps, {
      image,
      brand: 'Aurelia Skin',
      product: 'Glow Serum',
      channel: 'Social',
      tone: null,
    });
    expect(result.status).toBe('drafted');
    expect(result).toMatchObject({ engine: 'offline', degraded: true });
    expect(result.image?.described_by).toBe('offline');
    expect(result.variants.length).toBeGreaterThanOrEqual(3);
    expect(result.answer).toMatch(/Degraded mode/);
  }, 60_000);
});
