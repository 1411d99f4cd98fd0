/**
 * `node --expose-gc --import tsx bench/kb-bench.ts` (`--expose-gc` for the memory figure): the
 * knowledge-base index. Ingest throughput (chunks/s) on data/kb and on a synthetic 100 000-chunk
 * corpus generated in memory (seeded), index size, load time and memory, and query latency
 * p50/p95 over 200 varied queries at both sizes. Figures, not pass/fail; the 100 000-chunk p95 is
 * compared with its 50 ms target. BENCH_KB_CHUNKS overrides the synthetic size.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHANNELS, INDUSTRIES, MARKETS } from '../../data/generator/value-sets.ts';
import { loadKbIndex, saveKbIndex } from '../../src/adapters/kb/index-store.ts';
import { ingestKnowledgeBase } from '../../src/adapters/kb/ingest.ts';
import { createLocalRetriever } from '../../src/adapters/kb/local-retriever.ts';
import { parseMarkdown } from '../../src/adapters/kb/parse-files.ts';
import { workspaceAudience } from '../../src/domain/audience.ts';
import { chunkDocument } from '../../src/domain/kb/chunk.ts';
import type { KbChunk } from '../../src/domain/kb/document.ts';
import { buildKbIndex, type KbIndexInput } from '../../src/domain/kb/kb-index.ts';
import type { Retriever } from '../../src/ports.ts';
import { ms, percentile, versus } from './stats.ts';

const projectRoot = resolve(import.meta.dirname, '..');
const targetChunks = Number(process.env.BENCH_KB_CHUNKS ?? 100_000);
const P95_TARGET_MS = 50;

/** mulberry32: small, fast, seeded. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = [
  'post-mortem',
  'industry-brief',
  'market-note',
  'channel-playbook',
  'program-terms',
  'brand-guidelines',
];
const METRICS = [
  'CTR',
  'CVR',
  'CPC',
  'CPM',
  'CPA',
  'ROAS',
  'VTR',
  'spend',
  'revenue',
  'conversions',
  'impressions',
];
const HEADINGS = [
  'Summary',
  'Timeline',
  'Root cause',
  'Impact in numbers',
  'Recommendations',
  'Lessons',
  'Channel mix',
  'Seasonality',
  'Measurement caveats',
  'Creative guidance',
  'Eligibility',
  'Benefits',
  'Pitfalls',
  'Audience strategy',
  'Budget pacing',
];
const CAUSES = [
  'creative fatigue after weeks without rotation',
  'a tracking outage that dropped conversion events',
  'frequency climbing above five per user per week',
  'broad match keywords that wasted budget',
  'a pricing change in the auction',
  'the 11.11 sale pulling demand forward',
  'lunar new year seasonality',
  'a brand safety block list that was too strict',
  'audience overlap between two campaigns',
  'a landing page that loaded slowly on mobile',
  'viewability below the agreed floor',
  'a budget cap that ended delivery early',
];
const VERBS = [
  'rose',
  'fell',
  'climbed',
  'dropped',
  'recovered',
  'stalled',
  'doubled',
  'halved',
  'improved',
  'slipped',
];
const GENERAL =
  'team noted result week month quarter plan budget partner client account brief share growth trend signal audience creative format placement inventory bid auction floor pacing delivery reach frequency lift test holdout control cohort segment journey funnel awareness consideration conversion retention loyalty promotion launch refresh rotation asset video banner story reel carousel headline copy offer discount voucher bundle price margin basket order store app install download signup lead call visit dealer showroom branch policy claim disclaimer approval review compliance guideline tone voice logo colour layout mobile desktop tablet household screen weekday weekend evening morning holiday festive campaign program rebate bonus credit tier threshold minimum eligible terms example note caveat risk issue fix lesson owner action next step'.split(
    ' ',
  );

/** Pseudo-words (brand and product names): a long tail of rare terms, as real corpora have. */
function pseudoWords(random: () => number, n: number): string[] {
  const syllables = 'ka lo mi ra ze nu vo ti sa re pa li do mo ne zu fa xi be ko'.split(' ');
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    const parts = 2 + Math.floor(random() * 2);
    let word = '';
    for (let p = 0; p < parts; p++) word += syllables[Math.floor(random() * syllables.length)];
    words.push(word[0]?.toUpperCase() + word.slice(1));
  }
  return words;
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** Zipf-like: low indexes far more often. */
function zipf<T>(random: () => number, list: readonly T[]): T {
  return list[Math.min(list.length - 1, Math.floor(list.length * random() ** 2.5))] as T;
}

function sentence(random: () => number, names: string[]): string {
  const r = random();
  const pct = (1 + random() * 60).toFixed(1);
  if (r < 0.3) {
    return `${pick(random, METRICS)} for ${pick(random, INDUSTRIES)} on ${pick(random, CHANNELS)} in ${pick(random, MARKETS)} ${pick(random, VERBS)} ${pct}% in Q${1 + Math.floor(random() * 4)} ${2024 + Math.floor(random() * 2)}.`;
  }
  if (r < 0.5) return `The root cause was ${pick(random, CAUSES)}, which hit ${zipf(random, names)} hardest.`;
  if (r < 0.65) {
    return `${zipf(random, names)} moved ${pct}% of its ${pick(random, CHANNELS)} budget to ${pick(random, CHANNELS)} after the ${zipf(random, GENERAL)} ${zipf(random, GENERAL)}.`;
  }
  const words = Array.from({ length: 8 + Math.floor(random() * 10) }, () =>
    random() < 0.1 ? zipf(random, names) : zipf(random, GENERAL),
  );
  return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

function syntheticMarkdown(random: () => number, names: string[], i: number): string {
  const industries = random() < 0.3 ? [] : [pick(random, INDUSTRIES)];
  const markets = random() < 0.5 ? [] : [pick(random, MARKETS)];
  const date = `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const lines = [
    '---',
    `title: "${zipf(random, names)} ${pick(random, METRICS)} ${pick(random, HEADINGS).toLowerCase()} note ${i}"`,
    `date: ${date}`,
    `type: ${pick(random, TYPES)}`,
    `industries: [${industries.join(', ')}]`,
    `markets: [${markets.join(', ')}]`,
    `channels: [${pick(random, CHANNELS)}]`,
    `source_id: SYN-${i}`,
    '---',
    `# Note ${i}`,
    '',
  ];
  const sections = 3 + Math.floor(random() * 4);
  for (let s = 0; s < sections; s++) {
    lines.push(`## ${pick(random, HEADINGS)}`, '');
    const paragraphs = 1 + Math.floor(random() * 4);
    for (let p = 0; p < paragraphs; p++) {
      const count = 3 + Math.floor(random() * 6);
      lines.push(Array.from({ length: count }, () => sentence(random, names)).join(' '), '');
    }
  }
  return lines.join('\n');
}

function queries(random: () => number, names: string[], n: number): Query[] {
  const templates: (() => Query)[] = [
    () => ({
      text: `why did ${pick(random, METRICS)} drop for ${pick(random, INDUSTRIES)} in ${pick(random, MARKETS)}`,
    }),
    () => ({ text: `${pick(random, CHANNELS)} ${pick(random, METRICS)} benchmarks` }),
    () => ({ text: `what caused ${pick(random, CAUSES)}` }),
    () => ({ text: `${zipf(random, names)} ${pick(random, HEADINGS).toLowerCase()}` }),
    () => ({
      text: `how should ${pick(random, INDUSTRIES)} brands use connected TV during the holiday season`,
    }),
    () => ({ text: `creative fatigue and frequency capping on ${pick(random, CHANNELS)}` }),
    () => ({
      text: `${pick(random, HEADINGS)} for ${pick(random, INDUSTRIES)}`,
      filters: { market: pick(random, MARKETS) },
    }),
    () => ({
      text: `${pick(random, METRICS)} ${pick(random, VERBS)} in Q4`,
      filters: { industry: pick(random, INDUSTRIES), market: pick(random, MARKETS) },
    }),
    () => ({
      text: `return on ad spend for ${pick(random, CHANNELS)} campaigns`,
      filters: { type: pick(random, TYPES) },
    }),
    () => ({ text: `${zipf(random, GENERAL)} ${zipf(random, GENERAL)} ${zipf(random, GENERAL)}` }),
  ];
  return Array.from({ length: n }, (_, i) => (templates[i % templates.length] as () => Query)());
}

interface Query {
  text: string;
  filters?: Record<string, string>;
}

interface Latency {
  p50: number;
  p95: number;
  max: number;
}

function summarise(samples: number[]): Latency {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
}

/** Latency of `retrieve` (search plus building the RetrievedChunks), all queries and by kind. */
async function latency(retriever: Retriever, list: Query[]) {
  for (const q of list.slice(0, 20))
    await retriever.retrieve({ text: q.text, topK: 5, filters: q.filters, audience: workspaceAudience() });
  const all: number[] = [];
  const filtered: number[] = [];
  const unfiltered: number[] = [];
  for (const q of list) {
    const t0 = performance.now();
    await retriever.retrieve({ text: q.text, topK: 5, filters: q.filters, audience: workspaceAudience() });
    const elapsed = performance.now() - t0;
    all.push(elapsed);
    (q.filters ? filtered : unfiltered).push(elapsed);
  }
  return { all: summarise(all), filtered: summarise(filtered), unfiltered: summarise(unfiltered) };
}

const describeLatency = (l: Latency) => `p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, max ${ms(l.max)}`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
/** Full collections (with --expose-gc), a tick apart so freed array buffers are released too. */
async function gc() {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return;
  collect();
  await new Promise((resolve) => setTimeout(resolve, 50));
  collect();
}

async function benchRealKb(work: string) {
  const dir = resolve(projectRoot, 'data/kb');
  console.log(`\n## data/kb (${dir})`);
  const runs: { elapsed: number; chunks: number; docs: number; bytes: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await ingestKnowledgeBase({
      dir,
      indexDir: join(work, 'real'),
      force: true,
      sourceRoot: 'data/kb',
    });
    runs.push({ elapsed: s.elapsedMs, chunks: s.chunks, docs: s.documents, bytes: s.indexBytes });
  }
  const best = runs.reduce((a, b) => (b.elapsed < a.elapsed ? b : a));
  console.log(
    `ingest (parse, chunk, index, write; best of 3): ${best.docs} documents, ${best.chunks} chunks in ${ms(best.elapsed)} = ${Math.round(best.chunks / (best.elapsed / 1000)).toLocaleString('en-US')} chunks/s; index ${mb(best.bytes)}`,
  );
  const again = await ingestKnowledgeBase({ dir, indexDir: join(work, 'real'), sourceRoot: 'data/kb' });
  console.log(
    `incremental re-run with nothing changed: ${ms(again.elapsedMs)} (${again.unchanged.length} unchanged)`,
  );
  const t0 = performance.now();
  const stored = await loadKbIndex(join(work, 'real'));
  console.log(`index load: ${ms(performance.now() - t0)}`);
  const retriever = createLocalRetriever(stored.index, { sourceRoot: stored.sourceRoot });
  const names = [
    'Aurelia Skin',
    'Zentro Motors',
    'Nebula Forge',
    'Lumina Mart',
    'Harbourline Bank',
    'Orchid Crown',
  ];
  const lat = await latency(retriever, queries(rng(7), names, 200));
  console.log(`query latency, 200 queries, top 5: ${describeLatency(lat.all)}`);
  console.log(`  unfiltered ${describeLatency(lat.unfiltered)}; filtered ${describeLatency(lat.filtered)}`);
}

/** Generates the corpus, ingests it (parse, chunk, index) and writes the index to `dir`. */
async function ingestSynthetic(dir: string, names: string[], random: () => number) {
  const files: { path: string; bytes: Uint8Array }[] = [];
  const encoder = new TextEncoder();
  // Generate documents until chunking them should reach the target (chunks are counted below).
  let estimated = 0;
  for (let i = 0; estimated < targetChunks * 1.05; i++) {
    const text = syntheticMarkdown(random, names, i);
    files.push({ path: `synthetic/doc-${String(i).padStart(6, '0')}.md`, bytes: encoder.encode(text) });
    estimated += Math.max(1, Math.round(text.split(/\s+/).length / 140));
  }
  const mtime = new Date('2025-12-31T00:00:00Z');

  const t0 = performance.now();
  const inputs: KbIndexInput[] = [];
  let chunkCount = 0;
  for (const file of files) {
    if (chunkCount >= targetChunks) break;
    const outcome = parseMarkdown({ path: file.path, bytes: file.bytes, mtime, hash: file.path });
    if (!outcome.ok) throw new Error(`${file.path}: ${outcome.error.message}`);
    const chunks: KbChunk[] = chunkDocument(outcome.document).slice(0, targetChunks - chunkCount);
    const { text: _t, lineOffset: _l, pageStarts: _p, ...doc } = outcome.document;
    inputs.push({ doc, chunks });
    chunkCount += chunks.length;
  }
  const t1 = performance.now();
  const index = buildKbIndex(inputs);
  const t2 = performance.now();
  const saved = await saveKbIndex(dir, { index, sourceRoot: 'synthetic' });
  const t3 = performance.now();
  const parseMs = t1 - t0;
  const buildMs = t2 - t1;
  console.log(
    `${inputs.length.toLocaleString('en-US')} documents, ${index.chunks.count.toLocaleString('en-US')} chunks, ` +
      `${index.bm25.terms.length.toLocaleString('en-US')} terms, ${index.bm25.docs.length.toLocaleString('en-US')} postings`,
  );
  console.log(
    `ingest: parse+chunk ${ms(parseMs)} (${Math.round(chunkCount / (parseMs / 1000)).toLocaleString('en-US')} chunks/s), ` +
      `index build ${ms(buildMs)} (${Math.round(chunkCount / (buildMs / 1000)).toLocaleString('en-US')} chunks/s), ` +
      `write ${ms(t3 - t2)}; end to end ${Math.round(chunkCount / ((t3 - t0) / 1000)).toLocaleString('en-US')} chunks/s`,
  );
  console.log(`index on disk: ${mb(saved.binBytes)} binary + ${mb(saved.manifestBytes)} manifest`);
}

async function benchSynthetic(work: string) {
  console.log(`\n## synthetic corpus: ${targetChunks.toLocaleString('en-US')} chunks (seed 42)`);
  const random = rng(42);
  const names = pseudoWords(random, 3000);
  await ingestSynthetic(join(work, 'synthetic'), names, random);

  await gc();
  const before = process.memoryUsage();
  const l0 = performance.now();
  const stored = await loadKbIndex(join(work, 'synthetic'));
  const loadMs = performance.now() - l0;
  await gc();
  const after = process.memoryUsage();
  const memory =
    'gc' in globalThis
      ? `memory held by the loaded index: heap +${mb(after.heapUsed - before.heapUsed)}, ` +
        `array buffers +${mb(after.arrayBuffers - before.arrayBuffers)} (RSS ${mb(after.rss)})`
      : 'memory: run with node --expose-gc to measure what the index holds';
  console.log(`index load: ${ms(loadMs)}; ${memory}`);

  const retriever = createLocalRetriever(stored.index, { sourceRoot: stored.sourceRoot });
  const list = queries(rng(9), names, 200);
  const lat = await latency(retriever, list);
  console.log(
    `query latency, 200 queries (${list.filter((q) => q.filters).length} filtered), top 5: ${describeLatency(lat.all)} ` +
      `(${versus(lat.all.p95, P95_TARGET_MS)} p95 < ${P95_TARGET_MS} ms)`,
  );
  console.log(`  unfiltered ${describeLatency(lat.unfiltered)}; filtered ${describeLatency(lat.filtered)}`);
}

console.log('# Scout benchmark: knowledge-base index (local retriever)');
const work = await mkdtemp(join(tmpdir(), 'scout-kb-bench-'));
try {
  await benchRealKb(work);
  await benchSynthetic(work);
} finally {
  await rm(work, { recursive: true, force: true });
}
console.log(`\npeak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
