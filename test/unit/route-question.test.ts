import { describe, expect, it } from 'vitest';
import { routeQuestion } from '../../src/domain/documents/route.ts';
import { namesMetric } from '../../src/domain/parser/follow-up.ts';
import { parseQuestion } from '../../src/domain/parser/parse-question.ts';
import { testParseContext } from '../fixtures/test-model.ts';

/**
 * A question that cites a document (by its kind, or as the source of a figure) is about what that
 * document says, even when it names a measure; a question the parser cannot place that names a
 * measure is probed in the documents, unless it is shaped as a ranking of the data's groups.
 */

const ctx = testParseContext();
const route = (question: string) => {
  const parsed = parseQuestion(question, ctx);
  return routeQuestion(question, {
    parsedAsQuery: parsed.status === 'query',
    namesMetric: namesMetric(question, ctx),
    wordsLeftOver: parsed.status === 'query' && parsed.ignored.length > 0,
  });
};

describe('routeQuestion: cited documents', () => {
  it.each([
    'what cpa did the harvest week case study show',
    'per our japan h1 writeup, did ctr hold up',
    'what roas figure is in the Q2 travel report',
    'according to the ctv note, what is a normal cpm',
    'the display benchmarks doc - what ctr counts as good',
    'what cvr did the double ten post-mortem report',
    'which cpc does the search playbook quote',
  ])('"%s" goes to the documents', (question) => {
    expect(route(question)).toBe('documents');
  });

  it.each([
    'spend report by channel for 2025',
    'give me a report of ctr by market last quarter',
    'ctr per day in june 2025',
  ])('"%s" is still a data question: a report of the data is not a document', (question) => {
    expect(route(question)).toBe('data');
  });
});

describe('routeQuestion: a measure in a question the parser cannot place', () => {
  it.each(['harvest week launch cost per install on search?'])(
    '"%s" is probed in the documents',
    (question) => {
      expect(parseQuestion(question, ctx).status).toBe('clarify');
      expect(route(question)).toBe('probe');
    },
  );

  it.each([
    'which banner design had the best cvr in q3',
    'top 5 keywords by cpc in 2025',
    'which headline variant got the lowest cpc',
  ])('"%s" stays with the data: documents do not rank its groups', (question) => {
    expect(parseQuestion(question, ctx).status).toBe('clarify');
    expect(route(question)).toBe('data');
  });
});

describe('routing words that only look like document words', () => {
  it.each([
    'which channel grew clicks fastest in % terms',
    'rank markets by cpa growth in relative terms',
    'which industry grew conversions the most in absolute terms 2025 vs 2024',
    'quick recap of conversions by device in q3 2025',
    'summarise clicks by market for 2024',
    'rundown of roas by industry h2 2025',
  ])('"%s" is a data question', (question) => {
    expect(route(question)).toBe('data');
  });

  it.each([
    'gist of the japan note',
    'tl;dr of the beauty h1 brief',
    'what are the terms of the display loyalty rebate',
  ])('"%s" is still a document question', (question) => {
    expect(route(question)).toBe('documents');
  });
});
