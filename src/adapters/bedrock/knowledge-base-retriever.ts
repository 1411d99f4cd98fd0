import {
  type BedrockAgentRuntimeClient,
  type RetrievalFilter,
  RetrieveCommand,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { z } from 'zod';
import type { Audience } from '../../domain/audience.ts';
import { mayRead, readAccess } from '../../domain/kb/access.ts';
import type { RetrievedChunk, Retriever } from '../../ports.ts';
import { knowledgeBaseErrorToScout } from './bedrock-errors.ts';

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

function toFilter(filters: Record<string, string | string[]> | undefined): RetrievalFilter[] {
  return Object.entries(filters ?? {}).map(([key, value]) =>
    Array.isArray(value) ? { in: { key, value } } : { equals: { key, value } },
  );
}

/** andAll / orAll take at least two members; keep a user rule only for a few known readers. */
const MAX_LISTED_READERS = 4;

/**
 * The documents `audience` may see, as a metadata filter (the same rule as `mayRead`): every
 * document carries `access` ("internal" | "restricted") and, when restricted, the list attributes
 * `allowed_channels` / `allowed_users`. A document without `access` matches nothing: default-deny.
 */
export function accessFilter(audience: Audience): RetrievalFilter {
  const restricted: RetrievalFilter = { equals: { key: 'access', value: 'restricted' } };
  const branches: RetrievalFilter[] = [{ equals: { key: 'access', value: 'internal' } }];
  if (audience.channel !== null) {
    branches.push({
      andAll: [restricted, { listContains: { key: 'allowed_channels', value: audience.channel } }],
    });
  }
  const { asker, readers } = audience;
  if (asker !== null && readers?.includes(asker) && readers.length <= MAX_LISTED_READERS) {
    branches.push({
      andAll: [
        restricted,
        ...readers.map((reader) => ({ listContains: { key: 'allowed_users', value: reader } })),
      ],
    });
  }
  return branches.length === 1 ? (branches[0] as RetrievalFilter) : { orAll: branches };
}

function metadataList(value: unknown): unknown {
  return typeof value === 'string' && value.trim().startsWith('[') ? safeJson(value) : value;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Defence in depth: a result the filter should have excluded is dropped here as well. */
function visibleTo(metadata: Record<string, unknown> | undefined, audience: Audience): boolean {
  const { access } = readAccess(
    {
      access: metadata?.access,
      allowed_channels: metadataList(metadata?.allowed_channels),
      allowed_users: metadataList(metadata?.allowed_users),
    },
    'nobody',
  );
  return mayRead(access, audience);
}

/**
 * The Retriever port on Bedrock Knowledge Bases (Retrieve), citations carrying URI, title and
 * excerpt. Every request carries the audience's access filter (see `accessFilter`).
 */
export function createKnowledgeBaseRetriever(
  client: BedrockAgentRuntimeClient,
  options: { knowledgeBaseId: string; searchType?: 'HYBRID' | 'SEMANTIC' },
): Retriever {
  return {
    async retrieve({ text, topK, filters, audience }): Promise<RetrievedChunk[]> {
      const clauses = [accessFilter(audience), ...toFilter(filters)];
      const filter: RetrievalFilter =
        clauses.length === 1 ? (clauses[0] as RetrievalFilter) : { andAll: clauses };
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
                filter,
              },
            },
          }),
        );
      } catch (error) {
        throw knowledgeBaseErrorToScout('Retrieve', error);
      }
      const results = resultSchema.parse(raw).retrievalResults;
      return results.flatMap((r, i) => {
        if (!visibleTo(r.metadata, audience)) return [];
        const source = sourceOf(r.location);
        const title =
          typeof r.metadata?.title === 'string' ? r.metadata.title : (source.split('/').pop() ?? source);
        return [
          {
            id: `${source}#${i}`,
            text: r.content?.text ?? '',
            title,
            source,
            score: r.score,
            metadata: r.metadata ?? {},
          },
        ];
      });
    },
  };
}
