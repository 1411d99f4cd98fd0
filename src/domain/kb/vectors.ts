import { CONCEPT_PREFIX } from './tokenize.ts';

/**
 * The vector signal, with no downloaded weights: signed feature hashing of TF-IDF-weighted word
 * unigrams, word bigrams and character 3–5-grams of each stem into a fixed number of dimensions,
 * L2-normalised. Character n-grams let a misspelt "retargating shopers" meet "retargeting
 * shoppers" where no term matches; concept terms (tokenize.ts) carry the ad-domain synonyms.
 * Unrelated vectors still score about ±1/√dims from hash collisions alone, so dims is 1024: at
 * 512 that noise reached the cosine of real near-matches. Document vectors are stored as int8
 * with one float scale each: a quarter of the memory of float32, at a cosine error far below
 * what ranking can notice.
 */

export interface VectorParams {
  /** A power of two, at least 4. */
  dims: number;
  unigramWeight: number;
  bigramWeight: number;
  /** L2 weight of a term's character n-grams taken together (each gets charWeight/√count). */
  charWeight: number;
  minGram: number;
  maxGram: number;
}

export const defaultVectorParams: VectorParams = {
  dims: 1024,
  unigramWeight: 1,
  bigramWeight: 0.5,
  charWeight: 1.5,
  minGram: 3,
  maxGram: 5,
};

export interface VectorIndex {
  dims: number;
  count: number;
  /** count × dims, row-major. */
  codes: Int8Array;
  /** Per vector: value = code · scale. */
  scales: Float32Array;
}

/** FNV-1a over UTF-16 code units, then murmur3's finaliser so low bits and the sign bit both mix. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The hashed features of one term: signed bucket indexes (sign in the weight) and weights. */
export interface TermFeatures {
  hash: number;
  buckets: Int32Array;
  weights: Float32Array;
}

function addFeature(hash: number, weight: number, dims: number, buckets: number[], weights: number[]): void {
  buckets.push(hash & (dims - 1));
  // Signed hashing: colliding features cancel on average instead of inflating every cosine.
  weights.push(hash & 0x8000_0000 ? -weight : weight);
}

/** Features of a term: its unigram, plus character n-grams for alphabetic stems. */
export function termFeatures(term: string, params: VectorParams): TermFeatures {
  const buckets: number[] = [];
  const weights: number[] = [];
  const hash = hash32(term);
  addFeature(hash, params.unigramWeight, params.dims, buckets, weights);
  if (!term.startsWith(CONCEPT_PREFIX) && term.length >= params.minGram && !/\d/.test(term)) {
    const padded = `<${term}>`;
    const grams: string[] = [];
    for (let n = params.minGram; n <= params.maxGram; n++) {
      for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
    }
    const each = params.charWeight / Math.sqrt(Math.max(1, grams.length));
    for (const gram of grams) addFeature(hash32(gram, 0x9747b28c), each, params.dims, buckets, weights);
  }
  return { hash, buckets: Int32Array.from(buckets), weights: Float32Array.from(weights) };
}

/** TF-IDF weight of a term: sublinear term frequency times inverse document frequency. */
export function termWeight(tf: number, idf: number): number {
  return (1 + Math.log(tf)) * idf;
}

/** Adds a term's features, scaled by `weight`, to a dense vector. */
export function addTerm(out: Float32Array, features: TermFeatures, weight: number): void {
  const { buckets, weights } = features;
  for (let i = 0; i < buckets.length; i++) {
    const bucket = buckets[i] ?? 0;
    out[bucket] = (out[bucket] ?? 0) + weight * (weights[i] ?? 0);
  }
}

/** Adds the bigram (a, b), weighted by the geometric mean of the two idfs. */
export function addBigram(
  out: Float32Array,
  a: TermFeatures,
  b: TermFeatures,
  idfA: number,
  idfB: number,
  params: VectorParams,
): void {
  const hash = mix32((Math.imul(a.hash, 31) + b.hash) | 0);
  const bucket = hash & (params.dims - 1);
  const w = params.bigramWeight * Math.sqrt(idfA * idfB);
  out[bucket] = (out[bucket] ?? 0) + (hash & 0x8000_0000 ? -w : w);
}

/** Scales a vector to unit length in place; returns the norm it had (0 leaves it all zeros). */
export function normalize(out: Float32Array): number {
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += (out[i] ?? 0) * (out[i] ?? 0);
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / norm;
  return norm;
}

/** Writes a unit vector as int8 codes at `row`; returns its scale. */
export function quantizeInto(vector: Float32Array, codes: Int8Array, row: number): number {
  let max = 0;
  for (let i = 0; i < vector.length; i++) max = Math.max(max, Math.abs(vector[i] ?? 0));
  if (max === 0) return 0;
  const factor = 127 / max;
  const base = row * vector.length;
  for (let i = 0; i < vector.length; i++) codes[base + i] = Math.round((vector[i] ?? 0) * factor);
  return max / 127;
}

/** Cosine of a unit query vector with stored vector `row` (both unit length, so the dot product). */
export function cosineAt(index: VectorIndex, query: Float32Array, row: number): number {
  const { codes, dims } = index;
  const base = row * dims;
  // The hot loop of every query: `as number` instead of `?? 0` because the indexes are in range
  // (dims is a multiple of 4) and the extra branch costs. Four accumulators: independent chains
  // let the CPU overlap the multiply-adds.
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
  return (s0 + s1 + s2 + s3) * (index.scales[row] ?? 0);
}
