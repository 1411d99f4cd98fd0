import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  brandViolations,
  figuresIn,
  guardrailViolations,
  ruleViolations,
  untracedFigures,
} from '../../src/domain/pitch/checks.ts';
import { createFactBook, valueOfFigure } from '../../src/domain/pitch/facts.ts';
import { writeOfflinePitch } from '../../src/domain/pitch/offline-writer.ts';
import { chooseNarrative, NARRATIVES, parseStoryTemplate } from '../../src/domain/pitch/story.ts';
import { parsePromptTemplate } from '../../src/llmops/prompt-template.ts';

describe('the reviewer reads figures the way a reader does', () => {
  it('finds money, percentages, ratios and counts but not ids, quarters, dates or years', () => {
    const text =
      'PRG-02 paid a 8% rebate of $6.8K on $84,568.57 in Q3 2025 (ROAS 5.17, +12.3%, −4.5%, 3.3M views) until 2025-12-31; see prg-02-ctv.md#worked-example.';
    expect(figuresIn(text)).toEqual(['8%', '$6.8K', '$84,568.57', '5.17', '+12.3%', '−4.5%', '3.3M']);
  });

  it('accepts a figure only when it is written exactly as a fact displays it', () => {
    const displays = new Set(['$84.6K', '8%']);
    expect(untracedFigures('A rebate of 8% on $84.6K.', displays)).toEqual([]);
    expect(untracedFigures('A rebate of 8.0% on $84.57K.', displays)).toEqual(['8.0%', '$84.57K']);
  });

  it('reads the value a quoted figure stands for', () => {
    expect(valueOfFigure('$84,568.57')).toBe(84568.57);
    expect(valueOfFigure('$6.8K')).toBe(6800);
    expect(valueOfFigure('8%')).toBe(8);
    expect(valueOfFigure('3,330,744')).toBe(3330744);
  });
});

describe('brand, rules and guardrail checks', () => {
  const brand = {
    forbidden: [
      { phrase: 'risk-free', source: 'house' },
      { phrase: 'guaranteed returns', source: 'bank' },
    ],
    competitors: ['Google', 'The Trade Desk'],
  };

  it('finds a forbidden claim in any case and a named competitor, and nothing in a clean sentence', () => {
    expect(brandViolations('A Risk-Free way to grow.', brand)).toHaveLength(1);
    expect(brandViolations('It comes with guaranteed  returns.', brand)).toHaveLength(1);
    expect(brandViolations('Unlike the trade desk, we pay.', brand)).toEqual([
      'names the competitor The Trade Desk',
    ]);
    expect(brandViolations('The rebate is earned on qualifying spend.', brand)).toEqual([]);
  });

  const rules = {
    programs: [
      { id: 'PRG-02', name: 'CTV Growth Accelerator', eligible: true },
      { id: 'PRG-06', name: 'Video First Bonus', eligible: false },
    ],
    program: { id: 'PRG-02', starts: '2025-01-01', ends: '2025-12-31', rebate: '8%', bonus: '10%' },
    unearned: new Set(['$19.7K']),
  };

  it('rejects an ineligible program, a promise, a price, a date outside the program and a rebate not in the terms', () => {
    expect(ruleViolations('Enrol in PRG-02 before 2025-12-31 for an 8% rebate.', rules)).toEqual([]);
    expect(ruleViolations('Video First Bonus adds reach.', rules)[0]).toMatch(/PRG-06/);
    expect(ruleViolations('Results are guaranteed.', rules)[0]).toMatch(/promises/);
    expect(ruleViolations('The CPM is $12.00 on CTV.', rules)[0]).toMatch(/price/);
    expect(ruleViolations('It runs until 2026-03-31.', rules)[0]).toMatch(/outside PRG-02/);
    expect(ruleViolations('It pays a 10% rebate.', rules)[0]).toMatch(/not what PRG-02/);
    expect(ruleViolations('That is $19.7K back.', rules)[0]).toMatch(/does not qualify/);
  });

  it('denies legal and financial advice and competitor comparisons', () => {
    expect(guardrailViolations('Give them legal advice on the contract.')).toEqual(['legal advice']);
    expect(guardrailViolations('Tell them to buy shares.')).toEqual(['financial advice']);
    expect(guardrailViolations('Say we are cheaper than Google.', ['Google'])).toEqual([
      'competitor comparison',
    ]);
    expect(guardrailViolations('Grow CTV reach in Hong Kong.')).toEqual([]);
  });
});

describe('story frameworks and the offline generator', () => {
  const template = parsePromptTemplate(
    readFileSync(resolve(import.meta.dirname, '../../prompts/pitch-story/1.0.0.md'), 'utf8'),
    'prompts/pitch-story/1.0.0.md',
  );
  const frameworks = parseStoryTemplate(template.body);

  it('has every narrative with every section and at least three objections', () => {
    expect([...frameworks.keys()].sort()).toEqual([...NARRATIVES].sort());
    for (const f of frameworks.values()) expect(f.objections.length).toBeGreaterThanOrEqual(3);
  });

  it('picks the narrative by situation', () => {
    expect(chooseNarrative({ programChannelSpend: 0, qualifies: false, spendChangeYear: 0.5 })).toBe(
      'new_channel',
    );
    expect(chooseNarrative({ programChannelSpend: 10, qualifies: false, spendChangeYear: 0.5 })).toBe(
      'under_qualifying',
    );
    expect(chooseNarrative({ programChannelSpend: 10, qualifies: true, spendChangeYear: -0.1 })).toBe(
      'declining',
    );
    expect(chooseNarrative({ programChannelSpend: 10, qualifies: true, spendChangeYear: 0.1 })).toBe(
      'growing',
    );
  });

  it('writes only from the values it is given, leaves out a sentence it cannot fill and drops one a check rejects', () => {
    const book = createFactBook();
    const spend = book.add('spend.this', {
      label: 's',
      value: 84568.57,
      format: 'money',
      sql: 'SELECT 1',
      source: 'query:q1',
    });
    const values = new Map([
      ['brand', 'Harbourline Bank'],
      ['quarter', 'Q4 2025'],
      ['spend.this', spend?.display ?? ''],
      ['spend.change_year', '+76.2%'],
      ['spend.change_last', '+70.7%'],
      ['year_ago', 'Q4 2024'],
      ['last_quarter', 'Q3 2025'],
      ['program_id', 'PRG-02'],
      ['program_name', 'CTV Growth Accelerator'],
    ]);
    const framework = frameworks.get('growing');
    if (!framework) throw new Error('no growing narrative');
    const draft = writeOfflinePitch(framework, values, (s) => (s.includes('Q4 2025') ? ['rejected'] : []));
    // The first situation sentence fills and is rejected; the others lack values: none survives.
    expect(draft.sections.find((s) => s.key === 'situation')).toBeUndefined();
    expect(draft.dropped.some((d) => d.sentence.includes('$84.6K'))).toBe(true);
    for (const section of draft.sections) expect(section.text).not.toMatch(/\{|\}/);
  });
});
