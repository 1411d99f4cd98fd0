/**
 * `node --import tsx test/bench/kb-retrievers.ts`: our hybrid index against MiniSearch (fuzzy 0.2,
 * prefix, title boost) and a reciprocal-rank fusion of the two, on the same chunks, through the
 * same Retriever port. For each document set: recall@5 and MRR of the first expected document
 * among the distinct documents of the top 20 chunks (answerable questions only), and p50 latency.
 * Figures, not pass/fail: this is how the library choice was measured.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import MiniSearch from 'minisearch';
import { ingestKnowledgeBase } from '../../src/adapters/kb/ingest.ts';
import { createLocalRetriever } from '../../src/adapters/kb/local-retriever.ts';
import { workspaceAudience } from '../../src/domain/audience.ts';
import { chunkAt, type KbIndex } from '../../src/domain/kb/kb-index.ts';
import { parseKbGoldenSet } from '../../src/llmops/eval/kb-golden-set.ts';
import type { RetrievedChunk, Retriever } from '../../src/ports.ts';
import { ms, percentile } from './stats.ts';

const projectRoot = resolve(import.meta.dirname, '../..');
const SETS =
  process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['eval/kb-golden.yml', 'eval/kb-dev.yml'];

/** MiniSearch over the index's chunks, with the settings measured in issue 9. */
function miniSearchRetriever(index: KbIndex): Retriever {
  const search = new MiniSearch<{ id: number; title: string; heading: string; text: string }>({
    fields: ['title', 'heading', 'text'],
    storeFields: [],
    searchOptions: { fuzzy: 0.2, prefix: true, boost: { title: 2 } },
  });
  const rows = Array.from({ length: index.chunks.count }, (_, row) => row);
  search.addAll(
    rows.map((row) => {
      const chunk = chunkAt(index, row);
      return { id: row, title: chunk.title, heading: chunk.heading, text: chunk.text };
    }),
  );
  return {
    async retrieve({ text, topK }) {
      return search
        .search(text)
        .slice(0, topK)
        .map((hit): RetrievedChunk => {
          const chunk = chunkAt(index, Number(hit.id));
          return {
            id: chunk.id,
            text: chunk.text,
            title: chunk.title,
            source: chunk.path,
            score: hit.score,
            metadata: { source_id: chunk.sourceId },
          };
        });
    },
  };
}

/** Reciprocal-rank fusion (k = 60) of two retrievers' chunk rankings. */
function fused(a: Retriever, b: Retriever): Retriever {
  return {
    async retrieve(query) {
      const wide = { ...query, topK: Math.max(query.topK, 50) };
      const [left, right] = await Promise.all([a.retrieve(wide), b.retrieve(wide)]);
      const score = new Map<string, { chunk: RetrievedChunk; score: number }>();
      for (const list of [left, right]) {
        list.forEach((chunk, i) => {
          const entry = score.get(chunk.id) ?? { chunk, score: 0 };
          entry.score += 1 / (60 + i + 1);
          score.set(chunk.id, entry);
        });
      }
      return [...score.values()]
        .sort((x, y) => y.score - x.score)
        .slice(0, query.topK)
        .map((e) => ({ ...e.chunk, score: e.score }));
    },
  };
}

async function measure(name: string, retriever: Retriever, file: string) {
  const items = parseKbGoldenSet(readFileSync(resolve(projectRoot, file), 'utf8')).filter(
    (item) => item.route !== 'none',
  );
  const ranks: (number | null)[] = [];
  const times: number[] = [];
  const misses: string[] = [];
  for (const item of items) {
    const started = performance.now();
    const chunks = await retriever.retrieve({ text: item.question, topK: 20, audience: workspaceAudience() });
    times.push(performance.now() - started);
    const sources = [...new Set(chunks.map((c) => String(c.metadata.source_id)))];
    const at = sources.findIndex((s) => item.expected_sources.includes(s));
    ranks.push(at >= 0 ? at + 1 : null);
    if (at < 0 || at >= 5) misses.push(`${item.id} (rank ${at >= 0 ? at + 1 : '-'})`);
  }
  const recall = ranks.filter((r) => r !== null && r <= 5).length / items.length;
  const mrr = ranks.reduce((sum: number, r) => sum + (r ? 1 / r : 0), 0) / items.length;
  console.log(
    `${name.padEnd(12)} ${file.padEnd(20)} recall@5 ${(recall * 100).toFixed(1).padStart(5)}%  MRR ${mrr.toFixed(3)}  p50 ${ms(percentile(times, 50))}  misses: ${misses.join(', ') || 'none'}`,
  );
}

const indexDir = await mkdtemp(join(tmpdir(), 'scout-kb-retrievers-'));
try {
  const { index } = await ingestKnowledgeBase({ dir: resolve(projectRoot, 'data/kb'), indexDir });
  const ours = createLocalRetriever(index);
  const mini = miniSearchRetriever(index);
  const retrievers: [string, Retriever][] = [
    ['hybrid', ours],
    ['minisearch', mini],
    ['rrf(both)', fused(ours, mini)],
  ];
  for (const file of SETS) for (const [name, retriever] of retrievers) await measure(name, retriever, file);
} finally {
  await rm(indexDir, { recursive: true, force: true });
}
