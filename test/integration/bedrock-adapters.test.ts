import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBedrockLlm } from '../../src/adapters/bedrock/converse-llm.ts';
import { createBedrockGuardrail } from '../../src/adapters/bedrock/guardrail.ts';
import { createKnowledgeBaseRetriever } from '../../src/adapters/bedrock/knowledge-base-retriever.ts';
import { channelAudience, directMessageAudience, workspaceAudience } from '../../src/domain/audience.ts';
import { bedrockClientsFor } from '../fakes/bedrock-clients.ts';
import {
  type FakeBedrock,
  guardrailIntervened,
  retrieveResults,
  startFakeBedrock,
  streamException,
  streamText,
} from '../fakes/fake-bedrock.ts';

let fake: FakeBedrock;
let clients: ReturnType<typeof bedrockClientsFor>;

beforeAll(async () => {
  fake = await startFakeBedrock();
  clients = bedrockClientsFor(fake, { maxAttempts: 1 });
});
afterAll(async () => {
  clients.destroy();
  await fake.close();
});
beforeEach(() => fake.reset());

const system = {
  id: 'answer-narrative',
  version: '1.0.0',
  hash: '0123456789abcdef',
  text: 'Write the answer.',
};

describe('Bedrock adapters over the real SDK clients', () => {
  it('streams text with ConverseStream, reporting deltas, usage and the prompt it used', async () => {
    fake.onConverseStream(
      streamText(['Spend rose ', 'in Q3.'], { usage: { inputTokens: 50, outputTokens: 6 } }),
    );
    const llm = createBedrockLlm({
      client: clients.runtime,
      models: {
        fast: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
        strong: 'us.anthropic.claude-sonnet-4-6',
      },
    });
    const deltas: string[] = [];
    const result = await llm.streamText(
      { tier: 'strong', system, messages: [{ role: 'user', text: 'q' }] },
      (d) => deltas.push(d),
    );
    expect(result.text).toBe('Spend rose in Q3.');
    expect(deltas).toEqual(['Spend rose ', 'in Q3.']);
    expect(result.meta).toMatchObject({
      modelId: 'us.anthropic.claude-sonnet-4-6',
      usage: { inputTokens: 50, outputTokens: 6 },
      prompt: { hash: '0123456789abcdef' },
    });
    expect(fake.callsTo('ConverseStream')[0]?.params.modelId).toBe('us.anthropic.claude-sonnet-4-6');
  });

  it('maps an in-stream throttling exception to llm_unavailable', async () => {
    fake.onConverseStream(
      streamText(['partial'], { failWith: streamException('throttlingException', 'slow down') }),
    );
    const llm = createBedrockLlm({
      client: clients.runtime,
      models: {
        fast: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
        strong: 'us.anthropic.claude-sonnet-4-6',
      },
    });
    await expect(
      llm.streamText({ tier: 'fast', system, messages: [{ role: 'user', text: 'q' }] }),
    ).rejects.toMatchObject({ code: 'llm_unavailable', retryable: true });
  });

  it('sends guardrailConfig on model calls when a guardrail is configured', async () => {
    fake.onConverseStream(streamText(['ok']));
    const llm = createBedrockLlm({
      client: clients.runtime,
      models: {
        fast: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
        strong: 'us.anthropic.claude-sonnet-4-6',
      },
      guardrail: { id: 'gr-9', version: '4' },
    });
    await llm.streamText({ tier: 'fast', system, messages: [{ role: 'user', text: 'q' }] });
    expect(fake.callsTo('ConverseStream')[0]?.body).toMatchObject({
      guardrailConfig: { guardrailIdentifier: 'gr-9', guardrailVersion: '4' },
    });
  });

  it('screens output with ApplyGuardrail, with grounding source and query qualifiers', async () => {
    fake.onApplyGuardrail(
      guardrailIntervened('[redacted]', [
        {
          contextualGroundingPolicy: {
            filters: [{ type: 'GROUNDING', threshold: 0.7, score: 0.2, action: 'BLOCKED', detected: true }],
          },
        },
      ]),
    );
    const guardrail = createBedrockGuardrail(clients.runtime, { id: 'gr-1', version: 'DRAFT' });
    const verdict = await guardrail.assess({
      source: 'OUTPUT',
      text: 'CTR was 9%.',
      groundingSource: 'CTR was 1.2%.',
      query: 'what was CTR',
    });
    expect(verdict).toMatchObject({
      intervened: true,
      outputText: '[redacted]',
      guardrail: { id: 'gr-1', version: 'DRAFT' },
    });
    expect(verdict.assessments).toHaveLength(1);
    const body = fake.callsTo('ApplyGuardrail')[0]?.body as {
      source: string;
      content: { text: { qualifiers: string[] } }[];
    };
    expect(body.source).toBe('OUTPUT');
    expect(body.content.map((c) => c.text.qualifiers[0])).toEqual([
      'grounding_source',
      'query',
      'guard_content',
    ]);
  });

  it('retrieves from a Knowledge Base with numberOfResults and a metadata filter, as Scout citations', async () => {
    fake.onRetrieve(
      retrieveResults([
        {
          text: 'CTV grew in Japan.',
          uri: 's3://kb/market-notes/japan.md',
          score: 0.82,
          metadata: { title: 'Japan market note', access: 'internal' },
        },
      ]),
    );
    const retriever = createKnowledgeBaseRetriever(clients.agent, {
      knowledgeBaseId: 'KB123',
      searchType: 'HYBRID',
    });
    const chunks = await retriever.retrieve({
      text: 'CTV in Japan',
      topK: 5,
      filters: { market: 'Japan', industry: ['Gaming', 'Retail & E-commerce'] },
      audience: workspaceAudience(),
    });
    expect(chunks).toEqual([
      {
        id: 's3://kb/market-notes/japan.md#0',
        text: 'CTV grew in Japan.',
        title: 'Japan market note',
        source: 's3://kb/market-notes/japan.md',
        score: 0.82,
        metadata: { title: 'Japan market note', access: 'internal' },
      },
    ]);
    const call = fake.callsTo('Retrieve')[0];
    expect(call?.params.knowledgeBaseId).toBe('KB123');
    expect(call?.body).toMatchObject({
      retrievalConfiguration: {
        vectorSearchConfiguration: {
          numberOfResults: 5,
          overrideSearchType: 'HYBRID',
          filter: {
            andAll: [
              // Nobody in particular: internal documents only.
              { equals: { key: 'access', value: 'internal' } },
              { equals: { key: 'market', value: 'Japan' } },
              { in: { key: 'industry', value: ['Gaming', 'Retail & E-commerce'] } },
            ],
          },
        },
      },
    });
  });
  it('sends the audience as an access filter on the wire, and drops a result it should have excluded', async () => {
    fake.onRetrieve(
      retrieveResults([
        {
          text: 'Pricing for the Acme renewal.',
          uri: 's3://kb/deals/acme.md',
          metadata: { title: 'Acme deal', access: 'restricted', allowed_channels: ['C0DEALS'] },
        },
        {
          text: 'Board-only plan.',
          uri: 's3://kb/board/plan.md',
          metadata: { title: 'Board plan', access: 'restricted', allowed_users: ['U0BOARD'] },
        },
        { text: 'No access attribute.', uri: 's3://kb/old/note.md', metadata: { title: 'Old note' } },
        { text: 'Open note.', uri: 's3://kb/open.md', metadata: { title: 'Open', access: 'internal' } },
      ]),
    );
    const retriever = createKnowledgeBaseRetriever(clients.agent, { knowledgeBaseId: 'KB123' });
    const chunks = await retriever.retrieve({
      text: 'acme pricing',
      topK: 5,
      audience: channelAudience('C0DEALS', 'U0ASKER'),
    });
    // The fake ignores filters, as a misconfigured index would: the adapter still drops what the
    // audience may not see (the board plan, the note without an access attribute).
    expect(chunks.map((c) => c.title)).toEqual(['Acme deal', 'Open']);
    const body = fake.callsTo('Retrieve').at(-1)?.body as {
      retrievalConfiguration: { vectorSearchConfiguration: { filter: unknown } };
    };
    expect(body.retrievalConfiguration.vectorSearchConfiguration.filter).toEqual({
      orAll: [
        { equals: { key: 'access', value: 'internal' } },
        {
          andAll: [
            { equals: { key: 'access', value: 'restricted' } },
            { listContains: { key: 'allowed_channels', value: 'C0DEALS' } },
          ],
        },
      ],
    });

    fake.onRetrieve(retrieveResults([]));
    await retriever.retrieve({ text: 'board plan', topK: 3, audience: directMessageAudience('U0BOARD') });
    const dm = fake.callsTo('Retrieve').at(-1)?.body as typeof body;
    expect(dm.retrievalConfiguration.vectorSearchConfiguration.filter).toEqual({
      orAll: [
        { equals: { key: 'access', value: 'internal' } },
        {
          andAll: [
            { equals: { key: 'access', value: 'restricted' } },
            { listContains: { key: 'allowed_users', value: 'U0BOARD' } },
          ],
        },
      ],
    });
  });
});
