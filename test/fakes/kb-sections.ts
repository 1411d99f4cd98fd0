import type { RetrievedChunk } from '../../src/ports.ts';

/** A section of a document as the Retriever port returns it. */
export function section(
  sourceId: string,
  heading: string,
  text: string,
  meta: Record<string, unknown> = {},
  title = `${sourceId} title`,
): RetrievedChunk {
  const slug = heading.toLowerCase().replace(/\s+/g, '-');
  return {
    id: `${sourceId}#${slug}`,
    text,
    title,
    source: `data/kb/${sourceId.toLowerCase()}.md#${slug}`,
    score: 1,
    metadata: { source_id: sourceId, heading, heading_path: [heading], ...meta },
  };
}
