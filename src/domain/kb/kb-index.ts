import {
  Bm25Builder,
  type Bm25Index,
  type Bm25Params,
  bm25Idf,
  defaultBm25Params,
  documentFrequency,
} from './bm25.ts';
import { CHUNKER_VERSION, plainPassage } from './chunk.ts';
import { HEADING_SEPARATOR, type KbChunk, type KbFormat, type KbMetadata } from './document.ts';
import { type Analysis, analyze, analyzerFingerprint } from './tokenize.ts';
import {
  addBigram,
  addTerm,
  defaultVectorParams,
  normalize,
  quantizeInto,
  type TermFeatures,
  termFeatures,
  termWeight,
  type VectorIndex,
  type VectorParams,
} from './vectors.ts';

/**
 * The in-memory index: documents, a columnar chunk table (typed arrays, texts as one UTF-8
 * blob), BM25 postings and int8 vectors. The same shape is persisted (index-store.ts), so
 * loading is reading arrays back, not rebuilding anything.
 */

/**
 * Everything that, when it changes, makes a stored index unusable (layout, analysis, chunking,
 * field weights): a manifest with another schema is rebuilt from the files.
 */
export function indexSchema(): string {
  const fields = `${FIELD_WEIGHTS.title},${FIELD_WEIGHTS.heading},${FIELD_WEIGHTS.body}`;
  // access/1: documents carry who may see them; an index written without it is rebuilt.
  return `kb-index/1 analyzer/${analyzerFingerprint()} chunker/${CHUNKER_VERSION} fields/${fields} access/1`;
}

export interface KbDocRecord {
  path: string;
  format: KbFormat;
  sourceId: string;
  title: string;
  hash: string;
  bytes: number;
  metadata: KbMetadata;
  chunkStart: number;
  chunkCount: number;
}

export interface KbChunkTable {
  count: number;
  doc: Uint32Array;
  /** Index into `KbIndex.headings`. */
  heading: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  startLine: Uint32Array;
  endLine: Uint32Array;
  /** 0 when the document has no pages. */
  pageStart: Uint32Array;
  pageEnd: Uint32Array;
  /** count + 1 byte offsets into `KbIndex.text`. */
  textOffsets: Uint32Array;
}

export interface KbIndex {
  docs: KbDocRecord[];
  /** Distinct heading paths. */
  headings: string[][];
  chunks: KbChunkTable;
  /** Every chunk's quoted text, UTF-8, back to back. */
  text: Uint8Array;
  bm25: Bm25Index;
  vectorParams: VectorParams;
  vectors: VectorIndex;
}

export interface KbIndexInput {
  doc: Omit<KbDocRecord, 'chunkStart' | 'chunkCount'>;
  chunks: KbChunk[];
}

/**
 * Field weights (BM25F-style, as repeated terms): a heading names what its passage is about
 * more surely than any sentence in it, so its terms count three times; the document title, shared
 * by all of a document's chunks, once.
 */
export const FIELD_WEIGHTS = { title: 1, heading: 3, body: 1 } as const;

/**
 * The weighted index terms of a chunk, and its content sequence (for bigrams). `memo` caches the
 * analysis of titles and headings, which repeat across a document's chunks.
 */
export function chunkTerms(
  chunk: Pick<KbChunk, 'title' | 'headingPath' | 'text'>,
  memo: Map<string, Analysis> = new Map(),
): Analysis {
  const cached = (text: string) => {
    let analysis = memo.get(text);
    if (!analysis) {
      analysis = analyze(text);
      if (memo.size > 10_000) memo.clear();
      memo.set(text, analysis);
    }
    return analysis;
  };
  const title = cached(chunk.title);
  const heading = cached(chunk.headingPath.join('\n'));
  const body = analyze(plainPassage(chunk.text));
  const terms: string[] = [];
  for (let i = 0; i < FIELD_WEIGHTS.title; i++) terms.push(...title.terms);
  for (let i = 0; i < FIELD_WEIGHTS.heading; i++) terms.push(...heading.terms);
  for (const term of body.terms) terms.push(term);
  return { terms, sequence: [...title.sequence, ...heading.sequence, ...body.sequence] };
}

export interface BuildOptions {
  bm25?: Bm25Params;
  vectors?: VectorParams;
}

/** Features of terms, computed once per term (bounded: query terms are open-ended). */
export class FeatureCache {
  private readonly byTerm = new Map<string, TermFeatures>();
  constructor(
    private readonly params: VectorParams,
    private readonly limit = Number.POSITIVE_INFINITY,
  ) {}
  get(term: string): TermFeatures {
    let features = this.byTerm.get(term);
    if (!features) {
      features = termFeatures(term, this.params);
      if (this.byTerm.size >= this.limit) this.byTerm.clear();
      this.byTerm.set(term, features);
    }
    return features;
  }
}

/** Builds the index from documents and their chunks, in the order given. Pure and deterministic. */
export function buildKbIndex(inputs: readonly KbIndexInput[], options: BuildOptions = {}): KbIndex {
  const vectorParams = options.vectors ?? defaultVectorParams;
  const { dims: d } = vectorParams;
  if (d < 4 || (d & (d - 1)) !== 0) throw new RangeError(`vector dims must be a power of two ≥ 4 (got ${d})`);
  const builder = new Bm25Builder(options.bm25 ?? defaultBm25Params);
  const docs: KbDocRecord[] = [];
  const headingIds = new Map<string, number>();
  const headings: string[][] = [];
  const count = inputs.reduce((n, input) => n + input.chunks.length, 0);
  const table: KbChunkTable = {
    count,
    doc: new Uint32Array(count),
    heading: new Uint32Array(count),
    start: new Uint32Array(count),
    end: new Uint32Array(count),
    startLine: new Uint32Array(count),
    endLine: new Uint32Array(count),
    pageStart: new Uint32Array(count),
    pageEnd: new Uint32Array(count),
    textOffsets: new Uint32Array(count + 1),
  };
  const encoder = new TextEncoder();
  const textParts: Uint8Array[] = [];
  let textBytes = 0;
  let row = 0;
  const memo = new Map<string, Analysis>();
  for (const { doc, chunks } of inputs) {
    docs.push({ ...doc, chunkStart: row, chunkCount: chunks.length });
    for (const chunk of chunks) {
      const key = chunk.headingPath.join('\u0000');
      let headingId = headingIds.get(key);
      if (headingId === undefined) {
        headingId = headings.length;
        headings.push(chunk.headingPath);
        headingIds.set(key, headingId);
      }
      table.doc[row] = docs.length - 1;
      table.heading[row] = headingId;
      table.start[row] = chunk.start;
      table.end[row] = chunk.end;
      table.startLine[row] = chunk.startLine;
      table.endLine[row] = chunk.endLine;
      table.pageStart[row] = chunk.pages?.start ?? 0;
      table.pageEnd[row] = chunk.pages?.end ?? 0;
      const bytes = encoder.encode(chunk.text);
      textParts.push(bytes);
      textBytes += bytes.length;
      table.textOffsets[row + 1] = textBytes;
      const analysis = chunkTerms(chunk, memo);
      builder.add(analysis.terms, analysis.sequence);
      row++;
    }
  }
  const text = new Uint8Array(textBytes);
  let at = 0;
  for (const part of textParts) {
    text.set(part, at);
    at += part.length;
  }

  const { index: bm25, forward } = builder.build();
  const cache = new FeatureCache(vectorParams);
  const termCount = bm25.terms.length;
  const features: TermFeatures[] = new Array(termCount);
  const idf = new Float32Array(termCount);
  for (let t = 0; t < termCount; t++) {
    features[t] = cache.get(bm25.terms[t] ?? '');
    idf[t] = bm25Idf(bm25.docCount, documentFrequency(bm25, t));
  }
  const { dims } = vectorParams;
  const codes = new Int8Array(count * dims);
  const scales = new Float32Array(count);
  const scratch = new Float32Array(dims);
  for (let d = 0; d < count; d++) {
    scratch.fill(0);
    for (let p = forward.pairStart[d] ?? 0; p < (forward.pairStart[d + 1] ?? 0); p++) {
      const t = forward.pairTerm[p] ?? 0;
      const f = features[t];
      if (f) addTerm(scratch, f, termWeight(forward.pairTf[p] ?? 1, idf[t] ?? 0));
    }
    const seqEnd = forward.sequenceStart[d + 1] ?? 0;
    for (let s = forward.sequenceStart[d] ?? 0; s + 1 < seqEnd; s++) {
      const a = forward.sequence[s] ?? 0;
      const b = forward.sequence[s + 1] ?? 0;
      const fa = features[a];
      const fb = features[b];
      if (fa && fb) addBigram(scratch, fa, fb, idf[a] ?? 0, idf[b] ?? 0, vectorParams);
    }
    normalize(scratch);
    scales[d] = quantizeInto(scratch, codes, d);
  }
  return {
    docs,
    headings,
    chunks: table,
    text,
    bm25,
    vectorParams,
    vectors: { dims, count, codes, scales },
  };
}

const decoder = new TextDecoder();

/** The quoted text of chunk `row`. */
export function chunkText(index: KbIndex, row: number): string {
  return decoder.decode(
    index.text.subarray(index.chunks.textOffsets[row] ?? 0, index.chunks.textOffsets[row + 1] ?? 0),
  );
}

/** Chunk `row` as a full KbChunk (texts are decoded on demand: the index keeps bytes). */
export function chunkAt(index: KbIndex, row: number): KbChunk {
  const t = index.chunks;
  const doc = index.docs[t.doc[row] ?? 0];
  if (!doc) throw new RangeError(`chunk ${row} has no document`);
  const headingPath = index.headings[t.heading[row] ?? 0] ?? [];
  const ordinal = row - doc.chunkStart;
  const pageStart = t.pageStart[row] ?? 0;
  return {
    id: `${doc.sourceId}#${ordinal}`,
    ordinal,
    sourceId: doc.sourceId,
    title: doc.title,
    path: doc.path,
    headingPath,
    heading: headingPath.join(HEADING_SEPARATOR),
    text: chunkText(index, row),
    start: t.start[row] ?? 0,
    end: t.end[row] ?? 0,
    startLine: t.startLine[row] ?? 0,
    endLine: t.endLine[row] ?? 0,
    pages: pageStart > 0 ? { start: pageStart, end: t.pageEnd[row] ?? pageStart } : null,
    metadata: doc.metadata,
  };
}

/** The chunks of one document, in order: what an incremental ingest reuses for unchanged files. */
export function documentChunks(index: KbIndex, docIndex: number): KbChunk[] {
  const doc = index.docs[docIndex];
  if (!doc) return [];
  return Array.from({ length: doc.chunkCount }, (_, i) => chunkAt(index, doc.chunkStart + i));
}
