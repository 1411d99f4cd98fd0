import { describe, expect, it } from 'vitest';
import { decodePng } from '../../src/adapters/images/png-decoder.ts';
import { rankPersonas, type VariantDraft } from '../../src/domain/adcopy/copy.ts';
import { checkAll, checkVariant } from '../../src/domain/adcopy/copy-checks.ts';
import {
  colourName,
  imageFacts,
  placementsFor,
  readImageHeader,
} from '../../src/domain/adcopy/image-facts.ts';
import { templatesOf, writeOffline } from '../../src/domain/adcopy/offline-writer.ts';
import { makePng } from '../fixtures/png.ts';

const jpeg = (width: number, height: number) =>
  new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x04,
    0x00,
    0x00,
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    0x01,
    0x01,
    0x11,
    0x00,
  ]);

describe('image facts', () => {
  it('reads PNG, JPEG and GIF dimensions from the header, and nothing from other bytes', () => {
    expect(readImageHeader(makePng(640, 480, [0, 0, 0]))).toEqual({ format: 'png', width: 640, height: 480 });
    expect(readImageHeader(jpeg(1080, 1350))).toEqual({ format: 'jpeg', width: 1080, height: 1350 });
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x2c, 0x01, 0xfa, 0x00, 0, 0]);
    expect(readImageHeader(gif)).toEqual({ format: 'gif', width: 300, height: 250 });
    expect(readImageHeader(new TextEncoder().encode('hello, this is not an image'))).toBeNull();
  });

  it('names the placements an aspect ratio fits', () => {
    expect(placementsFor(1080, 1080)).toEqual(['Feed square 1:1']);
    expect(placementsFor(1080, 1920)).toEqual(['Stories and Reels 9:16']);
    expect(placementsFor(300, 250)).toEqual(['Display medium rectangle 300x250']);
    expect(placementsFor(1000, 333)).toEqual([]);
  });

  it('measures dominant colours and brightness from decoded PNG pixels', () => {
    const png = makePng(200, 200, [255, 255, 255], [212, 175, 55]);
    const pixels = decodePng(png);
    expect(pixels).toMatchObject({ width: 200, height: 200, channels: 3 });
    const facts = imageFacts({ format: 'png', width: 200, height: 200 }, png.length, pixels);
    expect(facts.colors).toEqual(['#ffffff', '#d4af37']);
    expect(facts.brightness).toBeGreaterThan(0.8);
    expect(facts.brightness).toBeLessThan(1);
    expect(colourName('#d4af37')).toBe('gold');
    expect(imageFacts({ format: 'jpeg', width: 10, height: 10 }, 20, null)).toMatchObject({
      colors: [],
      brightness: null,
    });
  });
});

const draft = (over: Partial<VariantDraft> = {}): VariantDraft => ({
  persona: 'Visual Poet',
  headline: 'Glow Serum in gold',
  description: 'Glow Serum in gold: a little beauty in every moment.',
  primary_text: null,
  cta: 'Shop now',
  claims: [
    { text: 'Glow Serum', source: 'brief' },
    { text: 'gold', source: 'image' },
  ],
  ...over,
});

describe('ad-copy checks', () => {
  const context = {
    channel: 'Search' as const,
    forbidden: [{ phrase: 'clinically proven', source: 'data/kb/brand-guidelines/aurelia-skin.md' }],
    knownSources: new Set(['creative:C00001-SEA1']),
  };
  let n = 0;
  const ids = () => `v-${++n}`;

  it('passes sourced copy within the limits with a high score', () => {
    const [v] = checkAll([draft()], context, ids);
    expect(v?.issues).toEqual([]);
    expect(v?.score).toBeGreaterThan(0.8);
  });

  it('removes claims whose source Scout did not read, and lists them', () => {
    const v = checkVariant(
      draft({
        claims: [
          { text: 'Glow Serum', source: 'brief' },
          { text: 'best seller', source: 'creative:C99999-SEA1' },
        ],
      }),
      [],
      context,
      'v-x',
    );
    expect(v.claims).toEqual([{ text: 'Glow Serum', source: 'brief' }]);
    expect(v.issues).toEqual([expect.stringContaining('removed')]);
  });

  it('drops variants over the channel limits or making a forbidden claim', () => {
    const long = draft({ headline: 'A headline far longer than thirty characters' });
    const forbidden = draft({ description: 'Clinically proven glow.' });
    const primary = draft({ primary_text: 'Search has none' });
    expect(checkAll([long, forbidden, primary, draft()], context, ids)).toHaveLength(1);
    expect(checkVariant(forbidden, [], context, 'v').score).toBe(0);
    expect(checkVariant(long, [], context, 'v').issues[0]).toMatch(
      /headline is 44 characters \(limit 30 on Search\)/,
    );
  });

  it('scores a variant that repeats a sibling as less distinct', () => {
    const a = draft();
    const b = draft({ persona: 'Maker Advocate' });
    const c = draft({ persona: 'Maker Advocate', headline: 'Made with care' });
    expect(checkVariant(b, [a, b], context, 'v').score).toBeLessThan(
      checkVariant(c, [a, c], context, 'v').score,
    );
  });
});

describe('personas and the offline writer', () => {
  it('orders personas by CTR, unmeasured ones last in their order, with weights', () => {
    const ranked = rankPersonas(
      ['A', 'B', 'C'],
      [
        { persona: 'B', ctr: 0.02, impressions: 1e6 },
        { persona: 'C', ctr: 0.01, impressions: 1e6 },
      ],
    );
    expect(ranked.map((r) => [r.persona, r.weight])).toEqual([
      ['B', 1.333],
      ['C', 0.667],
      ['A', 1],
    ]);
  });

  it('fills templates within the limits, skipping those needing an unmeasured colour', () => {
    const templates = templatesOf(
      'Visual Poet',
      '## headlines\n\n- {product} in {colour}\n- {product}, in a new light\n\n## descriptions\n\n- {brand} {product}.\n',
    );
    const facts = {
      product: 'Glow Serum',
      brand: 'Aurelia Skin',
      positioning: null,
      winner: null,
      defaultCta: 'Shop now',
    };
    expect(writeOffline(templates, { ...facts, colour: 'gold' }, 'Search').headline).toBe(
      'Glow Serum in gold',
    );
    const noColour = writeOffline(templates, { ...facts, colour: null }, 'Search');
    expect(noColour.headline).toBe('Glow Serum, in a new light');
    expect(noColour.claims).toEqual([
      { text: 'Glow Serum', source: 'brief' },
      { text: 'Aurelia Skin', source: 'catalog' },
    ]);
    expect(noColour.primary_text).toBeNull();
  });
});
