import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../fixtures/cli-harness.ts';
import { makePng } from '../fixtures/png.ts';

const dir = mkdtempSync(join(tmpdir(), 'scout-adcopy-'));
const shot = join(dir, 'shot.png');
writeFileSync(shot, makePng(1200, 1200, [250, 248, 245], [212, 175, 55]));
const notImage = join(dir, 'notes.png');
writeFileSync(notImage, 'just some text, not a picture');
const huge = join(dir, 'huge.png');
writeFileSync(huge, Buffer.alloc(10 * 1024 * 1024 + 1));

const CONTRACT_KEYS = ['status', 'answer', 'image', 'variants', 'similar', 'id'];
const VARIANT_KEYS = [
  'id',
  'persona',
  'channel',
  'headline',
  'description',
  'primary_text',
  'cta',
  'claims',
  'score',
  'issues',
];

const glowSerum = ['adcopy', '--json', '--image', shot, '--brand', 'Aurelia Skin', '--product', 'Glow Serum'];

describe('scout adcopy', () => {
  it('prints the ad-copy contract with --json, and exits 0', async () => {
    const { code, stdout } = await cli(glowSerum);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    for (const key of CONTRACT_KEYS) expect(result).toHaveProperty(key);
    expect(result.status).toBe('drafted');
    expect(result.id).toMatch(/^c-[0-9a-f]{10}$/);
    expect(result.image).toMatchObject({ width: 1200, height: 1200, format: 'png', described_by: 'offline' });
    expect(result.variants.length).toBeGreaterThanOrEqual(3);
    for (const v of result.variants) {
      for (const key of VARIANT_KEYS) expect(v).toHaveProperty(key);
      expect(v.id).toMatch(/^v-[0-9a-f]{8}$/);
      expect(v.channel).toBe('Social');
    }
    for (const s of result.similar)
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining(['creative_id', 'headline', 'ctr', 'impressions']),
      );
  }, 60_000);

  it('writes all variants as CSV with --csv, their ids first', async () => {
    const out = join(dir, 'copy.csv');
    const { code, stdout } = await cli([...glowSerum, '--csv', out]);
    expect(code).toBe(0);
    const ids = JSON.parse(stdout).variants.map((v: { id: string }) => v.id);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^Scout Variant ID,Channel,Persona,Headline/);
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(ids);
  }, 60_000);

  it('writes readable copy without --json, saying the image was not described offline', async () => {
    const { code, stdout } = await cli([
      'adcopy',
      '--image',
      shot,
      '--brand',
      'aurelia skin',
      '--product',
      'Glow Serum',
      '--channel',
      'search',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Ad copy for Aurelia Skin on Search/);
    expect(stdout).toMatch(/the image content was not described offline/);
  }, 60_000);

  it('answers bad input with one line and a non-zero exit', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--image', join(dir, 'missing.png'), '--brand', 'Aurelia Skin'],
        /^scout: No image file at .*missing\.png\.$/,
      ],
      [['--image', notImage, '--brand', 'Aurelia Skin'], /^scout: The file is not an image Scout reads/],
      [['--image', huge, '--brand', 'Aurelia Skin'], /^scout: The image is 10\.0 MB: the limit is 10 MB\.$/],
      [
        ['--image', shot, '--brand', 'Aurelia Skn', '--product', 'x'],
        /^scout: I don't know the brand "Aurelia Skn"\. Closest: Aurelia Skin/,
      ],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr, stdout } = await cli(['adcopy', ...argv]);
      expect(code, argv.join(' ')).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.split('\n')).toHaveLength(1);
      expect(stderr).toMatch(message);
    }
  }, 60_000);

  it('prints the error as the contract with --json', async () => {
    const { code, stdout } = await cli(['adcopy', '--json', '--image', notImage, '--brand', 'Aurelia Skin']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'error', variants: [], similar: [] });
  }, 60_000);

  it('rejects bad arguments with exit 2', async () => {
    for (const argv of [
      ['adcopy'],
      ['adcopy', '--image', shot],
      ['adcopy', '--image', shot, '--brand', 'X', '--channel', 'Radio'],
    ]) {
      const { code, stderr } = await cli(argv);
      expect(code).toBe(2);
      expect(stderr.split('\n')).toHaveLength(1);
    }
  }, 60_000);
});
