import { describe, expect, it } from 'vitest';
import { PROGRAMS } from '../../data/generator/programs.ts';
import {
  combinability,
  expectedRebate,
  isEligible,
  type Program,
  programRowSchema,
  qualifies,
  quarterContaining,
  recommendable,
  spendGap,
  termConditions,
} from '../../src/domain/pitch/program-fit.ts';

/** The sample programs as the warehouse holds them (the generator is the source of the table). */
function sample(id: string): Program {
  const p = PROGRAMS.find((program) => program.programId === id);
  if (!p) throw new Error(`no sample program ${id}`);
  return { ...p, eligibleIndustries: [...p.eligibleIndustries], channels: [...p.channels] };
}
const ctv = sample('PRG-02');
const video = sample('PRG-06');
const smb = sample('PRG-07');

describe('program eligibility and qualification (the pitch contract)', () => {
  it('is eligible only for a listed industry with the as-of date inside starts..ends, ends included', () => {
    expect(isEligible(ctv, 'Financial Services', '2025-12-31')).toBe(true);
    expect(isEligible(ctv, 'Financial Services', '2025-01-01')).toBe(true);
    expect(isEligible(ctv, 'Financial Services', '2024-12-31')).toBe(false);
    expect(isEligible(ctv, 'Financial Services', '2026-01-01')).toBe(false);
    expect(isEligible(ctv, 'Retail & E-commerce', '2025-06-30')).toBe(false);
  });

  it('qualifies at exactly the minimum and never when not eligible', () => {
    expect(qualifies(ctv, true, 50_000)).toBe(true);
    expect(qualifies(ctv, true, 49_999.99)).toBe(false);
    expect(qualifies(ctv, false, 1_000_000)).toBe(false);
    expect(spendGap(ctv, 45_349.55)).toBeCloseTo(4_650.45, 6);
    expect(spendGap(ctv, 84_568.57)).toBe(0);
  });

  it('measures on the calendar quarter that contains the as-of date', () => {
    expect(quarterContaining('2025-12-31')).toMatchObject({
      start: '2025-10-01',
      end: '2025-12-31',
      label: 'Q4 2025',
    });
    expect(quarterContaining('2025-02-28')).toMatchObject({
      start: '2025-01-01',
      end: '2025-03-31',
      label: 'Q1 2025',
    });
  });

  it('reads a warehouse row with its comma-separated lists', () => {
    const program = programRowSchema.parse([
      'PRG-02',
      'CTV Growth Accelerator',
      's',
      'Automotive, Gaming',
      50000,
      8,
      10,
      'CTV',
      '2025-01-01',
      '2025-12-31',
      't',
    ]);
    expect(program.eligibleIndustries).toEqual(['Automotive', 'Gaming']);
    expect(program.channels).toEqual(['CTV']);
  });
});

describe('program terms the contract does not cover', () => {
  it('finds a tier restriction, a rebate cap and a market-only rule in the terms text', () => {
    expect(termConditions(smb.terms)).toMatchObject({
      tierOnly: 'smb',
      rebateCapUsd: 2000,
      marketOnly: null,
    });
    expect(termConditions('Applies to spend delivered in Vietnam only. 12% rebate.').marketOnly).toBe(
      'Vietnam',
    );
  });

  it('caps the rebate where the terms cap it', () => {
    expect(expectedRebate(smb, 30_000)).toBe(2000);
    expect(expectedRebate(smb, 10_000)).toBe(1000);
    expect(expectedRebate(ctv, 84_568.57)).toBeCloseTo(6_765.4856, 4);
  });

  it('does not recommend a tier-only program to another tier', () => {
    expect(recommendable(smb, 'enterprise').ok).toBe(false);
    expect(recommendable(smb, 'smb').ok).toBe(true);
  });

  it('reads combinability from the terms by program id or name', () => {
    expect(combinability('PRG-02', ctv.terms, [ctv, video, smb])).toEqual({
      combinable: [],
      notCombinable: ['PRG-06'],
    });
    expect(
      combinability('PRG-04', 'PRG-04 combines with PRG-07 on Search spend.', [ctv, video, smb]),
    ).toEqual({ combinable: ['PRG-07'], notCombinable: [] });
  });
});
