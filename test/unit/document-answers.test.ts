import { describe, expect, it } from 'vitest';
import { composeGroundedAnswer } from '../../src/domain/documents/grounded-answer.ts';
import {
  NOT_FOUND,
  notFoundMessage,
  nothingToGoOnMessage,
  premiseCheck,
  premiseNote,
  restatePremise,
} from '../../src/domain/documents/messages.ts';
import { coversPeriod, readDocumentQuestion } from '../../src/domain/documents/question.ts';
import { routeQuestion } from '../../src/domain/documents/route.ts';
import type { RetrievedChunk, Retriever } from '../../src/ports.ts';
import { type AskDeps, ask } from '../../src/usecases/ask/ask.ts';
import { section } from '../fakes/kb-sections.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { fakeWarehouse } from '../fakes/port-fakes.ts';

const asOf = '2025-12-31';

const smbEligibility = section(
  'PRG-07-TERMS',
  'Eligibility',
  '- Tier: smb brands only; enterprise and mid-market brands do not qualify, whatever their spend.\n- Minimum spend: USD 5,000 on the eligible channels in a quarter.',
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
  '- Open to every industry and every tier, from enterprise to smb brands.\n- Minimum spend: USD 25,000 on Search in a quarter.',
  { type: 'program-terms' },
  'PRG-01 Search Performance Rebate — program terms',
);
const japanNote = section(
  'MARKET-JAPAN',
  'Size and growth',
  '- Japan is the network largest market: spend was $21.24M in 2025.\n- Japan had the highest CPM of the eight markets in 2025.',
  { type: 'market-note', markets: ['Japan'], period: '2024-01-01/2025-12-31' },
  'Japan — market note',
);
const singaporeNote = section(
  'MARKET-SINGAPORE',
  'Size and growth',
  '- Singapore CPM was $8.41 in 2025, second only to Japan.',
  { type: 'market-note', markets: ['Singapore'], period: '2024-01-01/2025-12-31' },
  'Singapore — market note',
);
const postMortemSummary = section(
  'PM-SPIKE',
  'Summary',
  'On 2025-03-14 the campaign spent $49,897 in a single day. The spike was about 10.3 times the normal daily spend. The cause was a budget-pacing error: the bid caps were removed from the line items. Conversions did not rise.',
  { type: 'post-mortem', brands: ['Lumina Mart'], period: '2025-03-14/2025-03-14' },
  'Lumina Mart one-day spend spike — post-mortem',
);
const postMortemTimeline = section(
  'PM-SPIKE',
  'Timeline',
  '- Through 2025-03-13 the Lumina Mart campaign paced normally.\n- On 2025-03-15 the caps were restored.',
  { type: 'post-mortem', brands: ['Lumina Mart'], period: '2025-03-14/2025-03-14' },
  'Lumina Mart one-day spend spike — post-mortem',
);
const finBrief = section(
  'BRIEF-FS-H2',
  'Headline KPIs',
  '- Financial Services spend in H2 2025 was $4.23M, up 40% on H2 2024.\n- Financial Services ROAS in H2 2025 was 1.86.',
  { type: 'industry-brief', industries: ['Financial Services'], period: '2025-07-01/2025-12-31' },
  'Financial Services — H2 2025 industry brief',
);
const retailRules = section(
  'BG-RETAIL',
  'Claims we may not make',
  '- No "lowest price" unless a price-match policy covers it.\n- No stock claims that stores cannot honour.',
  { type: 'brand-guidelines', brands: ['Lumina Mart'] },
  'Lumina Mart brand guidelines — voice, price claims, disclaimers',
);

const documentOf = (answer: ReturnType<typeof composeGroundedAnswer>) =>
  answer.citations.filter((c) => c.kind === 'document').map((c) => c.sourceId);

describe('routing questions that documents answer', () => {
  it.each([
    ["what's trending in Vietnam", false, 'documents'],
    ['give me the gist of the Japan note', false, 'documents'],
    ['playbook advice for CTV', false, 'documents'],
    ['what made Nebula Forge the biggest gaming spender', true, 'both'],
    ['how does the second half look for banks', false, 'probe'],
    ['can big advertisers use the SMB starter credit', false, 'documents'],
    ['can big advertisers use the display reactivation offer', false, 'probe'],
    ['CTR trend by month in 2025', true, 'data'],
  ] as const)('%s -> %s', (question, namesMetric, route) => {
    expect(routeQuestion(question, { parsedAsQuery: namesMetric, namesMetric })).toBe(route);
  });

  it('probes the documents when the parser placed a query but left words over', () => {
    const signals = { parsedAsQuery: true, namesMetric: true, wordsLeftOver: true };
    expect(routeQuestion('min spend for the display reactivation offer', signals)).toBe('probe');
    expect(routeQuestion('spend for Display', { ...signals, wordsLeftOver: false })).toBe('data');
  });

  it('reads intent, named document types and periods before looking at documents', () => {
    expect(readDocumentQuestion('give me the gist of the Japan note', asOf)).toMatchObject({
      intent: 'summary',
      types: ['market-note'],
      units: [{ text: 'japan', concept: true }],
    });
    const half = readDocumentQuestion('how did the back half go for banks', asOf);
    expect(half.periods).toEqual([{ start: '2025-07-01', end: '2025-12-31', label: 'H2 2025' }]);
    expect(half.units.map((u) => u.terms[0])).toEqual(['~finance']);
    expect(readDocumentQuestion('lumina mart overspend - what happened', asOf).intent).toBe('cause');
    expect(readDocumentQuestion('can an enterprise brand get the smb credit', asOf).intent).toBe(
      'eligibility',
    );
  });

  it('counts a document as about a period only when it is mostly that period', () => {
    expect(
      coversPeriod({ start: '2025-07-01', end: '2025-12-31' }, { start: '2025-07-01', end: '2025-12-31' }),
    ).toBe(true);
    expect(
      coversPeriod({ start: '2025-10-01', end: '2025-12-31' }, { start: '2025-11-01', end: '2025-11-30' }),
    ).toBe(true);
    expect(
      coversPeriod({ start: '2024-01-01', end: '2025-12-31' }, { start: '2025-11-01', end: '2025-11-30' }),
    ).toBe(false);
  });
});

describe('"couldn\'t find" decided by coverage, not by the top score', () => {
  it('says not found when the best hit (scored 1) misses the word the question turns on', () => {
    // The top section scores 1 like every top hit; it covers "rebate" but not "snapchat".
    const answer = composeGroundedAnswer('rebate for snapchat spend', [searchRebate], {
      asOf,
      absent: ['snapchat'],
    });
    expect(answer.found).toBe(false);
    expect(answer.sentences).toEqual([]);
  });

  it('says not found for a topic the corpus lacks even when every other word is covered', () => {
    const answer = composeGroundedAnswer('is there a rebate program for amazon ads', [searchRebate], {
      asOf,
      absent: ['amazon'],
    });
    expect(answer.found).toBe(false);
  });

  it('answers when the evidence covers the question, the same top score either way', () => {
    const answer = composeGroundedAnswer('minimum spend for the search rebate', [searchRebate], { asOf });
    expect(answer.found).toBe(true);
    expect(answer.sentences.map((s) => s.text).join(' ')).toContain('USD 25,000');
  });

  it('takes a named period as covered by a document about that period', () => {
    const answer = composeGroundedAnswer('how does the second half look for banks', [finBrief], { asOf });
    expect(answer.found).toBe(true);
    expect(documentOf(answer)).toEqual(['BRIEF-FS-H2']);
  });

  it('answers a named document type only from documents of that type', () => {
    const answer = composeGroundedAnswer(
      'brand guidelines for the spring sale campaign',
      [postMortemSummary],
      {
        asOf,
      },
    );
    expect(answer.found).toBe(false);
  });

  it('on a probe, words scattered over a document are not an answer ("stock" here, "price" there)', () => {
    const answer = composeGroundedAnswer("what's our stock price", [retailRules], { asOf, strict: true });
    expect(answer.found).toBe(false);
  });

  it('on a probe, answers when the question names the document and a sentence meets it', () => {
    const answer = composeGroundedAnswer('can big advertisers use the smb starter credit', [smbEligibility], {
      asOf,
      strict: true,
    });
    expect(answer.found).toBe(true);
    expect(answer.sentences[0]?.text).toContain('smb brands only');
  });
});

describe('section-coherent quoting', () => {
  it('does not append a sentence about another program to an answer about this one', () => {
    const answer = composeGroundedAnswer(
      'can an enterprise brand get the smb starter credit',
      [smbEligibility, searchRebate],
      { asOf },
    );
    expect(documentOf(answer)).toEqual(['PRG-07-TERMS']);
    expect(answer.sentences.map((s) => s.text).join(' ')).not.toContain('every tier');
  });

  it('cites each sentence to the section it was quoted from', () => {
    const answer = composeGroundedAnswer(
      'smb starter credit minimum spend and rebate cap',
      [smbEligibility, smbBenefits],
      { asOf },
    );
    const sourceOf = (needle: string) => {
      const sentence = answer.sentences.find((s) => s.text.includes(needle));
      return answer.citations.find((c) => c.n === sentence?.citation)?.source;
    };
    expect(sourceOf('USD 5,000')).toMatch(/#eligibility$/);
    expect(sourceOf('USD 2,000')).toMatch(/#benefits$/);
  });

  it('keeps a summary to its document, not a note that only mentions the same market', () => {
    const answer = composeGroundedAnswer('give me the gist of the Japan note', [singaporeNote, japanNote], {
      asOf,
    });
    expect(documentOf(answer)).toEqual(['MARKET-JAPAN']);
  });

  it("brings a post-mortem's stated cause when asked what happened", () => {
    const answer = composeGroundedAnswer(
      'lumina mart overspend - what happened',
      [postMortemTimeline, postMortemSummary],
      { asOf },
    );
    expect(answer.sentences.map((s) => s.text).join(' ')).toContain('The cause was a budget-pacing error');
  });
});

describe('messages that say no say it once', () => {
  it('lists documents only when they are related, after saying it could not find the answer', () => {
    expect(notFoundMessage([])).toBe(NOT_FOUND);
    const message = notFoundMessage([{ title: 'Japan — market note' }]);
    expect(message.startsWith(NOT_FOUND)).toBe(true);
    expect(message).toContain('do not answer it');
  });

  it('never asks for a measure after saying the question is not about the data', () => {
    const message = nothingToGoOnMessage();
    expect(message).toContain("couldn't find this in the knowledge base");
    expect(message).not.toMatch(/which measure|what would you like to know/i);
  });

  it('calls a false premise false', () => {
    expect(premiseCheck('why did vietnam spend collapse in 2025', 2.59)).toBe('rise');
    expect(premiseCheck('why did vietnam spend grow in 2025', 2.59)).toBeNull();
    expect(premiseCheck('why did automotive ctr drop in june', -0.51)).toBeNull();
    expect(premiseCheck('why did CPC jump', -0.2)).toBe('fall');
    expect(premiseNote('rise')).toContain('went up, not down');
    expect(restatePremise('why did vietnam spend collapse in 2025', 'rise')).toBe(
      'why did vietnam spend growth in 2025',
    );
  });
});

describe('ask: one stance per message', () => {
  const deps = (retriever: Retriever, rows: unknown[][] = [[1234.5]]): AskDeps =>
    offlineAskDeps({ warehouse: fakeWarehouse(rows as never), allowlist: new Map(), retriever });
  const empty: Retriever = { retrieve: async () => [] };

  it('asks the data question first when the knowledge base was only a guess, then says it was searched', async () => {
    const answer = await ask(deps(empty), 'how is Gaming');
    expect(answer.status).toBe('clarify');
    expect(answer.answer).toMatch(/^I understood: .*I couldn't find this in the knowledge base either\.$/s);
    expect(answer.answer.match(/couldn't find/g)).toHaveLength(1);
  });

  it('says once that neither the documents nor the data cover a question it cannot read', async () => {
    const answer = await ask(deps(empty), 'how are we doing');
    expect(answer.status).toBe('clarify');
    expect(answer.answer).toContain("couldn't find this in the knowledge base");
    expect(answer.answer).not.toMatch(/which measure do you mean|what would you like to know/i);
  });

  /** A small corpus searched by shared words, as a stand-in for the index. */
  const corpus = (sections: RetrievedChunk[]): Retriever => ({
    retrieve: async ({ text }) => {
      const words = text
        .toLowerCase()
        .split(/\W+/)
        .filter((w) => w.length > 2);
      return sections.filter((s) => words.some((w) => `${s.title} ${s.text}`.toLowerCase().includes(w)));
    },
  });
  const ctvRole = section(
    'PB-CTV',
    'When to use it',
    '- Big reveals and launches that need TV-style reach.',
    {
      type: 'channel-playbook',
    },
  );

  it('answers from the document the question names', async () => {
    const retriever = corpus([smbEligibility, smbBenefits, ctvRole]);
    const answer = await ask(deps(retriever), 'can enterprise brands use the SMB starter credit');
    expect(answer).toMatchObject({ status: 'answered', route: 'documents' });
    expect(answer.answer).toContain('smb brands only');
  });
});
