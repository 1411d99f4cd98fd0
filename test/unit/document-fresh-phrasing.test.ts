import { describe, expect, it } from 'vitest';
import { heldByAny } from '../../src/domain/documents/evidence.ts';
import { composeGroundedAnswer } from '../../src/domain/documents/grounded-answer.ts';
import { readDocumentQuestion } from '../../src/domain/documents/question.ts';
import { routeQuestion, withPlainShorthand } from '../../src/domain/documents/route.ts';
import { meaningUnits } from '../../src/domain/kb/tokenize.ts';
import { section } from '../fakes/kb-sections.ts';

const asOf = '2025-12-31';

const japanNote = section(
  'MARKET-JAPAN',
  'Size and growth',
  '- Japan is the largest market: spend was $21.24M in 2025.\n- Japan CTV CPM peaked at $34.16 in Q4 2025.',
  { type: 'market-note', markets: ['Japan'], period: '2024-01-01/2025-12-31' },
  'Japan — market note',
);
const socialTitle = 'Social channel playbook — creative and measurement guidance';
const socialMeasurement = section(
  'PB-SOCIAL',
  'Measurement guidance',
  '- Judge conversion lines on CPA and ROAS.',
  { type: 'channel-playbook' },
  socialTitle,
);
const socialCreative = section(
  'PB-SOCIAL',
  'Creative guidance',
  '- Build vertical, mobile-first assets for the feed.',
  { type: 'channel-playbook' },
  socialTitle,
);
const auroraTone = section(
  'BG-AURORA',
  'Tone of voice',
  '- Warm, knowledgeable and reassuring; never clinical or cold.',
  { type: 'brand-guidelines', brands: ['Aurora Skin'] },
  'Aurora Skin brand guidelines',
);
const creditExample = section(
  'PRG-07-TERMS',
  'Worked example',
  '- Kopi Kita spent $54,437.14 on the eligible channels in Q2 2025, so its credit is capped at $2,000.',
  { type: 'program-terms', brands: ['Kopi Kita'] },
  'PRG-07 SMB Starter Credit — program terms',
);
const smbEligibility = section(
  'PRG-07-TERMS',
  'Eligibility',
  '- Tier: smb brands only; enterprise brands do not qualify.',
  { type: 'program-terms' },
  'PRG-07 SMB Starter Credit — program terms',
);
const smbBenefits = section(
  'PRG-07-TERMS',
  'Benefits',
  '- Rebate: 10% of eligible quarterly spend, capped at USD 2,000 per quarter.',
  { type: 'program-terms' },
  'PRG-07 SMB Starter Credit — program terms',
);
const searchRebate = section(
  'PRG-01-TERMS',
  'Eligibility',
  '- Minimum spend: USD 25,000 on Search in a quarter.',
  { type: 'program-terms' },
  'PRG-01 Search Performance Rebate — program terms',
);

const cited = (answer: ReturnType<typeof composeGroundedAnswer>) =>
  answer.citations.filter((c) => c.kind === 'document').map((c) => c.sourceId);

describe('routing: Slack shorthand with punctuation', () => {
  it('reads "tl;dr" as one word, so the parser does not take the semicolon for SQL', () => {
    expect(withPlainShorthand('tl;dr on malaysia?')).toBe('tldr on malaysia?');
    expect(withPlainShorthand('TL; DR of the japan note')).toBe('tldr of the japan note');
  });

  it('probes the documents for a question the parser cannot place that names a measure, unless it ranks the data', () => {
    // A probe answers only on strong evidence; otherwise the data clarification stands.
    expect(routeQuestion('is the japan cpm creeping up', { parsedAsQuery: false, namesMetric: true })).toBe(
      'probe',
    );
    expect(
      routeQuestion('which placement had the lowest cpm in japan', {
        parsedAsQuery: false,
        namesMetric: true,
      }),
    ).toBe('data');
  });
});

describe('shorthand, aliases and filler in document questions', () => {
  it('reads market codes and industry shorthand as the names documents use', () => {
    const units = meaningUnits('vn jp th ph fin serv food n bev ecom streaming tv');
    expect(units.map((u) => u.terms[0])).toEqual([
      '~vietnam',
      '~japan',
      '~thailand',
      '~philippines',
      '~finance',
      '~food',
      '~retail',
      '~ctv',
    ]);
  });

  it('leaves who asked, when it is needed and how it should look out of what evidence must cover', () => {
    const reading = readDocumentQuestion(
      'tl;dr on malaysia? got a client call in 10 min, 3 bullets max',
      asOf,
    );
    expect(reading.units.map((u) => u.text)).toEqual(['malaysia']);
  });

  it('reads a two-digit year after a period word as 20xx', () => {
    const reading = readDocumentQuestion('how did banks do in the back half of 25', asOf);
    expect(reading.periods).toEqual([{ start: '2025-07-01', end: '2025-12-31', label: 'H2 2025' }]);
  });

  it('marks a question that asks two things', () => {
    expect(readDocumentQuestion('how should we set up search + any money back?', asOf).multiPart).toBe(true);
    expect(readDocumentQuestion('minimum spend for the search rebate', asOf).multiPart).toBe(false);
  });
});

describe('"couldn\'t find" from what the corpus lacks, not from the asker\'s phrasing', () => {
  it('answers when a word the corpus lacks is phrasing around a subject a document is about', () => {
    const answer = composeGroundedAnswer('japan cpm in a nutshell, is it still the darling', [japanNote], {
      asOf,
      absent: ['darling'],
    });
    expect(answer.found).toBe(true);
    expect(cited(answer)).toEqual(['MARKET-JAPAN']);
  });

  it('says not found when the missing word names a domain topic, however well the rest is covered', () => {
    const answer = composeGroundedAnswer('what are cpms like in south korea vs japan', [japanNote], {
      asOf,
      absent: ['south korea'],
    });
    expect(answer.found).toBe(false);
  });

  it('says not found for a missing word when nothing else names a subject of the documents', () => {
    const answer = composeGroundedAnswer('rebate for amazon spend', [searchRebate], {
      asOf,
      absent: ['amazon'],
    });
    expect(answer.found).toBe(false);
  });

  it('keeps every missing word decisive when the question names a measure (a name the data may hold)', () => {
    const answer = composeGroundedAnswer('japan cpm for globex', [japanNote], {
      asOf,
      absent: ['globex'],
      namesMetric: true,
    });
    expect(answer.found).toBe(false);
  });

  it('holds a concept by its concept term or its phrase, never by its words apart', () => {
    const [ooh] = meaningUnits('out-of-home');
    const scattered = section('X', 'Notes', 'Shoppers stay home and go out on weekends.');
    const named = section('Y', 'Notes', 'Out-of-home screens near malls.');
    expect(ooh && heldByAny(ooh, [scattered])).toBe(false);
    expect(ooh && heldByAny(ooh, [named])).toBe(true);
  });
});

describe('one section covers the quote', () => {
  it('does not answer from words met only across two documents', () => {
    const answer = composeGroundedAnswer('tone of voice for kopi kita ads', [creditExample, auroraTone], {
      asOf,
    });
    expect(answer.found).toBe(false);
  });

  it('lets a question that asks two things take each part from its own section', () => {
    const question = 'can an smb brand join the starter credit + how much is the rebate cap';
    const answer = composeGroundedAnswer(question, [smbEligibility, smbBenefits], { asOf });
    expect(answer.found).toBe(true);
    expect(answer.sentences.map((s) => s.text).join(' ')).toMatch(/USD 2,000/);
  });

  it('leads with the section whose own heading names what was asked', () => {
    const answer = composeGroundedAnswer(
      'what creative guidance do we have for social',
      [socialMeasurement, socialCreative],
      { asOf, strict: true },
    );
    expect(answer.found).toBe(true);
    expect(answer.sentences[0]?.text).toContain('mobile-first');
  });
});
