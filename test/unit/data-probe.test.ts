import { describe, expect, it } from 'vitest';
import { dataReadingOf } from '../../src/domain/documents/data-probe.ts';
import { composeGroundedAnswer } from '../../src/domain/documents/grounded-answer.ts';
import { namesMetric } from '../../src/domain/parser/follow-up.ts';
import { parseQuestion } from '../../src/domain/parser/parse-question.ts';
import type { RetrievedChunk, Retriever } from '../../src/ports.ts';
import { ask } from '../../src/usecases/ask/ask.ts';
import { section } from '../fakes/kb-sections.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { fakeWarehouse } from '../fakes/port-fakes.ts';
import { testParseContext } from '../fixtures/test-model.ts';

/**
 * A question the parser read as a data query but could not place entirely falls to the documents
 * only for its left-over words: a document may answer it when it is about the query's entities
 * or about those words, never because a sentence happens to contain one of them.
 */

const ctx = testParseContext();
const asOf = ctx.asOf;

const readingOf = (question: string) => dataReadingOf(parseQuestion(question, ctx), question, ctx.lexicon);

const overspend = section(
  'PM-OVERSPEND',
  'Summary',
  'The Harvest Week campaign launched on 2024-05-02 with a projected spend of $120,000. It spent $151,400 in a single week, 26% over.',
  {
    type: 'post-mortem',
    brands: ['Kairo Bank'],
    markets: ['Japan', 'Taiwan'],
    period: '2024-01-01/2024-12-31',
  },
  'Kairo Bank Harvest Week campaign overspend, 2024 — post-mortem',
);
const festival = section(
  'PM-DOUBLE-TEN',
  'Summary',
  'The Double Ten festival spend peaked on a single day: $88,000 on 10 October 2024, the biggest day of the season.',
  { type: 'post-mortem', industries: ['Retail & E-commerce'], period: '2024-10-01/2024-10-31' },
  "Retail Double Ten festival, 2024 — post-mortem: why the Singles' Day run-up was stronger",
);
const singaporeNote = section(
  'MARKET-SG',
  'Efficiency',
  '- Singapore had the highest ROAS of the eight markets, 3.77.\n- Singapore CVR was 3.35%, also the highest.',
  { type: 'market-note', markets: ['Singapore'], period: '2024-01-01/2025-12-31' },
  'Singapore — market note',
);
const searchPlaybook = section(
  'PB-SEARCH',
  'Benchmarks',
  '- Search clicks cost $0.92 each in 2025.\n- Search had 1.9M clicks in 2025, the most of any channel.',
  { type: 'channel-playbook', channels: ['Search'], period: '2025-01-01/2025-12-31' },
  'Search channel playbook',
);
const rebateTerms = section(
  'PRG-REBATE',
  'Eligibility',
  '- The quarterly loyalty rebate is open to advertisers whose Display spend reaches USD 10,000 in a quarter.',
  { type: 'program-terms', channels: ['Display', 'Native'], markets: ['Japan', 'Taiwan', 'Vietnam'] },
  'Display loyalty rebate — program terms',
);

describe('dataReadingOf', () => {
  it('keeps the left-over words, the entities the query filters on, and the words that qualify a measure', () => {
    expect(readingOf('organic clicks for Search in 2025')).toEqual({
      leftOver: ['organic'],
      entities: ['Search'],
      modifiers: ['organic'],
      groupings: [],
    });
    expect(readingOf('what was the projected spend for campaigns launched in 2024')).toMatchObject({
      leftOver: ['projected', 'launched'],
      entities: [],
      modifiers: ['projected'],
    });
  });

  it('keeps the words a breakdown asks for that the data cannot give, placed or not', () => {
    expect(
      readingOf('singapore roas split by shopper persona and household size in 2025')?.groupings,
    ).toContain('shopper');
    expect(readingOf('search clicks across loyalty cohorts last year')?.groupings).toEqual(
      expect.arrayContaining(['loyalty', 'cohorts']),
    );
    // A ranking of things the data does not hold is a breakdown by them.
    expect(readingOf('best headlines for beauty on social last quarter')?.groupings).toEqual(['headlines']);
    // A rate is not a breakdown.
    expect(readingOf('in hk is ctv or social cheaper per install?')?.groupings ?? []).toEqual([]);
  });

  it('has nothing to say about a question the parser placed entirely', () => {
    expect(readingOf('clicks for Search in 2025')).toBeUndefined();
  });
});

describe('a data question answered from the documents', () => {
  const compose = (question: string, chunks: RetrievedChunk[], absent: string[] = []) => {
    const dataReading = readingOf(question);
    expect(dataReading).toBeDefined();
    return composeGroundedAnswer(question, chunks, {
      asOf,
      strict: true,
      namesMetric: namesMetric(question, ctx),
      absent,
      ...(dataReading ? { dataReading } : {}),
    });
  };

  it('does not quote one campaign figure for a total because a sentence repeats a left-over word', () => {
    const answer = compose('what was the projected spend for campaigns launched in 2024', [overspend]);
    expect(answer.found).toBe(false);
  });

  it('does not read a word inside an event name ("Singles\' Day") as the subject of a data question', () => {
    const answer = compose('biggest single spend day in the data', [festival]);
    expect(answer.found).toBe(false);
  });

  it('answers from a document about the market the query names, the left-over words being phrasing', () => {
    const answer = compose("is singapore really the top roas market, what's the figure", [singaporeNote]);
    expect(answer.found).toBe(true);
    expect(answer.sentences[0]?.text).toContain('3.77');
  });

  it('does not answer a breakdown the data lacks from a document about the rest of the question', () => {
    const answer = compose('singapore roas split by shopper persona and household size in 2025', [
      singaporeNote,
    ]);
    expect(answer.found).toBe(false);
  });

  it('does not answer a qualified measure ("organic clicks") from a document that never says the qualifier', () => {
    const answer = compose('organic clicks for Search in 2025', [searchPlaybook]);
    expect(answer.found).toBe(false);
  });

  it('answers when the left-over words are what the document is about', () => {
    const answer = compose('how much spend do loyalty rebates need', [rebateTerms]);
    expect(answer.found).toBe(true);
    expect(answer.sentences[0]?.text).toContain('USD 10,000');
  });

  it('does not answer a figure question stopped on a name with another figure for its measure', () => {
    // "it" (lower case, not the code IT) and "indonesia" stopped the query; the playbook says nothing of them.
    expect(compose('cpc in it 2025', [searchPlaybook]).found).toBe(false);
    expect(compose('cpc in indonesia 2025', [searchPlaybook]).found).toBe(false);
  });

  it('answers a figure question stopped on a name when the section says that name', () => {
    const answer = compose('display spend per quarter for the loyalty rebate', [rebateTerms]);
    expect(answer.found).toBe(true);
  });

  it('says "couldn\'t find" when a left-over word is one the corpus lacks, even with the market named', () => {
    const answer = compose('zorblax spend in singapore 2025', [singaporeNote], ['zorblax']);
    expect(answer.found).toBe(false);
  });
});

describe('ask: a data question no path can answer', () => {
  const corpus = (sections: RetrievedChunk[]): Retriever => ({ retrieve: async () => sections });

  it('asks back naming the words that qualify its terms, citing no document', async () => {
    const deps = offlineAskDeps({
      warehouse: fakeWarehouse([[1]] as never),
      allowlist: new Map(),
      retriever: corpus([overspend, festival]),
    });
    const answer = await ask(deps, 'what was the projected spend for campaigns launched in 2024');
    expect(answer.status).toBe('clarify');
    expect(answer.answer).toMatch(/"projected"/);
    expect(answer.answer).toMatch(/"launched"/);
    expect(answer.citations ?? []).toHaveLength(0);
  });
});
