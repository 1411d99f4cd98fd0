import {
  type BedrockAgentRuntimeClient,
  type RetrievalFilter,
  RetrieveCommand,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { z } from 'zod';
import { ScoutError } from '../../errors.ts';
import type { RetrievedChunk, Retriever } from '../../ports.ts';

const resultSchema = z.object({
  retrievalResults: z
    .array(
      z.object({
        content: z.object({ text: z.string().default('') }).optional(),
        location: z.record(z.string(), z.unknown()).optional(),
        score: z.number().default(0),
        metadata: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .default([]),
});

/** The first URI-like field of a Knowledge Base location (S3, web, Confluence, …). */
function sourceOf(location: Record<string, unknown> | undefined): string {
  for (const value of Object.values(location ?? {})) {
    if (value && typeof value === 'object') {
      const uri = (value as { uri?: unknown; url?: unknown }).uri ?? (value as { url?: unknown }).url;
      if (typeof uri === 'string') return uri;
    }
  }
  return 'unknown';
}

function toFilter(filters: Record<string, string | string[]> | undefined): RetrievalFilter | undefined {
  const clauses: RetrievalFilter[] = Object.entries(filters ?? {}).map(([key, value]) =>
    Array.isArray(value) ? { in: { key, value } } : { equals: { key, value } },
  );
  if (clauses.length === 0) return undefined;
  return clauses.length === 1 ? clauses[0] : { andAll: clauses };
}

/** The Retriever port on Bedrock Knowledge Bases (Retrieve), citations carrying URI, title and excerpt. */
export function createKnowledgeBaseRetriever(
  client: BedrockAgentRuntimeClient,
  options: { knowledgeBaseId: string; searchType?: 'HYBRID' | 'SEMANTIC' },
): Retriever {
  return {
    async retrieve({ text, topK, filters }): Promise<RetrievedChunk[]> {
      const filter = toFilter(filters);
      let raw: unknown;
      try {
        raw = await client.send(
          new RetrieveCommand({
            knowledgeBaseId: options.knowledgeBaseId,
            retrievalQuery: { text },
            retrievalConfiguration: {
              vectorSearchConfiguration: {
                numberOfResults: Math.min(Math.max(topK, 1), 100),
                ...(options.searchType ? { overrideSearchType: options.searchType } : {}),
                ...(filter ? { filter } : {}),
              },
            },
          }),
        );
      } catch (error) {
        throw new ScoutError(
          'retriever_failed',
          `Retrieve failed: ${String((error as Error)?.name ?? error)}`,
          {
            cause: error,
            retryable: true,
            userMessage: 'The knowledge base is unavailable right now.',
          },
        );
      }
      return resultSchema.parse(raw).retrievalResults.map((r, i) => {
        const source = sourceOf(r.location);
        const title =
          typeof r.metadata?.title === 'string' ? r.metadata.title : (source.split('/').pop() ?? source);
        return {
          id: `${source}#${i}`,
          text: r.content?.text ?? '',
          title,
          source,
          score: r.score,
          metadata: r.metadata ?? {},
        };
      });
    },
  };
}
