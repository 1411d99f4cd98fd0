import { bm25Idf, documentFrequency, scoreBm25 } from './bm25.ts';
import { admits, compileFilters, type DocFacets, facetsOf, type KbFilters } from './filters.ts';
import { FeatureCache, type KbIndex } from './kb-index.ts';
import { analyzeQuery, type QueryTerm } from './tokenize.ts';
import { TopK } from './top-k.ts';
import { addBigram, addTerm, cosineAt, normalize, termWeight, type VectorIndex } from './vectors.ts';

export { type KbFilters, parseKbFilters } from './filters.ts';

/**
 * Hybrid search: metadata filters first (they decide which chunks exist for the query), then
 * BM25 and the hashed-vector cosine, fused. Under `exhaustiveLimit` admitted chunks every one
 * gets a cosine, so a paraphrase with no term in common can still surface; above it the vector
 * re-ranks BM25's best `candidates` (postings-based pruning), which keeps a 10⁵-chunk query to
 * a few milliseconds.
 */

export interface HybridOptions {
  topK: number;
  filters?: KbFilters;
  /** `weighted`: w·bm25/max(bm25) + (1−w)·cos/max(cos); `rrf`: reciprocal-rank fusion (k = 60). */
  fusion?: 'weighted' | 'rrf';
  bm25Weight?: number;
  /** BM25 candidates kept for fusion (and, above `exhaustiveLimit`, for the vector re-rank). */
  candidates?: number;
  exhaustiveLimit?: number;
  /**
   * A chunk that shares no term with the query is returned only when its cosine stands out from
   * this query's noise: above median + z·spread of the cosines over the admitted chunks (hashing
   * makes unrelated vectors score about ±1/√dims). Default z: max(3, √(2 ln n) + 0.5), just above
   * the expected maximum of n noise scores. Only an exhaustive scan can return such chunks.
   */
  vectorNoiseZ?: number;
  /** …and at least this cosine, whatever the noise. */
  minVectorScore?: number;
}

export interface KbHit {
  /** Row of the chunk in the index. */
  row: number;
  /** The fused score, higher is better (in [0, 1] for `weighted`). */
  score: number;
  /** Raw BM25 score (0 when no query term occurs in the chunk). */
  bm25: number;
  /** Cosine of the query and chunk vectors. */
  vector: number;
}

export const defaultHybridOptions = {
  fusion: 'weighted',
  bm25Weight: 0.8,
  candidates: 1000,
  exhaustiveLimit: 20_000,
  minVectorScore: 0.1,
} as const;

function median(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Centre and spread of a query's cosines over the admitted chunks, robustly (median and scaled
 * median absolute deviation, on an evenly strided sample of at most 2 000): the few relevant
 * chunks must not inflate the noise estimate they are measured against. The spread never goes
 * below 1/√dims, the spread of signed hashing on its own.
 */
function robustNoise(values: Float32Array, n: number, dims: number): { center: number; spread: number } {
  if (n === 0) return { center: 0, spread: 1 / Math.sqrt(dims) };
  const stride = Math.max(1, Math.ceil(n / 2000));
  const sample = new Float64Array(Math.ceil(n / stride));
  for (let i = 0, k = 0; i < n; i += stride) sample[k++] = values[i] ?? 0;
  sample.sort();
  const center = median(sample);
  const deviations = sample.map((v) => Math.abs(v - center)).sort();
  return { center, spread: Math.max(1.4826 * median(deviations), 1 / Math.sqrt(dims)) };
}

export interface HybridSearcher {
  search(query: string, options: HybridOptions): KbHit[];
}

/**
 * Cosines of rows [from, to) into `top` and `scratch` (from `n` on); returns the new `n`.
 * The dot product is written out here, not called, because this loop is the whole cost of an
 * exhaustive scan (`as number`: indexes are in range, dims being a multiple of 4).
 */
function scanRows(
  vectors: VectorIndex,
  query: Float32Array,
  from: number,
  to: number,
  top: TopK,
  scratch: Float32Array,
  n: number,
): number {
  const { codes, scales, dims } = vectors;
  let k = n;
  for (let row = from; row < to; row++) {
    const base = row * dims;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < dims; i += 4) {
      s0 += (query[i] as number) * (codes[base + i] as number);
      s1 += (query[i + 1] as number) * (codes[base + i + 1] as number);
      s2 += (query[i + 2] as number) * (codes[base + i + 2] as number);
      s3 += (query[i + 3] as number) * (codes[base + i + 3] as number);
    }
    const cos = (s0 + s1 + s2 + s3) * (scales[row] as number);
    top.push(row, cos);
    scratch[k++] = cos;
  }
  return k;
}

interface Admission {
  docMask: Uint8Array;
  chunkMask: Uint8Array;
  /** Admitted chunks. */
  chunks: number;
}

/**
 * Search over one index. It owns scratch buffers sized to the index, so make one per index and
 * reuse it. Written as a class with no closures made per query: under tsx every named closure
 * costs a defineProperty call, which showed in profiles.
 */
class Searcher implements HybridSearcher {
  private readonly count: number;
  private readonly bm25Scores: Float32Array;
  private readonly touched: Uint32Array;
  /** Cosines computed for this query, valid where `cosineStamp` equals `queryNumber`. */
  private readonly rowCosine: Float32Array;
  private readonly cosineStamp: Uint32Array;
  private queryNumber = 0;
  /** Admission masks of recent filters: a conversation repeats its filters query after query. */
  private readonly admissions = new Map<string, Admission>();
  private readonly facets: DocFacets[];
  private readonly queryVector: Float32Array;
  private readonly cosineScratch: Float32Array;
  private readonly features: FeatureCache;

  constructor(private readonly index: KbIndex) {
    this.count = index.chunks.count;
    this.bm25Scores = new Float32Array(this.count);
    this.touched = new Uint32Array(this.count);
    this.rowCosine = new Float32Array(this.count);
    this.cosineStamp = new Uint32Array(this.count);
    this.facets = index.docs.map(facetsOf);
    this.queryVector = new Float32Array(index.vectors.dims);
    this.cosineScratch = new Float32Array(this.count);
    this.features = new FeatureCache(index.vectorParams, 10_000);
  }

  private idfOf(term: string): number {
    const id = this.index.bm25.termIds.get(term);
    return bm25Idf(this.index.bm25.docCount, id === undefined ? 0 : documentFrequency(this.index.bm25, id));
  }

  /** The query's vector in `queryVector`; false when it has no features at all. */
  private embedQuery(sequence: string[], terms: QueryTerm[]): boolean {
    const v = this.queryVector;
    v.fill(0);
    for (const { term, weight } of terms) {
      addTerm(v, this.features.get(term), weight * termWeight(1, this.idfOf(term)));
    }
    for (let i = 0; i + 1 < sequence.length; i++) {
      const a = sequence[i] ?? '';
      const b = sequence[i + 1] ?? '';
      addBigram(
        v,
        this.features.get(a),
        this.features.get(b),
        this.idfOf(a),
        this.idfOf(b),
        this.index.vectorParams,
      );
    }
    return normalize(v) > 0;
  }

  /** The cosine of chunk `row` with the current query vector, computed at most once per query. */
  private cosine(row: number): number {
    if (this.cosineStamp[row] === this.queryNumber) return this.rowCosine[row] ?? 0;
    const cos = cosineAt(this.index.vectors, this.queryVector, row);
    this.rowCosine[row] = cos;
    this.cosineStamp[row] = this.queryNumber;
    return cos;
  }

  /** Which documents and chunks the filters admit; null when nothing is filtered. */
  private admit(filters: KbFilters | undefined): Admission | null {
    const compiled = compileFilters(filters);
    if (compiled === null) return null;
    const key = JSON.stringify(compiled, (_, value: unknown) =>
      value instanceof Set ? [...value].sort() : value,
    );
    const cached = this.admissions.get(key);
    if (cached) return cached;
    const { docs } = this.index;
    const admission: Admission = {
      docMask: new Uint8Array(docs.length),
      chunkMask: new Uint8Array(this.count),
      chunks: 0,
    };
    for (let d = 0; d < docs.length; d++) {
      const doc = docs[d];
      const facet = this.facets[d];
      if (!doc || !facet || !admits(facet, compiled)) continue;
      admission.docMask[d] = 1;
      admission.chunkMask.fill(1, doc.chunkStart, doc.chunkStart + doc.chunkCount);
      admission.chunks += doc.chunkCount;
    }
    if (this.admissions.size >= 16) {
      const oldest = this.admissions.keys().next().value;
      if (oldest !== undefined) this.admissions.delete(oldest);
    }
    this.admissions.set(key, admission);
    return admission;
  }

  search(query: string, options: HybridOptions): KbHit[] {
    const settings = { ...defaultHybridOptions, ...options };
    const topK = Math.max(0, Math.floor(settings.topK));
    if (topK === 0 || this.count === 0) return [];
    const { sequence, terms } = analyzeQuery(query);
    if (terms.length === 0) return [];

    // Filters first: they decide which chunks exist for this query.
    const admission = this.admit(settings.filters);
    if (admission !== null && admission.chunks === 0) return [];
    const admitted = admission?.chunks ?? this.count;
    const { index, bm25Scores, touched } = this;
    // Wraps after 2³² queries; a stale stamp could then match, so start the stamps over.
    this.queryNumber = (this.queryNumber + 1) >>> 0;
    if (this.queryNumber === 0) {
      this.cosineStamp.fill(0);
      this.queryNumber = 1;
    }

    // BM25 over the postings of the query terms.
    const queryTerms: { id: number; weight: number }[] = [];
    for (const { term, weight } of terms) {
      const id = index.bm25.termIds.get(term);
      if (id !== undefined) queryTerms.push({ id, weight });
    }
    const touchedCount = scoreBm25(index.bm25, queryTerms, bm25Scores, touched, admission?.chunkMask ?? null);
    try {
      const bm25Top = new TopK(Math.max(settings.candidates, topK));
      for (let i = 0; i < touchedCount; i++) {
        const row = touched[i] ?? 0;
        bm25Top.push(row, bm25Scores[row] ?? 0);
      }
      const bm25Rows = bm25Top.sorted();

      // The vector signal: every admitted chunk when that is cheap, else BM25's candidates.
      let vectorRows: number[] = [];
      // Without an exhaustive scan every candidate shares a term with the query: no threshold.
      let vectorOnlyThreshold = Number.POSITIVE_INFINITY;
      const hasVector = this.embedQuery(sequence, terms);
      if (hasVector && admitted <= settings.exhaustiveLimit) {
        const vectorTop = new TopK(Math.max(topK * 10, 100));
        let n = 0;
        if (admission === null) {
          n = scanRows(index.vectors, this.queryVector, 0, this.count, vectorTop, this.cosineScratch, 0);
        } else {
          for (let d = 0; d < index.docs.length; d++) {
            const doc = index.docs[d];
            if (admission.docMask[d] !== 1 || !doc) continue;
            const end = doc.chunkStart + doc.chunkCount;
            n = scanRows(
              index.vectors,
              this.queryVector,
              doc.chunkStart,
              end,
              vectorTop,
              this.cosineScratch,
              n,
            );
          }
        }
        vectorRows = vectorTop.sorted();
        const noise = robustNoise(this.cosineScratch, n, index.vectors.dims);
        const z = settings.vectorNoiseZ ?? Math.max(3, Math.sqrt(2 * Math.log(Math.max(2, n))) + 0.5);
        vectorOnlyThreshold = Math.max(settings.minVectorScore, noise.center + z * noise.spread);
      } else if (hasVector) {
        const reranked = new TopK(bm25Rows.length);
        for (const row of bm25Rows) reranked.push(row, this.cosine(row));
        vectorRows = reranked.sorted();
      }

      const hits: KbHit[] = [];
      let maxBm25 = 0;
      let maxCos = 0;
      for (const row of new Set([...bm25Rows, ...vectorRows])) {
        const cos = hasVector ? this.cosine(row) : 0;
        const bm25 = bm25Scores[row] ?? 0;
        if (bm25 === 0 && cos < vectorOnlyThreshold) continue;
        maxBm25 = Math.max(maxBm25, bm25);
        maxCos = Math.max(maxCos, cos);
        hits.push({ row, score: 0, bm25, vector: cos });
      }
      if (settings.fusion === 'rrf') {
        const bRank = new Map(bm25Rows.map((row, i) => [row, i + 1]));
        const vRank = new Map(vectorRows.map((row, i) => [row, i + 1]));
        for (const hit of hits) {
          const b = bRank.get(hit.row);
          const v = vRank.get(hit.row);
          hit.score = (b ? 1 / (60 + b) : 0) + (v && hit.vector > 0 ? 1 / (60 + v) : 0);
        }
      } else {
        const w = settings.bm25Weight;
        for (const hit of hits) {
          const b = maxBm25 > 0 ? hit.bm25 / maxBm25 : 0;
          const v = maxCos > 0 ? Math.max(0, hit.vector) / maxCos : 0;
          hit.score = w * b + (1 - w) * v;
        }
      }
      hits.sort((a, b) => b.score - a.score || a.row - b.row);
      return hits.slice(0, topK);
    } finally {
      // Leave the accumulator clean for the next query (cheaper than zeroing it all).
      for (let i = 0; i < touchedCount; i++) bm25Scores[touched[i] ?? 0] = 0;
    }
  }
}

export function createHybridSearcher(index: KbIndex): HybridSearcher {
  return new Searcher(index);
}
