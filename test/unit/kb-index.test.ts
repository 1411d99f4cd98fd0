import { describe, expect, it } from 'vitest';
import { createLocalRetriever } from '../../src/adapters/kb/local-retriever.ts';
import { workspaceAudience } from '../../src/domain/audience.ts';
import { chunkDocument } from '../../src/domain/kb/chunk.ts';
import type { KbDocument, KbMetadata } from '../../src/domain/kb/document.ts';
import { createHybridSearcher, type KbHit, parseKbFilters } from '../../src/domain/kb/hybrid.ts';
import { buildKbIndex, chunkAt, type KbIndex } from '../../src/domain/kb/kb-index.ts';
import { isScoutError } from '../../src/errors.ts';

function meta(overrides: Partial<KbMetadata>): KbMetadata {
  return {
    type: 'brief',
    date: '2025-06-01',
    industries: [],
    markets: [],
    channels: [],
    brands: [],
    period: null,
    access: { level: 'internal' },
    ...overrides,
  };
}

const sources: { id: string; title: string; text: string; metadata: KbMetadata }[] = [
  {
    id: 'fatigue-jp',
    title: 'Gaming creative review, Japan',
    text: '## Findings\n\nCreative fatigue set in after four weeks: the same three videos ran without rotation and click-through fell each week.',
    metadata: meta({ type: 'postmortem', industries: ['Gaming'], markets: ['Japan'], date: '2025-10-01' }),
  },
  {
    id: 'retargeting',
    title: 'Audience guide',
    text: '## Cookies\n\nRetargeting shoppers without cookies relies on first-party sign-ins and contextual signals from the page.',
    metadata: meta({ industries: ['Retail & E-commerce'], markets: ['Singapore'], date: '2025-04-01' }),
  },
  {
    id: 'ctv-all',
    title: 'Streaming television primer',
    text: '## Buying\n\nOver-the-top inventory is bought programmatically; household frequency matters more than device frequency.',
    metadata: meta({ type: 'playbook', industries: [], markets: [], date: '2024-11-15' }),
  },
  {
    id: 'search-th',
    title: 'Search bidding note',
    text: '## Bids\n\nBrand keywords in Thailand were overbid during the 11.11 sale; exact match converted best.',
    metadata: meta({
      industries: ['Retail & E-commerce'],
      markets: ['Thailand'],
      date: '2025-11-20',
      period: { start: '2025-11-01', end: '2025-11-15' },
    }),
  },
  {
    id: 'finance-hk',
    title: 'Banking compliance checklist',
    text: '## Claims\n\nInterest-rate claims in Hong Kong ads need the annualised rate and a risk disclaimer next to it.',
    metadata: meta({
      type: 'policy',
      industries: ['Financial Services'],
      markets: ['Hong Kong'],
      date: '2025-02-01',
    }),
  },
];

function corpus(): KbIndex {
  return buildKbIndex(
    sources.map((s) => {
      const doc: KbDocument = {
        path: `${s.id}.md`,
        format: 'markdown',
        sourceId: s.id,
        title: s.title,
        metadata: s.metadata,
        text: s.text,
        lineOffset: 0,
        hash: s.id,
        bytes: s.text.length,
      };
      const { text: _text, lineOffset: _lineOffset, ...record } = doc;
      return { doc: record, chunks: chunkDocument(doc) };
    }),
  );
}

const index = corpus();
const searcher = createHybridSearcher(index);
const ids = (hits: KbHit[]) => hits.map((h) => chunkAt(index, h.row).sourceId);

describe('hybrid search', () => {
  it('ranks documents with the exact terms first (BM25)', () => {
    const hits = searcher.search('creative fatigue rotation', { topK: 3 });
    expect(ids(hits)[0]).toBe('fatigue-jp');
    expect(hits[0]?.bm25).toBeGreaterThan(0);
    expect(ids(searcher.search('11.11 exact match keywords', { topK: 1 }))).toEqual(['search-th']);
  });

  it('finds a paraphrase that shares no word form with the query (vector signal)', () => {
    // Misspelt forms: no stem in common with "Retargeting shoppers without cookies", only
    // character n-grams, which is as far as hashing without a language model can reach.
    const hits = searcher.search('retargating shopers cookeis', { topK: 3 });
    expect(ids(hits)[0]).toBe('retargeting');
    expect(hits[0]?.bm25).toBe(0);
    expect(hits[0]?.vector).toBeGreaterThan(0.12);
  });

  it('finds ad-domain synonyms through concept terms', () => {
    expect(ids(searcher.search('connected TV', { topK: 1 }))).toEqual(['ctv-all']);
    expect(ids(searcher.search('ad wear-out', { topK: 1 }))).toEqual(['fatigue-jp']);
  });

  it('applies metadata filters before scoring', () => {
    const query = 'frequency rotation cookies claims bids';
    const gaming = searcher.search(query, { topK: 10, filters: { industries: ['gaming'] } });
    // Gaming documents, and the one that names no industry (it applies to all).
    expect(new Set(ids(gaming))).toEqual(new Set(['fatigue-jp', 'ctv-all']));
    const japan = searcher.search(query, { topK: 10, filters: { markets: ['Japan'] } });
    expect(new Set(ids(japan))).toEqual(new Set(['fatigue-jp', 'ctv-all']));
    expect(ids(searcher.search(query, { topK: 10, filters: { types: ['policy'] } }))).toEqual(['finance-hk']);
    // The period overlaps November; the date alone would not.
    expect(
      ids(searcher.search('bids', { topK: 10, filters: { from: '2025-11-01', to: '2025-11-10' } })),
    ).toEqual(['search-th']);
    expect(
      searcher.search('creative fatigue', {
        topK: 10,
        filters: { markets: ['Vietnam'], types: ['postmortem'] },
      }),
    ).toEqual([]);
  });

  it('returns scores in descending order with both components, and at most topK', () => {
    const hits = searcher.search('frequency of ads in Japan and Hong Kong', { topK: 3 });
    expect(hits.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < hits.length; i++)
      expect(hits[i - 1]?.score).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
    for (const hit of hits) {
      expect(hit.score).toBeGreaterThan(0);
      expect(hit.score).toBeLessThanOrEqual(1);
      expect(typeof hit.bm25).toBe('number');
      expect(typeof hit.vector).toBe('number');
    }
  });

  it('is deterministic: same corpus, same arrays and the same answers', () => {
    const again = corpus();
    expect(Buffer.from(again.vectors.codes.buffer).equals(Buffer.from(index.vectors.codes.buffer))).toBe(
      true,
    );
    expect(again.bm25.terms).toEqual(index.bm25.terms);
    const q = 'programmatic frequency for streaming';
    expect(createHybridSearcher(again).search(q, { topK: 5 })).toEqual(searcher.search(q, { topK: 5 }));
    expect(searcher.search(q, { topK: 5 })).toEqual(searcher.search(q, { topK: 5 }));
  });

  it('gives the same top hit with candidate pruning and with reciprocal-rank fusion', () => {
    const q = 'creative fatigue click-through';
    const pruned = searcher.search(q, { topK: 2, exhaustiveLimit: 0, candidates: 2 });
    expect(ids(pruned)[0]).toBe('fatigue-jp');
    expect(ids(searcher.search(q, { topK: 2, fusion: 'rrf' }))[0]).toBe('fatigue-jp');
  });

  it('returns nothing for a query with no content words', () => {
    expect(searcher.search('the of and', { topK: 5 })).toEqual([]);
  });
});

describe('filters from the Retriever port', () => {
  it('maps the loose record and rejects unknown keys', () => {
    expect(
      parseKbFilters({ industry: 'Gaming', markets: ['Japan', 'Taiwan'], period: '2025-01-01/2025-03-31' }),
    ).toEqual({
      industries: ['Gaming'],
      markets: ['Japan', 'Taiwan'],
      from: '2025-01-01',
      to: '2025-03-31',
    });
    let error: unknown;
    try {
      parseKbFilters({ colour: 'blue' });
    } catch (e) {
      error = e;
    }
    expect(isScoutError(error) && error.code === 'bad_input').toBe(true);
    expect(() => parseKbFilters({ toString: 'x' })).toThrow(/unknown knowledge-base filter/);
  });
});

describe('createLocalRetriever', () => {
  it('answers through the port with provenance and metadata', async () => {
    const retriever = createLocalRetriever(index);
    const [top] = await retriever.retrieve({
      text: 'creative fatigue',
      topK: 1,
      filters: { market: 'Japan' },
      audience: workspaceAudience(),
    });
    expect(top).toMatchObject({
      id: 'fatigue-jp#0',
      title: 'Gaming creative review, Japan',
      source: 'data/kb/fatigue-jp.md#findings',
      metadata: {
        source_id: 'fatigue-jp',
        heading: 'Findings',
        type: 'postmortem',
        date: '2025-10-01',
        industries: ['Gaming'],
        markets: ['Japan'],
        start_line: 3,
      },
    });
    expect(top?.text).toMatch(/^Creative fatigue set in/);
  });
});
