import { headingSlug } from '../../domain/kb/document.ts';
import { type HybridOptions, type KbHit, parseKbFilters } from '../../domain/kb/hybrid.ts';
import { chunkAt, type KbIndex } from '../../domain/kb/kb-index.ts';
import { createScopedSearchers } from '../../domain/kb/scoped-index.ts';
import type { RetrievedChunk, Retriever } from '../../ports.ts';
import { loadKbIndex } from './index-store.ts';
import { ingestKnowledgeBase } from './ingest.ts';
import type { KbFileError } from './parse-files.ts';

/**
 * The Retriever port over the embedded index. Each result cites its file and heading
 * (`data/kb/<path>#<heading-slug>`) and carries the metadata a citation and a follow-up filter
 * need. Filters: industry, market, type, channel, brand, source_id (string or list), from / to /
 * period (ISO dates); anything else is rejected with a `bad_input` error. A restricted document
 * is searched only for an audience that may see it (domain/kb/access.ts).
 */

export interface LocalRetrieverOptions {
  /** Directory prefix of `source` (default "data/kb"). */
  sourceRoot?: string;
  /** Overrides of the hybrid search settings (fusion, weights, candidate counts). */
  search?: Omit<HybridOptions, 'topK' | 'filters'>;
}

/** `data/kb/<path>#<slug of the innermost heading>`, or without the fragment above every heading. */
export function chunkSource(sourceRoot: string, path: string, headingPath: readonly string[]): string {
  const root = sourceRoot.replace(/\/+$/, '');
  const file = root === '' || root === '.' ? path : `${root}/${path}`;
  const last = headingPath[headingPath.length - 1];
  const slug = last === undefined ? '' : headingSlug(last);
  return slug === '' ? file : `${file}#${slug}`;
}

/** A search hit as the port's RetrievedChunk. */
export function toRetrievedChunk(index: KbIndex, hit: KbHit, sourceRoot: string): RetrievedChunk {
  const chunk = chunkAt(index, hit.row);
  const m = chunk.metadata;
  return {
    id: chunk.id,
    text: chunk.text,
    title: chunk.title,
    source: chunkSource(sourceRoot, chunk.path, chunk.headingPath),
    score: hit.score,
    metadata: {
      source_id: chunk.sourceId,
      path: chunk.path,
      heading: chunk.heading,
      heading_path: chunk.headingPath,
      type: m.type,
      date: m.date,
      industries: m.industries,
      markets: m.markets,
      channels: m.channels,
      brands: m.brands,
      period: m.period ? `${m.period.start}/${m.period.end}` : null,
      access: m.access.level,
      start_line: chunk.startLine,
      end_line: chunk.endLine,
      ...(chunk.pages ? { pages: `${chunk.pages.start}-${chunk.pages.end}` } : {}),
      ordinal: chunk.ordinal,
      bm25_score: hit.bm25,
      vector_score: hit.vector,
    },
  };
}

export function createLocalRetriever(index: KbIndex, options: LocalRetrieverOptions = {}): Retriever {
  const scoped = createScopedSearchers(index);
  const sourceRoot = options.sourceRoot ?? 'data/kb';
  return {
    async retrieve({ text, topK, filters, audience }) {
      const parsed = parseKbFilters(filters);
      // Only what the audience may see exists for this search (see scoped-index.ts).
      const scope = scoped.forAudience(audience);
      const hits = scope.searcher.search(text, { ...options.search, topK, filters: parsed });
      return hits.map((hit) => toRetrievedChunk(scope.index, hit, sourceRoot));
    },
  };
}

/** Loads the index in `indexDir` and returns a retriever over it (sources named as at ingest). */
export async function openLocalRetriever(
  indexDir: string,
  options: Omit<LocalRetrieverOptions, 'sourceRoot'> = {},
): Promise<Retriever> {
  const stored = await loadKbIndex(indexDir);
  return createLocalRetriever(stored.index, { ...options, sourceRoot: stored.sourceRoot });
}

/**
 * For the composition root: brings the index in `indexDir` up to date with `dir` (incremental,
 * a few tens of milliseconds when nothing changed) and returns a retriever over it. Bad files
 * are passed to `onFileError` and left out; they do not stop start-up.
 */
export async function ensureLocalRetriever(options: {
  dir: string;
  indexDir: string;
  /** How sources name the directory (default "data/kb"). */
  sourceRoot?: string;
  onFileError?: (error: KbFileError) => void;
  onFileWarning?: (warning: KbFileError) => void;
  search?: LocalRetrieverOptions['search'];
}): Promise<Retriever> {
  const sourceRoot = options.sourceRoot ?? 'data/kb';
  const summary = await ingestKnowledgeBase({
    dir: options.dir,
    indexDir: options.indexDir,
    sourceRoot,
    ...(options.onFileError ? { onFileError: options.onFileError } : {}),
    ...(options.onFileWarning ? { onFileWarning: options.onFileWarning } : {}),
  });
  return createLocalRetriever(summary.index, {
    sourceRoot,
    ...(options.search ? { search: options.search } : {}),
  });
}
