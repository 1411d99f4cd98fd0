import {
  AccessDeniedException as AgentAccessDenied,
  InvokeAgentCommand,
  type InvokeAgentCommandInput,
  type ResponseStream,
  RetrieveCommand,
} from '@aws-sdk/client-bedrock-agent-runtime';
import {
  AccessDeniedException,
  ApplyGuardrailCommand,
  ConverseCommand,
  ConverseStreamCommand,
  type Message,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BedrockClients, bedrockClientsFor } from '../fakes/bedrock-clients.ts';
import {
  agentChunks,
  agentReturnControl,
  agentTrace,
  converseText,
  converseToolUse,
  type FakeBedrock,
  guardrailIntervened,
  guardrailNone,
  retrieveResults,
  startFakeBedrock,
  streamException,
  streamText,
  streamToolUse,
} from '../fakes/fake-bedrock.ts';

const MODEL = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const PROFILE_ARN = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6';
const AGENT = { agentId: 'AGENT12345', agentAliasId: 'TSTALIASID' };

let fake: FakeBedrock;
/** maxAttempts 1 (the default of bedrockClientsFor): one request per send. */
let clients: BedrockClients;
/** Clients a test made for itself (other maxAttempts, HTTP/1.1); destroyed after the test. */
const extraClients: BedrockClients[] = [];

beforeAll(async () => {
  fake = await startFakeBedrock();
  clients = bedrockClientsFor(fake);
});
afterEach(() => {
  fake.reset();
  for (const extra of extraClients.splice(0)) extra.destroy();
});
afterAll(async () => {
  clients.destroy();
  await fake.close();
});

function ownClients(
  options: Parameters<typeof bedrockClientsFor>[1],
  target: FakeBedrock = fake,
): BedrockClients {
  const made = bedrockClientsFor(target, options);
  extraClients.push(made);
  return made;
}

/** The rejection of a promise, for asserting on error fields. */
async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const error = await promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error & Record<string, unknown>;
}

const userText = (text: string): Message => ({ role: 'user', content: [{ text }] });

/** Drains an agent completion: answer text (bytes decoded), citations, traces, returnControl events. */
async function drainAgent(completion: AsyncIterable<ResponseStream> | undefined) {
  const out = {
    text: '',
    citations: [] as NonNullable<
      NonNullable<ResponseStream.ChunkMember['chunk']['attribution']>['citations']
    >,
    traces: [] as ResponseStream.TraceMember['trace'][],
    returnControl: [] as ResponseStream.ReturnControlMember['returnControl'][],
  };
  for await (const event of completion ?? []) {
    if (event.chunk) {
      expect(event.chunk.bytes).toBeInstanceOf(Uint8Array);
      out.text += new TextDecoder().decode(event.chunk.bytes);
      out.citations.push(...(event.chunk.attribution?.citations ?? []));
    }
    if (event.trace) out.traces.push(event.trace);
    if (event.returnControl) out.returnControl.push(event.returnControl);
  }
  return out;
}

describe('fake Bedrock runtime driven by the real BedrockRuntimeClient (HTTP/2)', () => {
  it('answers Converse with text, usage and metrics, and records the signed request', async () => {
    fake.onConverse(converseText('Spend rose 4% week over week.', { inputTokens: 42, outputTokens: 9 }));
    const result = await clients.runtime.send(
      new ConverseCommand({
        modelId: MODEL,
        system: [{ text: 'You are Scout.' }],
        messages: [userText('How did spend change?')],
        inferenceConfig: { maxTokens: 512, temperature: 0 },
      }),
    );

    expect(result.output?.message?.content).toEqual([{ text: 'Spend rose 4% week over week.' }]);
    expect(result.stopReason).toBe('end_turn');
    expect(result.usage).toEqual({ inputTokens: 42, outputTokens: 9, totalTokens: 51 });
    expect(result.metrics?.latencyMs).toBeGreaterThan(0);
    expect(result.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    expect(result.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const [call] = fake.callsTo('Converse');
    // The ':' of the model id travels as %3A and is decoded by the fake.
    expect(call?.path).toBe('/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse');
    expect(call?.params).toEqual({ modelId: MODEL });
    expect(call?.body).toEqual({
      system: [{ text: 'You are Scout.' }],
      messages: [{ role: 'user', content: [{ text: 'How did spend change?' }] }],
      inferenceConfig: { maxTokens: 512, temperature: 0 },
    });
    expect(call?.headers['content-type']).toBe('application/json');
    expect(call?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDFAKESCOUT\/\d{8}\/us-east-1\/bedrock\//,
    );
    expect(call?.headers['amz-sdk-request']).toBe('attempt=1; max=1');
    expect(call?.httpVersion).toBe('2.0'); // the SDK's default NodeHttp2Handler, h2c prior knowledge
  });

  it('decodes an inference-profile ARN (":" and "/") in the model path', async () => {
    await clients.runtime.send(new ConverseCommand({ modelId: PROFILE_ARN, messages: [userText('hi')] }));
    const [call] = fake.callsTo('Converse');
    expect(call?.path).toBe(
      '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-sonnet-4-6/converse',
    );
    expect(call?.params.modelId).toBe(PROFILE_ARN);
  });

  it('round-trips a forced tool call: toolConfig out, parsed input back, toolResult recorded', async () => {
    const toolConfig = {
      tools: [
        {
          toolSpec: {
            name: 'emit_query',
            description: 'The structured metric query for the question.',
            inputSchema: {
              json: {
                type: 'object',
                properties: { metric: { type: 'string' }, weeks: { type: 'integer' } },
                required: ['metric'],
              },
            },
          },
        },
      ],
      toolChoice: { tool: { name: 'emit_query' } },
    };
    // A dynamic script: answer with a call of whichever tool the request forces.
    fake.onConverse((request) => {
      const choice = request.toolConfig?.toolChoice;
      const name = choice && 'tool' in choice ? choice.tool.name : 'none';
      return converseToolUse(name, { metric: 'spend', weeks: 4, filters: [{ channel: 'search' }] });
    });
    const question = userText('Spend by week, last 4 weeks, search only');
    const first = await clients.runtime.send(
      new ConverseCommand({ modelId: MODEL, messages: [question], toolConfig }),
    );

    expect(first.stopReason).toBe('tool_use');
    const assistant = first.output?.message;
    const toolUse = assistant?.content?.[0]?.toolUse;
    expect(toolUse?.name).toBe('emit_query');
    expect(toolUse?.toolUseId).toMatch(/^tooluse_/);
    // The document arrives parsed, not as a JSON string.
    expect(toolUse?.input).toEqual({ metric: 'spend', weeks: 4, filters: [{ channel: 'search' }] });
    expect(fake.calls[0]?.body).toMatchObject({ toolConfig });

    fake.onConverse(converseText('Search spend rose 4%.'));
    const toolResult = {
      toolUseId: toolUse?.toolUseId ?? '',
      content: [{ json: { rows: [{ week: '2026-01-05', spend: 1200.5 }] } }],
      status: 'success' as const,
    };
    const final = await clients.runtime.send(
      new ConverseCommand({
        modelId: MODEL,
        messages: [question, assistant ?? userText('missing'), { role: 'user', content: [{ toolResult }] }],
        toolConfig,
      }),
    );
    expect(final.output?.message?.content?.[0]?.text).toBe('Search spend rose 4%.');
    const sent = fake.calls[1]?.body as { messages: { role: string; content: unknown[] }[] };
    expect(sent.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(sent.messages[1]?.content).toEqual([{ toolUse }]);
    expect(sent.messages[2]?.content).toEqual([{ toolResult }]);
  });

  it('rejects conversations Bedrock would reject, as ValidationException', async () => {
    const strayResult = await rejection(
      clients.runtime.send(
        new ConverseCommand({
          modelId: MODEL,
          messages: [
            userText('q'),
            { role: 'assistant', content: [{ text: 'thinking' }] },
            {
              role: 'user',
              content: [{ toolResult: { toolUseId: 'tooluse_nope', content: [{ text: 'x' }] } }],
            },
          ],
          toolConfig: { tools: [{ toolSpec: { name: 't', inputSchema: { json: {} } } }] },
        }),
      ),
    );
    expect(strayResult).toBeInstanceOf(ValidationException);
    expect(strayResult.message).toContain('tooluse_nope');

    const twoUsers = await rejection(
      clients.runtime.send(new ConverseCommand({ modelId: MODEL, messages: [userText('a'), userText('b')] })),
    );
    expect(twoUsers.name).toBe('ValidationException');
    expect(twoUsers.$metadata).toMatchObject({ httpStatusCode: 400 });
  });

  it('streams text deltas over ConverseStream and reports usage in metadata', async () => {
    fake.onConverseStream(
      streamText(['Spend ', 'rose ', '4%.'], { usage: { inputTokens: 30, outputTokens: 5 } }),
    );
    const response = await clients.runtime.send(
      new ConverseStreamCommand({ modelId: MODEL, messages: [userText('How did spend change?')] }),
    );
    let text = '';
    const kinds: string[] = [];
    let stopReason: string | undefined;
    let usage: unknown;
    for await (const event of response.stream ?? []) {
      kinds.push(Object.keys(event).filter((key) => key !== '$unknown')[0] ?? '?');
      text += event.contentBlockDelta?.delta?.text ?? '';
      stopReason = event.messageStop?.stopReason ?? stopReason;
      if (event.metadata) usage = event.metadata.usage;
    }
    expect(text).toBe('Spend rose 4%.');
    expect(kinds).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    expect(stopReason).toBe('end_turn');
    expect(usage).toEqual({ inputTokens: 30, outputTokens: 5, totalTokens: 35 });
    expect(fake.callsTo('ConverseStream')[0]?.params.modelId).toBe(MODEL);
  });

  it('streams tool input as partial JSON strings that concatenate to the call', async () => {
    fake.onConverseStream(streamToolUse('emit_query', { metric: 'ctr', weeks: 2 }, { pieces: 4 }));
    const response = await clients.runtime.send(
      new ConverseStreamCommand({
        modelId: MODEL,
        messages: [userText('ctr, 2 weeks')],
        toolConfig: {
          tools: [{ toolSpec: { name: 'emit_query', inputSchema: { json: { type: 'object' } } } }],
          toolChoice: { any: {} },
        },
      }),
    );
    const pieces: string[] = [];
    let name: string | undefined;
    for await (const event of response.stream ?? []) {
      name = event.contentBlockStart?.start?.toolUse?.name ?? name;
      const piece = event.contentBlockDelta?.delta?.toolUse?.input;
      if (piece !== undefined) pieces.push(piece);
    }
    expect(name).toBe('emit_query');
    expect(pieces.length).toBeGreaterThan(1);
    expect(JSON.parse(pieces.join(''))).toEqual({ metric: 'ctr', weeks: 2 });
  });

  it('surfaces an in-stream throttlingException as a typed error from the for-await', async () => {
    fake.onConverseStream(
      streamText(['Spend ', 'ro'], { failWith: streamException('throttlingException', 'Too many tokens') }),
    );
    // maxAttempts 3 on purpose: errors inside an open stream are never retried.
    const { runtime } = ownClients({ maxAttempts: 3 });
    const response = await runtime.send(
      new ConverseStreamCommand({ modelId: MODEL, messages: [userText('q')] }),
    );
    let text = '';
    const error = await rejection(
      (async () => {
        for await (const event of response.stream ?? []) {
          text += event.contentBlockDelta?.delta?.text ?? '';
        }
      })(),
    );
    expect(text).toBe('Spend ro');
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error.name).toBe('ThrottlingException');
    expect(error.message).toBe('Too many tokens');
    expect(fake.callsTo('ConverseStream')).toHaveLength(1);
  });

  it('retries a ConverseStream 503 before the stream opens; a first-frame exception rejects send()', async () => {
    // send() awaits the first event (looking for an initial-response), so an exception in the first
    // frame rejects send() itself, inside the retry middleware. With HTTP 200 it is retried only
    // when its name reads as throttling (ThrottlingException); internalServerException is not.
    fake.failNext('ConverseStream', { status: 503, type: 'ServiceUnavailableException' });
    fake.onConverseStream([streamException('internalServerException', 'first frame')]);
    const { runtime } = ownClients({ maxAttempts: 3 });
    const error = await rejection(
      runtime.send(new ConverseStreamCommand({ modelId: MODEL, messages: [userText('q')] })),
    );
    expect(error.name).toBe('InternalServerException');
    expect(error.message).toBe('first frame');
    expect(fake.callsTo('ConverseStream')).toHaveLength(2);
  });

  it('retries a 429 ThrottlingException once and then succeeds (maxAttempts 3)', async () => {
    fake.failNext('Converse', { status: 429, type: 'ThrottlingException', message: 'Rate exceeded' });
    fake.onConverse(converseText('after the retry'));
    const { runtime } = ownClients({ maxAttempts: 3 });
    const started = Date.now();
    const result = await runtime.send(new ConverseCommand({ modelId: MODEL, messages: [userText('q')] }));
    const elapsed = Date.now() - started;

    expect(result.output?.message?.content?.[0]?.text).toBe('after the retry');
    expect(result.$metadata.attempts).toBe(2);
    const calls = fake.callsTo('Converse');
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => c.headers['amz-sdk-request'])).toEqual(['attempt=1; max=3', 'attempt=2; max=3']);
    // The invocation id is constant across retries.
    expect(calls[1]?.headers['amz-sdk-invocation-id']).toBe(calls[0]?.headers['amz-sdk-invocation-id']);
    expect(elapsed).toBeLessThan(10_000); // throttling backoff: random() × 1 s base, plus overhead
  });

  it('does not retry a 403 AccessDeniedException and surfaces it by name', async () => {
    fake.failNext('Converse', {
      status: 403,
      type: 'AccessDeniedException',
      message: 'You do not have access to the model with the specified model ID.',
    });
    const { runtime } = ownClients({ maxAttempts: 3 });
    const error = await rejection(
      runtime.send(new ConverseCommand({ modelId: MODEL, messages: [userText('q')] })),
    );
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toBe('You do not have access to the model with the specified model ID.');
    expect(error.$fault).toBe('client');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 403, attempts: 1 });
    expect(fake.callsTo('Converse')).toHaveLength(1);
  });

  it('answers ApplyGuardrail with NONE, then GUARDRAIL_INTERVENED with assessments', async () => {
    const guardrailArn = 'arn:aws:bedrock:us-east-1:123456789012:guardrail/gr1234abcd';
    fake.onApplyGuardrail(guardrailNone());
    fake.onApplyGuardrail(
      guardrailIntervened("Sorry, Scout can't help with that.", [
        {
          topicPolicy: { topics: [{ name: 'Competitors', type: 'DENY', action: 'BLOCKED', detected: true }] },
        },
      ]),
    );
    const apply = (text: string) =>
      clients.runtime.send(
        new ApplyGuardrailCommand({
          guardrailIdentifier: guardrailArn,
          guardrailVersion: 'DRAFT',
          source: 'OUTPUT',
          content: [{ text: { text, qualifiers: ['guard_content'] } }],
        }),
      );

    const allowed = await apply('Spend rose 4%.');
    expect(allowed.action).toBe('NONE');
    expect(allowed.outputs).toEqual([]);
    expect(allowed.usage?.contentPolicyUnits).toBe(1);

    const blocked = await apply('Our competitor spends more.');
    expect(blocked.action).toBe('GUARDRAIL_INTERVENED');
    expect(blocked.outputs).toEqual([{ text: "Sorry, Scout can't help with that." }]);
    expect(blocked.assessments?.[0]?.topicPolicy?.topics?.[0]).toEqual({
      name: 'Competitors',
      type: 'DENY',
      action: 'BLOCKED',
      detected: true,
    });

    const [call] = fake.callsTo('ApplyGuardrail');
    expect(call?.params).toEqual({ guardrailIdentifier: guardrailArn, guardrailVersion: 'DRAFT' });
    expect(call?.body).toEqual({
      source: 'OUTPUT',
      content: [{ text: { text: 'Spend rose 4%.', qualifiers: ['guard_content'] } }],
    });
  });
});

describe('fake Bedrock agent runtime driven by the real BedrockAgentRuntimeClient (HTTP/2)', () => {
  it('answers Retrieve with score, S3 location and metadata', async () => {
    fake.onRetrieve(
      retrieveResults([
        {
          text: 'CTR is clicks divided by impressions.',
          uri: 's3://scout-kb/metrics/ctr.md',
          score: 0.82,
          metadata: { 'x-amz-bedrock-kb-source-uri': 's3://scout-kb/metrics/ctr.md', section: 'definitions' },
        },
      ]),
    );
    const result = await clients.agent.send(
      new RetrieveCommand({
        knowledgeBaseId: 'KB12345678',
        retrievalQuery: { text: 'what is ctr' },
        retrievalConfiguration: {
          vectorSearchConfiguration: {
            numberOfResults: 5,
            filter: { equals: { key: 'section', value: 'definitions' } },
          },
        },
      }),
    );
    expect(result.retrievalResults).toEqual([
      {
        content: { text: 'CTR is clicks divided by impressions.', type: 'TEXT' },
        location: { type: 'S3', s3Location: { uri: 's3://scout-kb/metrics/ctr.md' } },
        score: 0.82,
        metadata: { 'x-amz-bedrock-kb-source-uri': 's3://scout-kb/metrics/ctr.md', section: 'definitions' },
      },
    ]);
    const [call] = fake.callsTo('Retrieve');
    expect(call?.params).toEqual({ knowledgeBaseId: 'KB12345678' });
    expect(call?.body).toEqual({
      retrievalQuery: { text: 'what is ctr' },
      retrievalConfiguration: {
        vectorSearchConfiguration: {
          numberOfResults: 5,
          filter: { equals: { key: 'section', value: 'definitions' } },
        },
      },
    });
  });

  it('streams InvokeAgent chunks (bytes decoded, citations attached) and a trace with eventTime', async () => {
    const sessionId = 'C0001:1700000000.000100'; // ':' is percent-encoded in the path
    const eventTime = new Date('2026-01-15T10:00:00.000Z');
    fake.onInvokeAgent([
      agentTrace(
        { orchestrationTrace: { rationale: { text: 'Look up weekly spend.', traceId: 't-1' } } },
        eventTime,
      ),
      ...agentChunks(
        ['Spend rose ', '4% week over week.'],
        [
          {
            text: '4% week over week.',
            references: [
              {
                text: 'Weekly spend: 12,400 vs 11,923.',
                uri: 's3://scout-kb/reports/w02.md',
                metadata: { report: 'w02' },
              },
            ],
          },
        ],
      ),
    ]);
    const response = await clients.agent.send(
      new InvokeAgentCommand({ ...AGENT, sessionId, inputText: 'How did spend change?', enableTrace: true }),
    );
    expect(response.contentType).toBe('application/json');
    expect(response.sessionId).toBe(sessionId);

    const { text, citations, traces } = await drainAgent(response.completion);
    expect(text).toBe('Spend rose 4% week over week.');
    expect(citations).toEqual([
      {
        generatedResponsePart: {
          textResponsePart: { text: '4% week over week.', span: { start: 11, end: 28 } },
        },
        retrievedReferences: [
          {
            content: { text: 'Weekly spend: 12,400 vs 11,923.' },
            location: { type: 'S3', s3Location: { uri: 's3://scout-kb/reports/w02.md' } },
            metadata: { report: 'w02' },
          },
        ],
      },
    ]);
    expect(traces).toHaveLength(1);
    expect(traces[0]?.eventTime).toEqual(eventTime); // RFC 3339 on the wire → Date
    expect(traces[0]).toMatchObject({ sessionId, ...AGENT, agentVersion: 'DRAFT' });
    expect(traces[0]?.trace?.orchestrationTrace?.rationale?.text).toBe('Look up weekly spend.');

    const [call] = fake.callsTo('InvokeAgent');
    expect(call?.path).toBe(
      `/agents/AGENT12345/agentAliases/TSTALIASID/sessions/C0001%3A1700000000.000100/text`,
    );
    expect(call?.params).toEqual({ ...AGENT, sessionId });
    expect(call?.body).toEqual({ inputText: 'How did spend change?', enableTrace: true });
  });

  it('runs the return-of-control loop on one session id', async () => {
    const sessionId = 'slack-T0001-C0001-1700000000-000100';
    fake.onInvokeAgent(
      agentReturnControl({
        invocationId: 'inv-0001',
        actionGroup: 'warehouse',
        function: 'run_metric_query',
        parameters: { metric: 'spend', weeks: 4 },
      }),
    );
    fake.onInvokeAgent(agentChunks('Spend was $12,400 last week.'));

    const first = await drainAgent(
      (
        await clients.agent.send(
          new InvokeAgentCommand({ ...AGENT, sessionId, inputText: 'Spend last week?' }),
        )
      ).completion,
    );
    expect(first.text).toBe('');
    const control = first.returnControl[0];
    expect(control?.invocationId).toBe('inv-0001');
    expect(control?.invocationInputs?.[0]?.functionInvocationInput).toEqual({
      actionGroup: 'warehouse',
      function: 'run_metric_query',
      parameters: [
        { name: 'metric', type: 'string', value: 'spend' },
        { name: 'weeks', type: 'integer', value: '4' },
      ],
      actionInvocationType: 'RESULT',
    });

    const results: InvokeAgentCommandInput = {
      ...AGENT,
      sessionId,
      sessionState: {
        invocationId: control?.invocationId,
        returnControlInvocationResults: [
          {
            functionResult: {
              actionGroup: 'warehouse',
              function: 'run_metric_query',
              responseBody: { TEXT: { body: '{"spend":12400}' } },
            },
          },
        ],
      },
    };
    const second = await drainAgent((await clients.agent.send(new InvokeAgentCommand(results))).completion);
    expect(second.text).toBe('Spend was $12,400 last week.');

    const calls = fake.callsTo('InvokeAgent');
    expect(calls.map((c) => c.params.sessionId)).toEqual([sessionId, sessionId]);
    expect(calls[1]?.body).toEqual({
      sessionState: {
        invocationId: 'inv-0001',
        returnControlInvocationResults: [
          {
            functionResult: {
              actionGroup: 'warehouse',
              function: 'run_metric_query',
              responseBody: { TEXT: { body: '{"spend":12400}' } },
            },
          },
        ],
      },
    });

    // Nothing is pending any more: sending results again is refused, like a stale invocation id.
    const stale = await rejection(clients.agent.send(new InvokeAgentCommand(results)));
    expect(stale.name).toBe('ValidationException');
  });

  it('maps agent errors and delays: 403 by name, delayNext holds the answer', async () => {
    fake.failNext('InvokeAgent', { status: 403, type: 'AccessDeniedException' });
    const denied = await rejection(
      clients.agent.send(new InvokeAgentCommand({ ...AGENT, sessionId: 's-1', inputText: 'hi' })),
    );
    expect(denied).toBeInstanceOf(AgentAccessDenied);

    fake.delayNext('Retrieve', 150);
    const started = Date.now();
    await clients.agent.send(new RetrieveCommand({ knowledgeBaseId: 'KB1', retrievalQuery: { text: 'x' } }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('fake Bedrock misbehaving below the API', () => {
  const converse = () => new ConverseCommand({ modelId: MODEL, messages: [userText('q')] });

  it('hangs until the client gives up, answers a non-JSON 200, and resets a stream before it answers', async () => {
    fake.misbehaveNext('Converse', { kind: 'hang' });
    const started = Date.now();
    const hung = await rejection(clients.runtime.send(converse(), { abortSignal: AbortSignal.timeout(200) }));
    expect(hung.name).toBe('AbortError');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);

    fake.misbehaveNext('Converse', { kind: 'non_json' });
    const unreadable = await rejection(clients.runtime.send(converse()));
    expect(unreadable.name).toBe('SyntaxError');
    expect((unreadable.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(200);

    fake.misbehaveNext('Converse', { kind: 'reset' });
    const reset = await rejection(clients.runtime.send(converse()));
    expect(reset.code).toBe('ERR_HTTP2_STREAM_ERROR');
    expect(fake.callsTo('Converse')).toHaveLength(3);
  });

  it('resets an event stream after the events it was told to send', async () => {
    fake.misbehaveNext('ConverseStream', { kind: 'reset', afterEvents: 2 });
    fake.onConverseStream(streamText(['a', 'b', 'c']));
    const response = await clients.runtime.send(
      new ConverseStreamCommand({ modelId: MODEL, messages: [userText('q')] }),
    );
    const seen: string[] = [];
    const failure = await rejection(
      (async () => {
        for await (const event of response.stream ?? []) seen.push(Object.keys(event)[0] ?? '');
      })(),
    );
    expect(seen).toEqual(['messageStart', 'contentBlockDelta']);
    expect(failure.code).toBe('ERR_HTTP2_STREAM_ERROR');
  });
});

describe('fake Bedrock over HTTP/1.1 (clients with NodeHttpHandler)', () => {
  let http1: FakeBedrock;
  beforeAll(async () => {
    http1 = await startFakeBedrock({ http1: true });
  });
  afterAll(() => http1.close());

  it('serves Converse, ConverseStream and InvokeAgent over HTTP/1.1 and 404s unknown routes', async () => {
    const { runtime, agent } = ownClients({ http1: true }, http1);
    http1.onConverse(converseText('over http/1.1'));
    const result = await runtime.send(new ConverseCommand({ modelId: MODEL, messages: [userText('q')] }));
    expect(result.output?.message?.content?.[0]?.text).toBe('over http/1.1');

    http1.onConverseStream(streamText(['a', 'b', 'c']));
    const streamed = await runtime.send(
      new ConverseStreamCommand({ modelId: MODEL, messages: [userText('q')] }),
    );
    let text = '';
    for await (const event of streamed.stream ?? []) text += event.contentBlockDelta?.delta?.text ?? '';
    expect(text).toBe('abc');

    http1.onInvokeAgent(agentChunks('agent over http/1.1'));
    const invoked = await agent.send(new InvokeAgentCommand({ ...AGENT, sessionId: 's-h1', inputText: 'q' }));
    expect((await drainAgent(invoked.completion)).text).toBe('agent over http/1.1');
    expect(http1.calls.map((c) => c.operation)).toEqual(['Converse', 'ConverseStream', 'InvokeAgent']);
    expect(http1.calls.map((c) => c.httpVersion)).toEqual(['1.1', '1.1', '1.1']);
    expect(http1.calls[0]?.headers.host).toBe(new URL(http1.url).host);

    const unknown = await fetch(`${http1.url}/model/x/invoke`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-errortype')).toMatch(/^UnknownOperationException/);
    expect(http1.unmatched).toEqual([{ method: 'POST', path: '/model/x/invoke' }]);
  });
});
