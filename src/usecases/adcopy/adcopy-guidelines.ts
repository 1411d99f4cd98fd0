/** The brand's guidelines (data/kb/brand-guidelines/): the claims it may not make and its approved positioning. */
import { workspaceAudience } from '../../domain/audience.ts';
import type { ForbiddenClaim } from '../../domain/pitch/checks.ts';
import { forbiddenClaims } from '../pitch/pitch-documents.ts';
import type { AdCopyDeps } from './adcopy-deps.ts';

export interface BrandGuidelines {
  /** `guideline:<path>` of the guidelines document, or null when the brand has none. */
  source: string | null;
  forbidden: ForbiddenClaim[];
  positioning: { text: string; source: string } | null;
}

export async function readGuidelines(deps: AdCopyDeps, brand: string): Promise<BrandGuidelines> {
  if (!deps.retriever) return { source: null, forbidden: [], positioning: null };
  // Ad copy may be read by anyone in the workspace: internal documents only.
  const chunks = await deps.retriever.retrieve({
    text: 'claims we may not make approved positioning voice and tone',
    topK: 20,
    filters: { type: 'brand-guidelines', brand },
    audience: workspaceAudience(),
  });
  if (chunks.length === 0) return { source: null, forbidden: [], positioning: null };
  const source = `guideline:${(chunks[0]?.source ?? '').split('#')[0]}`;
  const positioningChunk = chunks.find((c) => /positioning/i.test(String(c.metadata.heading ?? '')));
  const quoted = positioningChunk ? /"([^"]{4,80})"/.exec(positioningChunk.text)?.[1] : undefined;
  return {
    source,
    forbidden: forbiddenClaims(chunks, /may not|never/i),
    positioning: quoted ? { text: quoted, source } : null,
  };
}
