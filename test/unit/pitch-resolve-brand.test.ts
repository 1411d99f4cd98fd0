import { describe, expect, it } from 'vitest';
import { resolveBrand } from '../../src/domain/pitch/resolve-brand.ts';

const brands = [
  'Harbourline Bank',
  'Harbour Cove Outlet',
  'Skyharbor Airways',
  'Zentro Motors',
  'Sundara Motors',
  'Nebula Forge',
  'Lumina Mart',
  'Orchid Crown Hotels',
  'Kiyora Devices',
];

describe('the brand a pitch is for', () => {
  it('takes an exact name whatever its case and spacing', () => {
    expect(resolveBrand('  harbourline   BANK ', brands)).toEqual({
      kind: 'exact',
      brand: 'Harbourline Bank',
    });
  });

  it('never takes a near miss as the brand: it suggests the closest names, the intended one first', () => {
    const misspelt: [string, string][] = [
      ['Harbourlne Bank', 'Harbourline Bank'],
      ['Harbor line bank', 'Harbourline Bank'],
      ['Zentro Motor', 'Zentro Motors'],
      ['Nebula Forj', 'Nebula Forge'],
      ['Luminamart', 'Lumina Mart'],
      ['orchid crown', 'Orchid Crown Hotels'],
      ['Kiyora', 'Kiyora Devices'],
    ];
    for (const [input, intended] of misspelt) {
      const match = resolveBrand(input, brands);
      expect(match.kind, input).toBe('unknown');
      if (match.kind === 'unknown') expect(match.suggestions[0], input).toBe(intended);
    }
  });

  it('still offers suggestions for a name unlike any brand', () => {
    const match = resolveBrand('Acme Corp', brands);
    expect(match).toMatchObject({ kind: 'unknown' });
    if (match.kind === 'unknown') expect(match.suggestions).toHaveLength(3);
  });
});
