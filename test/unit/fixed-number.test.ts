import { describe, expect, it } from 'vitest';
import { formatFixed } from '../../src/domain/answer/fixed-number.ts';
import { formatBucket } from '../../src/domain/answer/format-value.ts';

const intl = [0, 1, 2, 3].map(
  (digits) =>
    new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }),
);
const viaIntl = (value: number, digits: number) => intl[digits]?.format(value);

/** A deterministic spread of magnitudes, signs and near-ties (xorshift, so a failure reproduces). */
function samples(count: number): number[] {
  let state = 0x2545f491;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return Array.from({ length: count }, (_, i) => {
    let x = random() * 10 ** (Math.floor(random() * 21) - 6);
    if (i % 3 === 0) x = Math.round(x * 1000) / 1000 + (i % 2 ? 0.0005 : 0.005);
    if (i % 11 === 0) x = Math.round(x * 10 ** (i % 4)) / 10 ** (i % 4);
    return i % 7 === 0 ? -x : x;
  });
}

describe('formatFixed', () => {
  it('writes what Intl.NumberFormat en-US writes, ties and signed zeros included', () => {
    const edges = [
      0, -0, 0.5, -0.5, 1.005, 2.0005, 9.995, 0.045, 999.9995, 999_999.995, 1e-10, -1e-10, 5e-324,
    ];
    const more = [
      0.1 + 0.2,
      1_463_616.1199999973,
      205_032.53999999972,
      999_999_999_999_999,
      1e15 + 0.5,
      2e21,
    ];
    const mismatches: string[] = [];
    for (const value of [...edges, ...more, ...samples(50_000)]) {
      for (const digits of [0, 1, 2, 3]) {
        const ours = formatFixed(value, digits);
        if (ours !== viaIntl(value, digits)) mismatches.push(`${value} (${digits}): ${ours}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('groups thousands and keeps the decimals asked for', () => {
    expect(formatFixed(1_463_616.12, 2)).toBe('1,463,616.12');
    expect(formatFixed(1.005, 2)).toBe('1.01');
    expect(formatFixed(-0.001, 2)).toBe('-0.00');
  });
});

describe('formatBucket', () => {
  it('names the month as en-US does', () => {
    for (let month = 1; month <= 12; month++) {
      const iso = `2025-${String(month).padStart(2, '0')}-01`;
      const expected = new Date(`${iso}T00:00:00Z`).toLocaleString('en-US', {
        month: 'short',
        timeZone: 'UTC',
      });
      expect(formatBucket(iso, 'month')).toBe(`${expected} 2025`);
    }
  });
});
