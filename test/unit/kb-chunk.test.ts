import { describe, expect, it } from 'vitest';
import { chunkDocument, searchableText } from '../../src/domain/kb/chunk.ts';
import { type KbDocument, type KbMetadata, kbFrontMatterSchema } from '../../src/domain/kb/document.ts';
import {
  analyze,
  analyzeQuery,
  LITERAL_IN_CONCEPT_WEIGHT,
  stem,
  tokenize,
} from '../../src/domain/kb/tokenize.ts';

const metadata: KbMetadata = {
  type: 'postmortem',
  date: '2025-10-10',
  industries: ['Gaming'],
  markets: ['Japan'],
  channels: [],
  brands: [],
  period: null,
  access: { level: 'internal' },
};

function doc(text: string, extra: Partial<KbDocument> = {}): KbDocument {
  return {
    path: 'postmortems/q3.md',
    format: 'markdown',
    sourceId: 'pm-q3',
    title: 'Q3 CTR decline',
    metadata,
    text,
    lineOffset: 0,
    hash: 'h',
    bytes: text.length,
    ...extra,
  };
}

/** n distinct sentences of 12 words each. */
function sentences(n: number, topic = 'campaign'): string {
  return Array.from(
    { length: n },
    (_, i) =>
      `Sentence ${i + 1} explains how the ${topic} moved and what the team learned from week ${i + 1}.`,
  ).join(' ');
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('chunkDocument', () => {
  const text = [
    '# Q3 CTR decline',
    '',
    'Intro paragraph above every section.',
    '',
    '## Root cause',
    '',
    '### Creative fatigue',
    '',
    'The same creatives ran for eleven weeks, e.g. on the biggest titles. Click-through fell every week.',
    '',
    '### Audience overlap',
    '',
    'Two campaigns bid against each other.',
    '',
    '## Recommendations',
    '',
    '- Rotate creatives every three weeks.',
    '- Cap frequency at 4 per week.',
    '',
    '```',
    '# not a heading inside a code fence',
    '```',
  ].join('\n');
  const chunks = chunkDocument(doc(text, { lineOffset: 10 }));

  it('splits on headings and records the heading path without the title heading', () => {
    expect(chunks.map((c) => c.heading)).toEqual([
      '',
      'Root cause › Creative fatigue',
      'Root cause › Audience overlap',
      'Recommendations',
    ]);
    expect(chunks[1]?.headingPath).toEqual(['Root cause', 'Creative fatigue']);
    expect(chunks.map((c) => c.id)).toEqual(['pm-q3#0', 'pm-q3#1', 'pm-q3#2', 'pm-q3#3']);
  });

  it('quotes the passage verbatim, with offsets and file line numbers', () => {
    for (const chunk of chunks) expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    const fatigue = chunks[1];
    expect(fatigue?.text).toBe(
      'The same creatives ran for eleven weeks, e.g. on the biggest titles. Click-through fell every week.',
    );
    // Line 9 of the body, after 10 lines of front matter.
    expect(fatigue?.startLine).toBe(19);
    expect(fatigue?.endLine).toBe(19);
    expect(chunks[3]?.text).toContain('# not a heading inside a code fence');
  });

  it('puts title and heading path in the searchable text but not in the quote', () => {
    const fatigue = chunks[1];
    if (!fatigue) throw new Error('missing chunk');
    expect(fatigue.text).not.toContain('Root cause');
    expect(searchableText(fatigue)).toContain('Root cause\nCreative fatigue');
    expect(searchableText(fatigue)).toContain('Q3 CTR decline');
  });

  it('packs long sections into 120–220-word chunks with sentence overlap, never cutting a sentence', () => {
    const body = `## Findings\n\n${sentences(40)}\n\n${sentences(25, 'budget')}\n\n## Next\n\n${sentences(3, 'plan')}`;
    const long = chunkDocument(doc(body));
    const findings = long.filter((c) => c.heading === 'Findings');
    expect(findings.length).toBeGreaterThanOrEqual(4);
    for (const chunk of findings) {
      expect(wordCount(chunk.text)).toBeLessThanOrEqual(220);
      expect(chunk.text).toMatch(/^Sentence \d+/);
      expect(chunk.text).toMatch(/\.$/);
    }
    for (const chunk of findings.slice(0, -1)) expect(wordCount(chunk.text)).toBeGreaterThanOrEqual(120);
    // Consecutive chunks of a section share their seam sentences; a new section starts fresh.
    for (let i = 1; i < findings.length; i++) {
      const previous = findings[i - 1];
      const current = findings[i];
      if (!previous || !current) continue;
      expect(current.start).toBeLessThan(previous.end);
      const firstSentence = current.text.split(/(?<=\.) /)[0] ?? '';
      expect(previous.text).toContain(firstSentence);
    }
    const next = long.find((c) => c.heading === 'Next');
    expect(next?.text.startsWith('Sentence 1 explains how the plan')).toBe(true);
    // Every sentence of the source is in some chunk.
    for (const sentence of sentences(40).split(/(?<=\.) /)) {
      expect(findings.some((c) => c.text.includes(sentence))).toBe(true);
    }
  });

  it('keeps list items and table rows whole', () => {
    const items = Array.from(
      { length: 30 },
      (_, i) => `- Item ${i + 1}: rotate the creative and cap frequency at four.`,
    );
    const table = [
      '| market | ctr |',
      '| --- | --- |',
      ...Array.from({ length: 40 }, (_, i) => `| M${i} | ${i}% |`),
    ];
    const out = chunkDocument(doc(`## Checklist\n\n${items.join('\n')}\n\n## Table\n\n${table.join('\n')}`));
    for (const chunk of out) {
      for (const line of chunk.text.split('\n')) expect(line).toMatch(/^(- Item \d+: .*four\.|\| .* \|)$/);
    }
  });

  it('records pages for PDF text', () => {
    const pdfText = `${sentences(5)}\n\n${sentences(5, 'budget')}`;
    const split = pdfText.indexOf('Sentence 1 explains how the budget');
    const out = chunkDocument(doc(pdfText, { format: 'pdf', pageStarts: [split] }), {
      minWords: 10,
      maxWords: 40,
      overlapSentences: 0,
      overlapMaxWords: 0,
      hardMaxWords: 80,
    });
    expect(out[0]?.pages).toEqual({ start: 1, end: 1 });
    expect(out[out.length - 1]?.pages).toEqual({ start: 2, end: 2 });
  });

  it('treats a lone leading H1 as the title even when it is worded differently', () => {
    const out = chunkDocument(doc('# Why did CTR drop?\n\n## Summary\n\nIt fell.\n'));
    expect(out.map((c) => c.heading)).toEqual(['Summary']);
    const two = chunkDocument(doc('# Part one\n\nA.\n\n# Part two\n\nB.\n'));
    expect(two.map((c) => c.heading)).toEqual(['Part one', 'Part two']);
  });

  it('cuts a run-on text without punctuation at word boundaries', () => {
    const runOn = Array.from({ length: 1000 }, (_, i) => `word${i}`).join(' ');
    const out = chunkDocument(doc(runOn));
    expect(out.length).toBeGreaterThan(3);
    for (const chunk of out) expect(wordCount(chunk.text)).toBeLessThanOrEqual(220);
  });
});

describe('front matter schema', () => {
  it('accepts the documented keys and normalises lists, dates and the period', () => {
    const parsed = kbFrontMatterSchema.parse({
      title: 'T',
      date: '2025-03-01T08:00:00Z',
      type: 'brief',
      industries: 'Gaming',
      markets: [],
      period: '2025-01-01/2025-03-31',
      source_id: 42,
    });
    expect(parsed).toMatchObject({
      date: '2025-03-01',
      industries: ['Gaming'],
      markets: [],
      channels: [],
      period: { start: '2025-01-01', end: '2025-03-31' },
      source_id: '42',
    });
  });

  it('rejects a bad date, a reversed period and a missing source_id', () => {
    expect(
      kbFrontMatterSchema.safeParse({ title: 'T', date: '2025-02-30', type: 'x', source_id: 'a' }).success,
    ).toBe(false);
    expect(
      kbFrontMatterSchema.safeParse({
        title: 'T',
        date: '2025-02-01',
        type: 'x',
        source_id: 'a',
        period: '2025-03-01/2025-01-01',
      }).success,
    ).toBe(false);
    expect(kbFrontMatterSchema.safeParse({ title: 'T', date: '2025-02-01', type: 'x' }).success).toBe(false);
  });
});

describe('tokenize', () => {
  it('keeps numbers and short domain tokens, drops stop words, stems words', () => {
    expect(tokenize('The 11.11 sale in Q3 on CTV was 1,200 impressions')).toEqual(
      expect.arrayContaining(['11.11', 'q3', 'ctv', '1200', 'impress', 'sale']),
    );
    expect(tokenize('the and of was')).toEqual([]);
    expect(stem('campaigns')).toBe(stem('campaign'));
    expect(stem('optimisation')).toBe(stem('optimization'));
    expect(stem('advertisers')).toBe(stem('advertising'));
  });

  it('splits compounds, keeps their join, and handles abbreviations and possessives', () => {
    const { terms, sequence } = analyze("Click-through rate of P&G's U.S. e-commerce ads");
    expect(sequence).toEqual(['click', 'rate', 'p&g', 'commerc', 'ad']);
    expect(terms).toEqual(expect.arrayContaining(['clickthrough', 'ecommerc', '~ctr', '~retail']));
  });

  it('adds concept terms for ad-domain synonyms', () => {
    expect(tokenize('connected TV return on ad spend')).toEqual(expect.arrayContaining(['~ctv', '~roas']));
    expect(tokenize('CTV ROAS')).toEqual(expect.arrayContaining(['~ctv', '~roas']));
  });

  it('folds negations into one term, so "may not" meets "cannot"', () => {
    expect(tokenize('claims we may not make')).toContain('not');
    expect(tokenize('claims we cannot make')).toContain('not');
    expect(tokenize('claims we may make')).not.toContain('not');
  });

  it("weights a query's literal words down where a concept term carries their meaning", () => {
    const { terms } = analyzeQuery('connected TV in Japan');
    expect(terms).toEqual(
      expect.arrayContaining([
        { term: 'connect', weight: LITERAL_IN_CONCEPT_WEIGHT },
        { term: 'tv', weight: LITERAL_IN_CONCEPT_WEIGHT },
        { term: '~ctv', weight: 1 },
        { term: '~japan', weight: 1 },
      ]),
    );
    // "japan" is both a literal and a one-word concept phrase: its literal weight is also lowered.
    expect(terms.find((t) => t.term === 'japan')?.weight).toBe(LITERAL_IN_CONCEPT_WEIGHT);
  });

  it('indexes CJK text as character bigrams', () => {
    expect(tokenize('日本の広告')).toEqual(['日本', '本の', 'の広', '広告']);
  });
});
