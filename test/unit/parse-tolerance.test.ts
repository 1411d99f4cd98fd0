import { describe, expect, it } from 'vitest';
import { certainOrClarify, parseQuestion } from '../../src/domain/parser/parse-question.ts';
import { testParseContext } from '../fixtures/test-model.ts';

const ctx = testParseContext();
const settle = (q: string) => certainOrClarify(parseQuestion(q, ctx), ctx);

function answered(q: string) {
  const outcome = settle(q);
  if (outcome.status !== 'query')
    throw new Error(`expected a query for "${q}", got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('dimension shorthand is read, and the reading is said', () => {
  it.each([
    ['spend by mkt in 2025', 'market', 'mkt'],
    ['ctr per mkts last month', 'market', 'mkts'],
    ['roas by ctry 2024', 'market', 'ctry'],
    ['clicks by cntry this year', 'market', 'cntry'],
    ['revenue by rgn in q3 2025', 'market', 'rgn'],
    ['cpa by mrkt ytd', 'market', 'mrkt'],
    ['spend by ind in 2025', 'industry', 'ind'],
    ['cvr per vert last quarter', 'industry', 'vert'],
    ['ctr by verts h1 2025', 'industry', 'verts'],
    ['impressions by inds 2024', 'industry', 'inds'],
    ['cpm by chnl last month', 'channel', 'chnl'],
    ['spend per chan in 2025', 'channel', 'chan'],
    ['clicks by chnls this year', 'channel', 'chnls'],
    ['roas by dev q2 2025', 'device', 'dev'],
    ['ctr by devs ytd', 'device', 'devs'],
    ['conversions by dvc last week', 'device', 'dvc'],
    ['spend by camp in december', 'campaign', 'camp'],
    ['clicks per cmpgn last month', 'campaign', 'cmpgn'],
    ['cvr by obj in 2025', 'objective', 'obj'],
    ['spend by objs last quarter', 'objective', 'objs'],
    ['revenue by brnd in 2024', 'brand', 'brnd'],
    ['spend by acct last month', 'brand', 'acct'],
    ['ctr by plat this month', 'device', 'plat'],
    ['cpc by cat in 2025', 'industry', 'cat'],
    ['spend by sect 2025', 'industry', 'sect'],
    ['cpa per accts ytd', 'brand', 'accts'],
    ['video views by chls in h2 2025', 'channel', 'chls'],
    ['revenue per mkt and dev in 2025', 'market', 'mkt'],
    ['roas across mkts in may', 'market', 'mkts'],
    ['cvr by cntries 2025', 'market', 'cntries'],
  ])('"%s" groups by %s and says it read "%s"', (question, dimension, written) => {
    const outcome = answered(question);
    expect(outcome.query.dimensions).toContain(dimension);
    expect(outcome.understood).toContain(`read "${written}" as`);
  });

  it.each([
    ['which mkt grew fastest yoy in spend', 1],
    ['which chnl had the highest ctr in 2025', 1],
    ['which dev saw the biggest drop in clicks this year', 1],
    ['which mkts grew fastest in revenue this year', 10],
  ])('"%s" keeps the count a singular or plural shorthand asks for (%i)', (question, limit) => {
    expect(answered(question).query.limit).toBe(limit);
  });
});

describe('limit phrasing: counts in words and digits, wherever they stand', () => {
  it.each([
    ['top three brands by spend in 2025', 3],
    ['top-5 markets by ctr last quarter', 5],
    ['top5 channels by spend 2025', null],
    ['bottom two markets by roas in 2025', 2],
    ['the 2 worst channels by cpa last month', 2],
    ['the four best industries by cvr in 2025', 4],
    ['give me the top seven brands by revenue ytd', 7],
    ['highest ten brands by clicks in 2024', 10],
    ['lowest 3 markets by ctr this year', 3],
    ['top twelve brands by spend', 12],
    ['brands by spend in 2025, top six', 6],
    ['best 2 devices by cvr in q3 2025', 2],
    ['worst three industries by cpc last year', 3],
    ['which markets had the lowest roas in 2025? just the bottom 2', 2],
    ['which brands spent the most in 2025, only the top three', 3],
    ['top one market by spend in 2025', 1],
    ['lowest ctr by channel in 2025 — bottom four only', 4],
    ['who grew spend fastest this year? top 5', 5],
    ['biggest decline in clicks by market yoy, just the bottom two', 2],
    ['slowest growth in revenue by industry this year, the 3 slowest', 3],
    ['top fifteen brands by impressions last quarter', 15],
    ['which 2 markets had the best roas last month', 2],
    ['top 8 brands by cpa in 2025', 8],
    ['top-10 brands by conversions in 2024', 10],
    ['bottom-3 channels by vtr ytd', 3],
    ['the five cheapest markets by cpm in 2025', 5],
    ['the top twenty brands by spend in 2025', 20],
    ['3 best channels for ctr in 2025', 3],
    ['nine biggest brands by spend in 2025', 9],
    ['best six markets by revenue in h1 2025', 6],
  ])('"%s" keeps a limit of %s', (question, limit) => {
    const outcome = settle(question);
    if (limit === null) {
      expect(outcome.status).toBe('clarify');
      return;
    }
    if (outcome.status !== 'query')
      throw new Error(`expected a query for "${question}": ${JSON.stringify(outcome)}`);
    expect(outcome.query.limit).toBe(limit);
  });

  it('leaves "which one" and "quick one" alone', () => {
    expect(answered('quick one: spend by market in 2025').query.limit).toBeUndefined();
  });
});

describe('measures the data does not hold stop the answer and are named', () => {
  it.each([
    'brand lift from ctv in 2025?',
    'brand lift by market last quarter',
    'what was the sales lift on search in 2025',
    'conversion lift for gaming in q3 2025',
    'ad recall by channel in 2025',
    'brand recall for beauty last month',
    'sentiment for automotive brands in 2025',
    'share of voice by market in 2025',
    'sov for gaming last quarter',
    'reach by channel last month',
    'unique reach on ctv in 2025',
    'frequency on social last quarter',
    'avg frequency by market in 2025',
    'viewability by channel in 2025',
    'viewable impressions for display last month',
    'engagement rate on social in 2025',
    'engagements by market this year',
    'bounce rate by device last quarter',
    'dwell time for travel in 2025',
    'watch time on ctv this year',
    'completion rate for online video in 2025',
    'vcr by market last month',
    'ltv by industry in 2025',
    'retention for fintech in 2025',
    'churn by market last year',
    'nps for retail brands in 2025',
    'app installs for gaming in 2025',
    'downloads by market in q4 2025',
    'invalid traffic by channel last month',
    'ivt rate on display in 2025',
    'incrementality of search in 2025',
    'purchase intent for cars last quarter',
    'brand safety by channel in 2025',
  ])('"%s" is asked back, naming the measure', (question) => {
    const outcome = settle(question);
    expect(outcome.status).toBe('clarify');
    if (outcome.status !== 'clarify') return;
    expect(outcome.unmeasured).toBeDefined();
    expect(outcome.missing).toContain(`"${outcome.unmeasured}"`);
  });

  it('lets a method question about an unmeasured term reach the documents', () => {
    const outcome = settle('how should we measure brand lift on ctv');
    expect(outcome.status).toBe('clarify');
    if (outcome.status === 'clarify') expect(outcome.unmeasured).toBeUndefined();
  });
});

describe('chat shorthand, apostrophe years and acronyms', () => {
  it.each([
    ["roas by market h2 '25", { kind: 'half', year: 2025, half: 2 }],
    ["ctr in q3 '24", { kind: 'quarter', year: 2024, quarter: 3 }],
    ['spend in q1 ’25', { kind: 'quarter', year: 2025, quarter: 1 }],
    ["cpa by channel h1 '24", { kind: 'half', year: 2024, half: 1 }],
    ["clicks in '25", { kind: 'year', year: 2025 }],
    ["revenue in march '25", { kind: 'month', year: 2025, month: 3 }],
  ])('"%s" reads the apostrophe year', (question, time) => {
    expect(answered(question).query.time).toEqual(time);
  });

  it.each([
    ['ctr fr each tier thx', 'tier'],
    ['spend fr every market in 2025', 'market'],
    ['cpa fr all channels last month', 'channel'],
    ['top 3 industries w/ the biggest revenue increase vs last year', 'industry'],
    ['brands w/ the highest roas in 2025', 'brand'],
  ])('"%s" reads the shorthand and groups by %s', (question, dimension) => {
    expect(answered(question).query.dimensions).toContain(dimension);
  });

  it.each([
    ['top 5 brands by spend in 2025 excl. automotive', 'industry', ['Automotive']],
    ['spend by market excl japan in 2025', 'market', ['Japan']],
    ['ctr by channel exc. search last month', 'channel', ['Search']],
    ['revenue by industry 2025 excl gaming and retail', 'industry', ['Gaming', 'Retail & E-commerce']],
    ['spend w/o search by market in 2025', 'channel', ['Search']],
    ['spend on non-video channels by market last qtr', 'channel', ['Online Video', 'CTV']],
    ['ctr by market excluding video channels in 2025', 'channel', ['Online Video', 'CTV']],
    ['cpm excluding video formats in 2025', 'channel', ['Online Video', 'CTV']],
  ])('"%s" excludes %s %j', (question, dimension, values) => {
    const filter = answered(question).query.filters.find((f) => f.dimension === dimension);
    expect(filter).toEqual({ dimension, values, exclude: true });
  });

  it('reads "video channels" as every channel the model groups as video', () => {
    const filter = answered('spend on video channels by market in 2025').query.filters[0];
    expect(filter?.values).toEqual(['Online Video', 'CTV']);
  });

  it('keeps "video" alone as the Online Video channel', () => {
    expect(answered('vtr on video in hk last month').query.filters[0]?.values).toEqual(['Online Video']);
  });

  it.each(['bfsi conv rate 2024 pls', 'spend for bfsi brands in 2025', 'finserv roas last quarter'])(
    '"%s" reads the industry acronym as Financial Services',
    (question) => {
      expect(answered(question).query.filters[0]?.values).toEqual(['Financial Services']);
    },
  );
});

describe('typos of time words are read, and said', () => {
  it.each([
    ['how much we spent on serach in hk last quater?', { kind: 'relative', unit: 'quarter', offset: -1 }],
    ['ctr last qaurter by channel', { kind: 'relative', unit: 'quarter', offset: -1 }],
    ['spend in febuary 2025', { kind: 'month', year: 2025, month: 2 }],
    ['clicks in janaury 2025', { kind: 'month', year: 2025, month: 1 }],
    ['revenue in septmber 2025', { kind: 'month', year: 2025, month: 9 }],
    ['cpa in decmber 2024', { kind: 'month', year: 2024, month: 12 }],
    ['roas in novmber 2025', { kind: 'month', year: 2025, month: 11 }],
    ['spend last mnoth', { kind: 'relative', unit: 'month', offset: -1 }],
    ['ctr in ocotber 2025', { kind: 'month', year: 2025, month: 10 }],
  ])('"%s" reads the period', (question, time) => {
    const outcome = answered(question);
    expect(outcome.query.time).toEqual(time);
    expect(outcome.understood).toMatch(/read "/);
  });
});

describe('single days and change rankings', () => {
  it.each(['2025-03-14', '2024-12-01', '2025-07-31'])('"spend on %s" is that day', (day) => {
    expect(answered(`spend on ${day}`).query.time).toEqual({ kind: 'range', start: day, end: day });
  });

  it('asks about an impossible ISO day', () => {
    expect(settle('spend on 2025-02-30').status).toBe('clarify');
  });

  it.each([
    'which market saw the biggest ctr increase, q4 2025 vs q3 2025?',
    'which channel posted the largest drop in clicks this year',
    'which industry experienced the biggest growth in revenue yoy',
    'which device recorded the sharpest decline in conversions this year',
  ])('"%s" ranks one group by change', (question) => {
    const query = answered(question).query;
    expect(query.order?.by).toMatch(/^change/);
    expect(query.limit).toBe(1);
  });

  it.each([
    'growth rate in conversions by campaign objective, yoy — fastest first',
    'revenue growth by market this year, fastest first',
    'spend growth by channel yoy, slowest first',
  ])('"%s" orders every group by change, no cut-off', (question) => {
    const query = answered(question).query;
    expect(query.order?.by).toBe('change_pct');
    expect(query.limit).toBeUndefined();
  });
});

describe('a value between the grouping cue and the dimension word', () => {
  it.each([
    ['rev by t&h brands in 2025', 'brand', 'Travel & Hospitality'],
    ['spend by gaming brands last quarter', 'brand', 'Gaming'],
    ['ctr by japan channels in 2025', 'channel', 'Japan'],
  ])('"%s" groups by %s within %s', (question, dimension, value) => {
    const query = answered(question).query;
    expect(query.dimensions).toEqual([dimension]);
    expect(query.filters[0]?.values).toEqual([value]);
  });
});
