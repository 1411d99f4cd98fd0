/**
 * BM25 (Robertson–Spärck Jones, the Lucene variant of idf) over an inverted index whose postings
 * live in typed arrays in compressed-sparse-row form: the postings of term t are entries
 * offsets[t] … offsets[t+1]−1 of `docs` (ascending) and `tfs`. Compact to store, fast to scan.
 */

export interface Bm25Params {
  k1: number;
  b: number;
}

export const defaultBm25Params: Bm25Params = { k1: 1.2, b: 0.75 };

export interface Bm25Postings {
  params: Bm25Params;
  /** Term id → term. */
  terms: string[];
  /** termCount + 1 entries. */
  offsets: Uint32Array;
  docs: Uint32Array;
  /** Term frequency in the document, saturated at 65 535. */
  tfs: Uint16Array;
  /** Number of terms of each document (chunk). */
  docLengths: Uint32Array;
}

/** Postings plus what queries need and loading derives: the term lookup and length norms. */
export interface Bm25Index extends Bm25Postings {
  docCount: number;
  avgDocLength: number;
  termIds: Map<string, number>;
  /** k1·(1 − b + b·len/avgLen) per document: the length part of the BM25 denominator. */
  lengthNorms: Float32Array;
}

export function bm25Idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

/** Derives the query-time fields of an index from its postings (after a build or a load). */
export function finishBm25(postings: Bm25Postings): Bm25Index {
  const docCount = postings.docLengths.length;
  let total = 0;
  for (let i = 0; i < docCount; i++) total += postings.docLengths[i] ?? 0;
  const avgDocLength = docCount === 0 ? 0 : total / docCount;
  const { k1, b } = postings.params;
  const lengthNorms = new Float32Array(docCount);
  for (let i = 0; i < docCount; i++) {
    lengthNorms[i] = k1 * (1 - b + (b * (postings.docLengths[i] ?? 0)) / Math.max(avgDocLength, 1e-9));
  }
  const termIds = new Map<string, number>();
  postings.terms.forEach((term, id) => {
    termIds.set(term, id);
  });
  return { ...postings, docCount, avgDocLength, termIds, lengthNorms };
}

export function documentFrequency(index: Bm25Postings, termId: number): number {
  return (index.offsets[termId + 1] ?? 0) - (index.offsets[termId] ?? 0);
}

/** Growable typed array, so building 10⁷ postings does not go through boxed JS arrays. */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Builds postings document by document. Also keeps, per document, its unique term ids with their
 * frequencies and its ordered content-term ids: the vector signal is computed from these.
 */
export class Bm25Builder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly pairTerm = new U32List();
  private readonly pairTf = new U32List();
  /** Document d's unique terms are pairs docPairStart[d] … docPairStart[d+1]−1. */
  private readonly docPairStart = new U32List();
  private readonly docLengths = new U32List();
  private readonly sequence = new U32List();
  private readonly docSequenceStart = new U32List();
  private stamp = new Int32Array(1024).fill(-1);
  private counts = new Uint32Array(1024);

  constructor(private readonly params: Bm25Params = defaultBm25Params) {}

  get documentCount(): number {
    return this.docLengths.length;
  }

  private idOf(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
      if (id >= this.stamp.length) {
        const stamp = new Int32Array(this.stamp.length * 2).fill(-1);
        stamp.set(this.stamp);
        this.stamp = stamp;
        const counts = new Uint32Array(this.counts.length * 2);
        counts.set(this.counts);
        this.counts = counts;
      }
    }
    return id;
  }

  /** Adds one document; `sequence` is its content terms in order (a subset of `terms`). */
  add(terms: readonly string[], sequence: readonly string[]): number {
    const doc = this.docLengths.length;
    this.docPairStart.push(this.pairTerm.length);
    this.docSequenceStart.push(this.sequence.length);
    const unique: number[] = [];
    for (const term of terms) {
      const id = this.idOf(term);
      if (this.stamp[id] !== doc) {
        this.stamp[id] = doc;
        this.counts[id] = 0;
        unique.push(id);
      }
      this.counts[id] = (this.counts[id] ?? 0) + 1;
    }
    for (const id of unique) {
      this.pairTerm.push(id);
      this.pairTf.push(Math.min(this.counts[id] ?? 1, 65_535));
    }
    for (const term of sequence) this.sequence.push(this.idOf(term));
    this.docLengths.push(terms.length);
    return doc;
  }

  /** The postings, and the per-document forward data the vector builder reads. */
  build(): { index: Bm25Index; forward: ForwardIndex } {
    const termCount = this.terms.length;
    const pairTerm = this.pairTerm.view();
    const pairTf = this.pairTf.view();
    const offsets = new Uint32Array(termCount + 1);
    for (let i = 0; i < pairTerm.length; i++) {
      const slot = (pairTerm[i] ?? 0) + 1;
      offsets[slot] = (offsets[slot] ?? 0) + 1;
    }
    for (let t = 0; t < termCount; t++) offsets[t + 1] = (offsets[t + 1] ?? 0) + (offsets[t] ?? 0);
    const fill = offsets.slice(0, termCount);
    const docs = new Uint32Array(pairTerm.length);
    const tfs = new Uint16Array(pairTerm.length);
    const docPairStart = this.docPairStart.view();
    const docCount = this.docLengths.length;
    for (let d = 0; d < docCount; d++) {
      const end = d + 1 < docCount ? (docPairStart[d + 1] ?? 0) : pairTerm.length;
      for (let p = docPairStart[d] ?? 0; p < end; p++) {
        const t = pairTerm[p] ?? 0;
        const at = fill[t] ?? 0;
        docs[at] = d;
        tfs[at] = pairTf[p] ?? 0;
        fill[t] = at + 1;
      }
    }
    const index = finishBm25({
      params: this.params,
      terms: this.terms.slice(),
      offsets,
      docs,
      tfs,
      docLengths: this.docLengths.view().slice(),
    });
    const pairStart = new Uint32Array(docCount + 1);
    pairStart.set(docPairStart);
    pairStart[docCount] = pairTerm.length;
    const sequenceStart = new Uint32Array(docCount + 1);
    sequenceStart.set(this.docSequenceStart.view());
    sequenceStart[docCount] = this.sequence.length;
    return {
      index,
      forward: {
        pairStart,
        pairTerm,
        pairTf,
        sequenceStart,
        sequence: this.sequence.view(),
      },
    };
  }
}

/** Per-document term data kept from indexing, for building vectors. */
export interface ForwardIndex {
  pairStart: Uint32Array;
  pairTerm: Uint32Array;
  pairTf: Uint32Array;
  sequenceStart: Uint32Array;
  sequence: Uint32Array;
}

/**
 * Accumulates BM25 scores for a query's terms (unique ids, each with a weight) into `scores`,
 * for the documents `allowed` admits; lists newly touched documents in `touched`.
 */
export function scoreBm25(
  index: Bm25Index,
  query: readonly { id: number; weight: number }[],
  scores: Float32Array,
  touched: Uint32Array,
  /** 1 for admitted documents; null admits all. */
  allowed: Uint8Array | null,
): number {
  const { k1 } = index.params;
  let touchedCount = 0;
  for (const { id, weight } of query) {
    const from = index.offsets[id] ?? 0;
    const to = index.offsets[id + 1] ?? 0;
    if (to <= from || weight <= 0) continue;
    const idf = weight * bm25Idf(index.docCount, to - from);
    const { docs, tfs, lengthNorms } = index;
    for (let p = from; p < to; p++) {
      const doc = docs[p] ?? 0;
      if (allowed !== null && allowed[doc] !== 1) continue;
      const tf = tfs[p] ?? 0;
      const previous = scores[doc] ?? 0;
      if (previous === 0) touched[touchedCount++] = doc;
      scores[doc] = previous + (idf * tf * (k1 + 1)) / (tf + (lengthNorms[doc] ?? 1));
    }
  }
  return touchedCount;
}
