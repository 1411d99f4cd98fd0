import type { Audience } from '../audience.ts';
import { mayRead } from './access.ts';
import { createHybridSearcher, type HybridSearcher } from './hybrid.ts';
import { buildKbIndex, documentChunks, type KbIndex, type KbIndexInput } from './kb-index.ts';

/**
 * Access control before ranking. A search for an audience runs over an index of only the
 * documents that audience may see, rebuilt from them: BM25's document frequencies and average
 * length, the vectors' IDF weights and the noise threshold are then those of the visible corpus,
 * so a hidden document cannot move a score, fill a candidate slot or change a "could not find".
 * A corpus without restricted documents is searched as it is; otherwise each distinct visible
 * set is built once (a few recent ones are kept) and reused.
 */

/** The index with only the documents `visible` keeps, built as `buildKbIndex` would build it. */
export function visibleIndex(index: KbIndex, visible: (docIndex: number) => boolean): KbIndex {
  const inputs: KbIndexInput[] = [];
  index.docs.forEach(({ chunkStart: _start, chunkCount: _count, ...doc }, d) => {
    if (visible(d)) inputs.push({ doc, chunks: documentChunks(index, d) });
  });
  return buildKbIndex(inputs, { bm25: index.bm25.params, vectors: index.vectorParams });
}

export interface ScopedSearch {
  index: KbIndex;
  searcher: HybridSearcher;
}

export interface ScopedSearchers {
  /** The index and searcher holding exactly the documents `audience` may see. */
  forAudience(audience: Audience): ScopedSearch;
}

const KEPT_SCOPES = 8;

export function createScopedSearchers(index: KbIndex): ScopedSearchers {
  const restricted: number[] = [];
  index.docs.forEach((doc, d) => {
    if (doc.metadata.access.level !== 'internal') restricted.push(d);
  });
  let full: ScopedSearch | null = null;
  const scopes = new Map<string, ScopedSearch>();
  return {
    forAudience(audience) {
      const visible = restricted.filter((d) => {
        const access = index.docs[d]?.metadata.access;
        return access !== undefined && mayRead(access, audience);
      });
      if (visible.length === restricted.length) {
        full ??= { index, searcher: createHybridSearcher(index) };
        return full;
      }
      const key = visible.join(',');
      const cached = scopes.get(key);
      if (cached) {
        // Most recently used last, so the oldest is the first key.
        scopes.delete(key);
        scopes.set(key, cached);
        return cached;
      }
      const shown = new Set(visible);
      const scopedIndex = visibleIndex(
        index,
        (d) => index.docs[d]?.metadata.access.level === 'internal' || shown.has(d),
      );
      const scope = { index: scopedIndex, searcher: createHybridSearcher(scopedIndex) };
      if (scopes.size >= KEPT_SCOPES) {
        const oldest = scopes.keys().next().value;
        if (oldest !== undefined) scopes.delete(oldest);
      }
      scopes.set(key, scope);
      return scope;
    },
  };
}
