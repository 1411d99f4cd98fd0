import { randomUUID } from 'node:crypto';
import { createServer as createHttp1Server, type IncomingHttpHeaders } from 'node:http';
import {
  createServer as createHttp2Server,
  type Http2ServerResponse,
  constants as http2Constants,
} from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { z } from 'zod';

/**
 * A local fake of Amazon Bedrock (runtime + agent runtime) on 127.0.0.1, for integration tests
 * that point the REAL @aws-sdk clients at it. It speaks the wire protocols those clients use
 * (REFERENCE §3): restJson1 bodies, percent-encoded path labels, `x-amzn-errortype` errors and
 * `application/vnd.amazon.eventstream` frames, served over h2c (the SDK's default transport) or
 * HTTP/1.1. So serialization, HTTP/2, event-stream decoding, retries and error mapping run for real.
 *
 * Light request validation mirrors rules the real service enforces (role alternation, toolResult
 * pairing, blank text, return-of-control invocation ids); it answers 400 ValidationException.
 */

// ---------------------------------------------------------------------------------------------
// Wire shapes the scripts are made of (bare JSON as Bedrock sends it)
// ---------------------------------------------------------------------------------------------

export type BedrockOperation = 'Converse' | 'ConverseStream' | 'ApplyGuardrail' | 'InvokeAgent' | 'Retrieve';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export type StopReason =
  | 'end_turn'
  | 'tool_use'
  | 'max_tokens'
  | 'stop_sequence'
  | 'guardrail_intervened'
  | 'content_filtered'
  | 'malformed_tool_use'
  | 'model_context_window_exceeded';

export type ConverseOutputBlock =
  | { text: string }
  | { toolUse: { toolUseId: string; name: string; input: JsonValue } }
  | { reasoningContent: JsonObject };

/** The Converse response body, exactly as the API answers it. */
export interface ConverseScript {
  output: { message: { role: 'assistant'; content: ConverseOutputBlock[] } };
  stopReason: StopReason;
  usage: TokenUsage;
  metrics: { latencyMs: number };
  additionalModelResponseFields?: JsonValue;
  trace?: JsonObject;
}

/** One ConverseStream event: the key is the `:event-type` header, the value the JSON payload. */
export type ConverseStreamEvent =
  | { messageStart: { role: 'assistant' } }
  | {
      contentBlockStart: {
        contentBlockIndex: number;
        start: { toolUse: { toolUseId: string; name: string } };
      };
    }
  | {
      contentBlockDelta: {
        contentBlockIndex: number;
        /** Tool input arrives as partial JSON *strings*, concatenated by the caller. */
        delta: { text: string } | { toolUse: { input: string } } | { reasoningContent: JsonObject };
      };
    }
  | { contentBlockStop: { contentBlockIndex: number } }
  | { messageStop: { stopReason: StopReason; additionalModelResponseFields?: JsonValue } }
  | { metadata: { usage: TokenUsage; metrics: { latencyMs: number }; trace?: JsonObject } };

/** A modelled in-stream exception (`:message-type=exception`); it ends the stream. */
export interface StreamException<Type extends string> {
  exception: Type;
  message?: string;
  /** Extra members, e.g. `originalStatusCode` of modelStreamErrorException. */
  fields?: JsonObject;
}

/** Not sent: the fake waits this long before the next item (to test slow streams). */
export interface StreamPause {
  pauseMs: number;
}

export type ConverseStreamExceptionType =
  | 'internalServerException'
  | 'modelStreamErrorException'
  | 'validationException'
  | 'throttlingException'
  | 'serviceUnavailableException';

export type ConverseStreamScript = (
  | ConverseStreamEvent
  | StreamException<ConverseStreamExceptionType>
  | StreamPause
)[];

export interface GuardrailUsage {
  topicPolicyUnits: number;
  contentPolicyUnits: number;
  wordPolicyUnits: number;
  sensitiveInformationPolicyUnits: number;
  sensitiveInformationPolicyFreeUnits: number;
  contextualGroundingPolicyUnits: number;
}

/** The ApplyGuardrail response body; `usage` is filled from the request's text units when omitted. */
export interface ApplyGuardrailScript {
  action: 'NONE' | 'GUARDRAIL_INTERVENED';
  actionReason?: string;
  outputs: { text: string }[];
  /** `{topicPolicy, contentPolicy, wordPolicy, sensitiveInformationPolicy, contextualGroundingPolicy}` objects. */
  assessments: JsonObject[];
  usage?: GuardrailUsage;
  guardrailCoverage?: JsonObject;
}

export interface RetrievalResultWire {
  content: { text: string; type?: 'TEXT' };
  location?: { type: 'S3'; s3Location: { uri: string } } | { type: 'WEB'; webLocation: { url: string } };
  score?: number;
  metadata?: JsonObject;
}

/** The Retrieve response body. */
export interface RetrieveScript {
  retrievalResults: RetrievalResultWire[];
  nextToken?: string;
  guardrailAction?: 'INTERVENED' | 'NONE';
}

export interface AgentCitationWire {
  generatedResponsePart: { textResponsePart: { text: string; span: { start: number; end: number } } };
  retrievedReferences: {
    content: { text: string };
    location: { type: 'S3'; s3Location: { uri: string } };
    metadata?: JsonObject;
  }[];
}

export interface AgentFunctionParameter {
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array';
  value: string;
}

export interface ReturnControlWire {
  invocationId: string;
  invocationInputs: {
    functionInvocationInput: {
      actionGroup: string;
      function: string;
      parameters: AgentFunctionParameter[];
      actionInvocationType?: 'RESULT' | 'USER_CONFIRMATION' | 'USER_CONFIRMATION_AND_RESULT';
    };
  }[];
}

/** One InvokeAgent event; `trace` ids the script leaves out are filled from the request path. */
export type AgentStreamEvent =
  | { chunk: { /** base64 */ bytes: string; attribution?: { citations: AgentCitationWire[] } } }
  | {
      trace: {
        trace: JsonObject;
        /** RFC 3339; the SDK throws a TypeError on an epoch number. */
        eventTime?: string;
        sessionId?: string;
        agentId?: string;
        agentAliasId?: string;
        agentVersion?: string;
      };
    }
  | { returnControl: ReturnControlWire };

export type AgentExceptionType =
  | 'internalServerException'
  | 'validationException'
  | 'resourceNotFoundException'
  | 'serviceQuotaExceededException'
  | 'throttlingException'
  | 'accessDeniedException'
  | 'conflictException'
  | 'dependencyFailedException'
  | 'badGatewayException'
  | 'modelNotReadyException';

export type InvokeAgentScript = (AgentStreamEvent | StreamException<AgentExceptionType> | StreamPause)[];

export type BedrockErrorType =
  | 'ThrottlingException'
  | 'InternalServerException'
  | 'ServiceUnavailableException'
  | 'ValidationException'
  | 'AccessDeniedException'
  | 'ResourceNotFoundException'
  | 'ModelTimeoutException'
  | 'ModelErrorException';

/**
 * Faults below the API: the endpoint accepts the request and then misbehaves.
 * - `hang`: reads the request and never answers (until the client gives up or the fake closes);
 * - `non_json`: answers 200 with `content-type: application/json` and a body that is not JSON
 *   (a proxy's HTML error page, say);
 * - `reset`: resets the stream (HTTP/2 RST_STREAM, or a destroyed socket on HTTP/1.1) before any
 *   response, or, on a streaming operation with `afterEvents`, after that many events were sent.
 */
export type FakeBedrockMisbehaviour =
  | { kind: 'hang' }
  | { kind: 'non_json'; body?: string }
  | { kind: 'reset'; afterEvents?: number };

export interface FakeBedrockFailure {
  status: 429 | 500 | 503 | 400 | 403 | 404 | 408 | 424;
  type: BedrockErrorType;
  message?: string;
}

// ---------------------------------------------------------------------------------------------
// Requests as the SDK serializes them (zod: shape errors answer 400 like the service)
// ---------------------------------------------------------------------------------------------

const contentBlockSchema = z.looseObject({
  text: z.string().optional(),
  toolUse: z.looseObject({ toolUseId: z.string(), name: z.string(), input: z.unknown() }).optional(),
  toolResult: z
    .looseObject({
      toolUseId: z.string(),
      content: z.array(z.looseObject({})),
      status: z.enum(['success', 'error']).optional(),
    })
    .optional(),
});

const converseRequestSchema = z.looseObject({
  messages: z
    .array(z.looseObject({ role: z.enum(['user', 'assistant']), content: z.array(contentBlockSchema) }))
    .min(1),
  system: z.array(z.looseObject({})).optional(),
  inferenceConfig: z
    .looseObject({
      maxTokens: z.number().int().min(1).optional(),
      temperature: z.number().min(0).max(1).optional(),
      topP: z.number().min(0).max(1).optional(),
      stopSequences: z.array(z.string()).optional(),
    })
    .optional(),
  toolConfig: z
    .looseObject({
      tools: z
        .array(
          z.looseObject({
            toolSpec: z
              .looseObject({
                name: z.string(),
                description: z.string().optional(),
                inputSchema: z.looseObject({ json: z.unknown() }),
              })
              .optional(),
          }),
        )
        .min(1),
      toolChoice: z
        .union([
          z.object({ auto: z.object({}) }),
          z.object({ any: z.object({}) }),
          z.object({ tool: z.object({ name: z.string() }) }),
        ])
        .optional(),
    })
    .optional(),
});
export type ConverseRequest = z.infer<typeof converseRequestSchema>;

const applyGuardrailRequestSchema = z.looseObject({
  source: z.enum(['INPUT', 'OUTPUT']),
  content: z
    .array(
      z.looseObject({
        text: z
          .looseObject({
            text: z.string(),
            qualifiers: z.array(z.enum(['grounding_source', 'query', 'guard_content'])).optional(),
          })
          .optional(),
      }),
    )
    .min(1),
  outputScope: z.enum(['INTERVENTIONS', 'FULL']).optional(),
});
export type ApplyGuardrailRequest = z.infer<typeof applyGuardrailRequestSchema>;

const invokeAgentRequestSchema = z.looseObject({
  inputText: z.string().optional(),
  enableTrace: z.boolean().optional(),
  endSession: z.boolean().optional(),
  sessionState: z
    .looseObject({
      sessionAttributes: z.record(z.string(), z.string()).optional(),
      promptSessionAttributes: z.record(z.string(), z.string()).optional(),
      invocationId: z.string().optional(),
      returnControlInvocationResults: z.array(z.looseObject({})).min(1).optional(),
    })
    .optional(),
});
export type InvokeAgentRequest = z.infer<typeof invokeAgentRequestSchema>;

const retrieveRequestSchema = z.looseObject({
  retrievalQuery: z.looseObject({ text: z.string().min(1) }),
  retrievalConfiguration: z
    .looseObject({
      vectorSearchConfiguration: z
        .looseObject({ numberOfResults: z.number().int().min(1).max(100).optional() })
        .optional(),
    })
    .optional(),
  nextToken: z.string().optional(),
});
export type RetrieveRequest = z.infer<typeof retrieveRequestSchema>;

export interface GuardrailParams {
  guardrailIdentifier: string;
  guardrailVersion: string;
}
export interface AgentParams {
  agentId: string;
  agentAliasId: string;
  sessionId: string;
}
export interface KnowledgeBaseParams {
  knowledgeBaseId: string;
}

type Handler<Request, Param, Script> = (request: Request, param: Param) => Script | Promise<Script>;
export type ConverseHandler = Handler<ConverseRequest, string, ConverseScript>;
export type ConverseStreamHandler = Handler<ConverseRequest, string, ConverseStreamScript>;
export type ApplyGuardrailHandler = Handler<ApplyGuardrailRequest, GuardrailParams, ApplyGuardrailScript>;
export type InvokeAgentHandler = Handler<InvokeAgentRequest, AgentParams, InvokeAgentScript>;
export type RetrieveHandler = Handler<RetrieveRequest, KnowledgeBaseParams, RetrieveScript>;

export interface RecordedBedrockCall {
  operation: BedrockOperation;
  /** The path as sent (labels still percent-encoded). */
  path: string;
  /** Decoded path labels, named as in the SDK model: modelId, guardrailIdentifier, agentId, sessionId… */
  params: Record<string, string>;
  /** The parsed JSON body. */
  body: unknown;
  /** Lower-cased request headers; of the HTTP/2 pseudo-headers only `:authority` is kept, as `host`. */
  headers: Record<string, string>;
  /** '2.0' for h2c (the SDK default), '1.1' with NodeHttpHandler. */
  httpVersion: string;
  at: number;
}

export interface FakeBedrock {
  /** http://127.0.0.1:PORT, for the clients' `endpoint`. */
  url: string;
  /** Every routed request in arrival order, failed attempts included (a retried call shows twice). */
  calls: RecordedBedrockCall[];
  callsTo(operation: BedrockOperation): RecordedBedrockCall[];
  /** Requests that matched no route (answered 404 UnknownOperationException). */
  unmatched: { method: string; path: string }[];
  /** Queue a response (or a handler computing one from the request); consumed in order. */
  onConverse(script: ConverseScript | ConverseHandler): void;
  onConverseStream(script: ConverseStreamScript | ConverseStreamHandler): void;
  onApplyGuardrail(script: ApplyGuardrailScript | ApplyGuardrailHandler): void;
  onInvokeAgent(script: InvokeAgentScript | InvokeAgentHandler): void;
  onRetrieve(script: RetrieveScript | RetrieveHandler): void;
  /** The next `times` requests to `operation` answer this HTTP error before any script is consumed. */
  failNext(operation: BedrockOperation, failure: FakeBedrockFailure, times?: number): void;
  /** The next request to `operation` waits `ms` before answering. */
  delayNext(operation: BedrockOperation, ms: number): void;
  /** The next `times` requests to `operation` misbehave (hang, non-JSON 200, reset stream). */
  misbehaveNext(operation: BedrockOperation, misbehaviour: FakeBedrockMisbehaviour, times?: number): void;
  reset(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Builders for common scripts
// ---------------------------------------------------------------------------------------------

/** Usage with plausible defaults; totalTokens is derived unless given. */
export function tokenUsage(usage: Partial<TokenUsage> = {}, outputText = ''): TokenUsage {
  const inputTokens = usage.inputTokens ?? 25;
  const outputTokens = usage.outputTokens ?? Math.max(1, Math.ceil(outputText.length / 4));
  return {
    ...usage,
    inputTokens,
    outputTokens,
    totalTokens: usage.totalTokens ?? inputTokens + outputTokens,
  };
}

export function converseText(text: string, usage?: Partial<TokenUsage>): ConverseScript {
  return {
    output: { message: { role: 'assistant', content: [{ text }] } },
    stopReason: 'end_turn',
    usage: tokenUsage(usage, text),
    metrics: { latencyMs: 120 },
  };
}

/** Ids shaped like Bedrock's (`tooluse_` + 22 url-safe chars). */
export function fakeToolUseId(): string {
  return `tooluse_${randomUUID().replaceAll('-', '').slice(0, 22)}`;
}

export function converseToolUse(
  name: string,
  input: JsonValue,
  usage?: Partial<TokenUsage>,
  toolUseId = fakeToolUseId(),
): ConverseScript {
  return {
    output: { message: { role: 'assistant', content: [{ toolUse: { toolUseId, name, input } }] } },
    stopReason: 'tool_use',
    usage: tokenUsage(usage, JSON.stringify(input)),
    metrics: { latencyMs: 180 },
  };
}

export function streamException(
  exception: ConverseStreamExceptionType,
  message?: string,
): StreamException<ConverseStreamExceptionType> {
  return message === undefined ? { exception } : { exception, message };
}

/**
 * A streamed text answer: messageStart, one delta per chunk, contentBlockStop, messageStop,
 * metadata. With `failWith`, the exception replaces everything after the deltas.
 */
export function streamText(
  chunks: string[],
  options: {
    usage?: Partial<TokenUsage>;
    stopReason?: StopReason;
    failWith?: StreamException<ConverseStreamExceptionType>;
  } = {},
): ConverseStreamScript {
  const deltas: ConverseStreamScript = chunks.map((text) => ({
    contentBlockDelta: { contentBlockIndex: 0, delta: { text } },
  }));
  const head: ConverseStreamScript = [{ messageStart: { role: 'assistant' } }, ...deltas];
  if (options.failWith) return [...head, options.failWith];
  return [
    ...head,
    { contentBlockStop: { contentBlockIndex: 0 } },
    { messageStop: { stopReason: options.stopReason ?? 'end_turn' } },
    { metadata: { usage: tokenUsage(options.usage, chunks.join('')), metrics: { latencyMs: 240 } } },
  ];
}

/** A streamed tool call: the JSON input split into `pieces` partial strings, as models send it. */
export function streamToolUse(
  name: string,
  input: JsonValue,
  options: { pieces?: number; usage?: Partial<TokenUsage>; toolUseId?: string } = {},
): ConverseStreamScript {
  const json = JSON.stringify(input);
  const size = Math.max(1, Math.ceil(json.length / (options.pieces ?? 3)));
  const parts: string[] = [];
  for (let at = 0; at < json.length; at += size) parts.push(json.slice(at, at + size));
  const toolUseId = options.toolUseId ?? fakeToolUseId();
  return [
    { messageStart: { role: 'assistant' } },
    { contentBlockStart: { contentBlockIndex: 0, start: { toolUse: { toolUseId, name } } } },
    ...parts.map((piece) => ({
      contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: piece } } },
    })),
    { contentBlockStop: { contentBlockIndex: 0 } },
    { messageStop: { stopReason: 'tool_use' } },
    { metadata: { usage: tokenUsage(options.usage, json), metrics: { latencyMs: 260 } } },
  ];
}

export function guardrailNone(): ApplyGuardrailScript {
  return { action: 'NONE', actionReason: 'No action.', outputs: [], assessments: [] };
}

export function guardrailIntervened(
  outputs: string | string[],
  assessments: JsonObject[],
): ApplyGuardrailScript {
  const texts = typeof outputs === 'string' ? [outputs] : outputs;
  return {
    action: 'GUARDRAIL_INTERVENED',
    actionReason: 'Guardrail blocked.',
    outputs: texts.map((text) => ({ text })),
    assessments,
  };
}

export function retrieveResults(
  results: { text: string; uri: string; score?: number; metadata?: JsonObject }[],
): RetrieveScript {
  return {
    retrievalResults: results.map(({ text, uri, score, metadata }) => ({
      content: { text, type: 'TEXT' },
      location: { type: 'S3', s3Location: { uri } },
      score: score ?? 0.5,
      ...(metadata ? { metadata } : {}),
    })),
  };
}

export interface AgentCitationInput {
  /** The cited part of the generated answer; its span is located in the full answer text. */
  text: string;
  references: { text: string; uri: string; metadata?: JsonObject }[];
}

/**
 * The final answer as `chunk` events (one per string; bytes base64 in the JSON payload, as on the
 * wire). Citations ride on the last chunk; spans are [start, end] with `end` inclusive.
 */
export function agentChunks(
  text: string | string[],
  citations: AgentCitationInput[] = [],
): InvokeAgentScript {
  const parts = typeof text === 'string' ? [text] : text;
  const full = parts.join('');
  return parts.map((part, index) => {
    const bytes = Buffer.from(part, 'utf8').toString('base64');
    if (index < parts.length - 1 || citations.length === 0) return { chunk: { bytes } };
    const wire = citations.map((citation): AgentCitationWire => {
      const start = Math.max(0, full.indexOf(citation.text));
      return {
        generatedResponsePart: {
          textResponsePart: { text: citation.text, span: { start, end: start + citation.text.length - 1 } },
        },
        retrievedReferences: citation.references.map((ref) => ({
          content: { text: ref.text },
          location: { type: 'S3', s3Location: { uri: ref.uri } },
          ...(ref.metadata ? { metadata: ref.metadata } : {}),
        })),
      };
    });
    return { chunk: { bytes, attribution: { citations: wire } } };
  });
}

/** A trace event; session/agent ids are filled in from the request path by the fake. */
export function agentTrace(trace: JsonObject, eventTime: Date = new Date()): AgentStreamEvent {
  return { trace: { trace, eventTime: eventTime.toISOString() } };
}

/** A return-of-control event asking the caller to run `function` of `actionGroup`. */
export function agentReturnControl(input: {
  invocationId?: string;
  actionGroup: string;
  function: string;
  parameters: Record<string, string | number | boolean> | AgentFunctionParameter[];
}): InvokeAgentScript {
  const parameters = Array.isArray(input.parameters)
    ? input.parameters
    : Object.entries(input.parameters).map(([name, value]): AgentFunctionParameter => {
        const type = typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'boolean' : 'number';
        return {
          name,
          type: Number.isInteger(value) && type === 'number' ? 'integer' : type,
          value: String(value),
        };
      });
  return [
    {
      returnControl: {
        invocationId: input.invocationId ?? randomUUID(),
        invocationInputs: [
          {
            functionInvocationInput: {
              actionGroup: input.actionGroup,
              function: input.function,
              parameters,
              actionInvocationType: 'RESULT',
            },
          },
        ],
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Service rules (messages as close to Bedrock's as we know them)
// ---------------------------------------------------------------------------------------------

class FakeValidationError extends Error {}

function checkConverse(request: ConverseRequest): void {
  const { messages } = request;
  if (messages[0]?.role !== 'user') {
    throw new FakeValidationError(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  let usesTools = false;
  messages.forEach((message, i) => {
    if (i > 0 && messages[i - 1]?.role === message.role) {
      throw new FakeValidationError(
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
      );
    }
    message.content.forEach((block, j) => {
      if (block.text !== undefined && block.text.trim() === '') {
        throw new FakeValidationError(
          `The text field in the ContentBlock object at messages.${i}.content.${j} is blank. Add text to the text field, and try again.`,
        );
      }
      if (block.toolUse || block.toolResult) usesTools = true;
    });
    // Every toolUse must be answered in the next (user) message, and only those ids.
    const previous = messages[i - 1];
    if (message.role !== 'user' || !previous) return;
    const asked = new Set(previous.content.flatMap((b) => (b.toolUse ? [b.toolUse.toolUseId] : [])));
    const answered = new Set(message.content.flatMap((b) => (b.toolResult ? [b.toolResult.toolUseId] : [])));
    const stray = [...answered].filter((id) => !asked.has(id));
    const missing = [...asked].filter((id) => !answered.has(id));
    if (stray.length > 0 || missing.length > 0) {
      throw new FakeValidationError(
        `messages.${i}.content: toolResult blocks must answer the toolUse ids of the previous turn (missing: ${missing.join(', ') || 'none'}; unexpected: ${stray.join(', ') || 'none'}).`,
      );
    }
  });
  const tools = request.toolConfig?.tools.flatMap((t) => (t.toolSpec ? [t.toolSpec.name] : [])) ?? [];
  if (usesTools && !request.toolConfig) {
    throw new FakeValidationError(
      'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    );
  }
  const choice = request.toolConfig?.toolChoice;
  if (choice && 'tool' in choice && !tools.includes(choice.tool.name)) {
    throw new FakeValidationError(
      `toolChoice names tool '${choice.tool.name}', which is not in toolConfig.tools.`,
    );
  }
}

function parseRequest<T>(schema: z.ZodType<T>, body: unknown, operation: BedrockOperation): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new FakeValidationError(`${operation} request is malformed: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** Text units as Bedrock bills guardrails: ceil(chars / 1000) per text block. */
function guardrailUnits(request: ApplyGuardrailRequest): GuardrailUsage {
  const units = request.content.reduce(
    (sum, block) => sum + Math.ceil((block.text?.text.length ?? 0) / 1000),
    0,
  );
  return {
    topicPolicyUnits: units,
    contentPolicyUnits: units,
    wordPolicyUnits: units,
    sensitiveInformationPolicyUnits: units,
    sensitiveInformationPolicyFreeUnits: 0,
    contextualGroundingPolicyUnits: 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Wire encoding
// ---------------------------------------------------------------------------------------------

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const str = (value: string) => ({ type: 'string' as const, value });
/** Real ConverseStream payloads carry a `p` padding member (hides token sizes); clients must ignore it. */
const PADDING = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';

type StreamItem = StreamPause | StreamException<string> | Record<string, unknown>;

function isPause(item: StreamItem): item is StreamPause {
  return 'pauseMs' in item && typeof item.pauseMs === 'number';
}
function isException(item: StreamItem): item is StreamException<string> {
  return 'exception' in item && typeof item.exception === 'string';
}

function encodeFrame(item: StreamException<string> | Record<string, unknown>, pad: boolean): Uint8Array {
  if (isException(item)) {
    const headers: MessageHeaders = {
      ':exception-type': str(item.exception),
      ':content-type': str('application/json'),
      ':message-type': str('exception'),
    };
    const body = { message: item.message ?? `${item.exception} (fake)`, ...item.fields };
    return codec.encode({ headers, body: fromUtf8(JSON.stringify(body)) });
  }
  const [eventType, payload] = Object.entries(item)[0] ?? [];
  if (eventType === undefined) throw new Error('fake-bedrock: empty stream event');
  const headers: MessageHeaders = {
    ':event-type': str(eventType),
    ':content-type': str('application/json'),
    ':message-type': str('event'),
  };
  const body = pad ? { ...(payload as object), p: PADDING } : payload;
  return codec.encode({ headers, body: fromUtf8(JSON.stringify(body)) });
}

// ---------------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------------

interface Route {
  operation: BedrockOperation;
  pattern: RegExp;
  labels: string[];
}

/** Paths from the SDK models (REFERENCE 3.2); labels are single percent-encoded segments. */
const ROUTES: Route[] = [
  { operation: 'Converse', pattern: /^\/model\/([^/]+)\/converse$/, labels: ['modelId'] },
  { operation: 'ConverseStream', pattern: /^\/model\/([^/]+)\/converse-stream$/, labels: ['modelId'] },
  {
    operation: 'ApplyGuardrail',
    pattern: /^\/guardrail\/([^/]+)\/version\/([^/]+)\/apply$/,
    labels: ['guardrailIdentifier', 'guardrailVersion'],
  },
  {
    operation: 'InvokeAgent',
    pattern: /^\/agents\/([^/]+)\/agentAliases\/([^/]+)\/sessions\/([^/]+)\/text$/,
    labels: ['agentId', 'agentAliasId', 'sessionId'],
  },
  { operation: 'Retrieve', pattern: /^\/knowledgebases\/([^/]+)\/retrieve$/, labels: ['knowledgeBaseId'] },
];

function route(path: string): { operation: BedrockOperation; params: Record<string, string> } | undefined {
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    candidate.labels.forEach((label, i) => {
      params[label] = decodeURIComponent(match[i + 1] ?? '');
    });
    return { operation: candidate.operation, params };
  }
  return undefined;
}

/** What the HTTP/1.1 and HTTP/2 (compat API) responses have in common, for one code path. */
interface Reply {
  head(status: number, headers: Record<string, string>): void;
  write(chunk: Uint8Array): void;
  end(body?: string): void;
  gone(): boolean;
  /** Tears the exchange down mid-flight: RST_STREAM on HTTP/2, a destroyed socket on HTTP/1.1. */
  reset(): void;
}

interface Response {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: Uint8Array): unknown;
  end(body: string): unknown;
}

function replyFor(res: Response, gone: () => boolean, reset: () => void): Reply {
  return {
    head: (status, headers) => res.writeHead(status, headers),
    write: (chunk) => res.write(chunk),
    end: (body = '') => res.end(body),
    gone,
    reset,
  };
}

/** A reply that resets the exchange once `events` frames were written. */
function resettingAfter(reply: Reply, events: number): Reply {
  let written = 0;
  let reset = false;
  return {
    ...reply,
    write: (chunk) => {
      if (reset) return;
      reply.write(chunk);
      written += 1;
      if (written >= events) {
        reset = true;
        // Let the frames leave before the reset, so the client sees a stream cut mid-answer.
        setTimeout(() => reply.reset(), 20);
      }
    },
    end: (body) => {
      if (!reset) reply.end(body);
    },
    gone: () => reset || reply.gone(),
  };
}

const STREAMING: ReadonlySet<BedrockOperation> = new Set(['ConverseStream', 'InvokeAgent']);

/**
 * Applies a misbehaviour: returns the reply to answer through (for a reset after some events),
 * or null when the request has been dealt with (it hangs, got a non-JSON body, or was reset).
 */
function misbehave(reply: Reply, operation: BedrockOperation, m: FakeBedrockMisbehaviour): Reply | null {
  switch (m.kind) {
    case 'hang':
      return null;
    case 'non_json':
      reply.head(200, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() });
      reply.end(m.body ?? '<html><body><h1>502 Bad Gateway</h1></body></html>');
      return null;
    case 'reset':
      if (STREAMING.has(operation) && m.afterEvents) return resettingAfter(reply, m.afterEvents);
      reply.reset();
      return null;
  }
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const authority = headers[':authority'];
  if (out.host === undefined && typeof authority === 'string') out.host = authority;
  return out;
}

async function readBody(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

type Queued<Request, Param, Script> = Handler<Request, Param, Script>[];

interface State {
  calls: RecordedBedrockCall[];
  unmatched: { method: string; path: string }[];
  converse: Queued<ConverseRequest, string, ConverseScript>;
  converseStream: Queued<ConverseRequest, string, ConverseStreamScript>;
  guardrail: Queued<ApplyGuardrailRequest, GuardrailParams, ApplyGuardrailScript>;
  agent: Queued<InvokeAgentRequest, AgentParams, InvokeAgentScript>;
  retrieve: Queued<RetrieveRequest, KnowledgeBaseParams, RetrieveScript>;
  failures: Map<BedrockOperation, FakeBedrockFailure[]>;
  delays: Map<BedrockOperation, number[]>;
  misbehaviours: Map<BedrockOperation, FakeBedrockMisbehaviour[]>;
  /** sessionId → invocationId of the returnControl the caller still has to answer. */
  pendingReturnControl: Map<string, string>;
  closing: AbortController;
}

function newState(): Omit<State, 'calls' | 'unmatched' | 'closing'> {
  return {
    converse: [],
    converseStream: [],
    guardrail: [],
    agent: [],
    retrieve: [],
    failures: new Map(),
    delays: new Map(),
    misbehaviours: new Map(),
    pendingReturnControl: new Map(),
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function errorHeaders(type: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-amzn-requestid': randomUUID(),
    // Real services append a namespace after ':'; the SDK cuts it off (REFERENCE 3.3).
    'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
  };
}

function sendError(reply: Reply, status: number, type: string, message: string): void {
  reply.head(status, errorHeaders(type));
  reply.end(JSON.stringify({ message }));
}

function sendJson(reply: Reply, body: unknown): void {
  const text = JSON.stringify(body);
  reply.head(200, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
  });
  reply.end(text);
}

async function sendStream(
  reply: Reply,
  items: StreamItem[],
  options: { headers?: Record<string, string>; pad: boolean; signal: AbortSignal },
): Promise<void> {
  reply.head(200, {
    'content-type': 'application/vnd.amazon.eventstream',
    'x-amzn-requestid': randomUUID(),
    ...options.headers,
  });
  for (const item of items) {
    if (reply.gone() || options.signal.aborted) return;
    if (isPause(item)) {
      await sleep(item.pauseMs, options.signal);
      continue;
    }
    reply.write(encodeFrame(item, options.pad && !isException(item)));
    if (isException(item)) break; // an exception ends the stream
  }
  if (!reply.gone()) reply.end();
}

/** Takes the next queued handler, or the default, and runs it. */
async function nextScript<Request, Param, Script>(
  queue: Queued<Request, Param, Script>,
  fallback: () => Script,
  request: Request,
  param: Param,
): Promise<Script> {
  const handler = queue.shift();
  return handler ? await handler(request, param) : fallback();
}

function agentEvents(script: InvokeAgentScript, params: AgentParams): InvokeAgentScript {
  return script.map((item) => {
    if (!('trace' in item)) return item;
    return {
      trace: {
        sessionId: params.sessionId,
        agentId: params.agentId,
        agentAliasId: params.agentAliasId,
        agentVersion: 'DRAFT',
        eventTime: new Date().toISOString(),
        ...item.trace,
      },
    };
  });
}

async function respond(
  state: State,
  operation: BedrockOperation,
  params: Record<string, string>,
  body: unknown,
  reply: Reply,
): Promise<void> {
  const signal = state.closing.signal;
  switch (operation) {
    case 'Converse': {
      const request = parseRequest(converseRequestSchema, body, operation);
      checkConverse(request);
      const modelId = params.modelId ?? '';
      sendJson(reply, await nextScript(state.converse, () => converseText('OK'), request, modelId));
      return;
    }
    case 'ConverseStream': {
      const request = parseRequest(converseRequestSchema, body, operation);
      checkConverse(request);
      const modelId = params.modelId ?? '';
      const script = await nextScript(state.converseStream, () => streamText(['OK']), request, modelId);
      await sendStream(reply, script, { pad: true, signal });
      return;
    }
    case 'ApplyGuardrail': {
      const request = parseRequest(applyGuardrailRequestSchema, body, operation);
      const guardrail: GuardrailParams = {
        guardrailIdentifier: params.guardrailIdentifier ?? '',
        guardrailVersion: params.guardrailVersion ?? '',
      };
      const script = await nextScript(state.guardrail, guardrailNone, request, guardrail);
      sendJson(reply, { usage: guardrailUnits(request), ...script });
      return;
    }
    case 'Retrieve': {
      const request = parseRequest(retrieveRequestSchema, body, operation);
      const kb: KnowledgeBaseParams = { knowledgeBaseId: params.knowledgeBaseId ?? '' };
      sendJson(reply, await nextScript(state.retrieve, () => retrieveResults([]), request, kb));
      return;
    }
    case 'InvokeAgent': {
      const request = parseRequest(invokeAgentRequestSchema, body, operation);
      const agent: AgentParams = {
        agentId: params.agentId ?? '',
        agentAliasId: params.agentAliasId ?? '',
        sessionId: params.sessionId ?? '',
      };
      checkReturnControl(state, request, agent.sessionId);
      const script = agentEvents(
        await nextScript(state.agent, () => agentChunks('OK'), request, agent),
        agent,
      );
      for (const item of script) {
        if ('returnControl' in item)
          state.pendingReturnControl.set(agent.sessionId, item.returnControl.invocationId);
      }
      await sendStream(reply, script, {
        pad: false,
        signal,
        headers: {
          'x-amzn-bedrock-agent-content-type': 'application/json',
          'x-amz-bedrock-agent-session-id': agent.sessionId,
        },
      });
      return;
    }
  }
}

/** Results must answer the session's pending returnControl, by its invocationId. */
function checkReturnControl(state: State, request: InvokeAgentRequest, sessionId: string): void {
  const results = request.sessionState?.returnControlInvocationResults;
  const pending = state.pendingReturnControl.get(sessionId);
  if (!results) {
    if (!request.inputText)
      throw new FakeValidationError('inputText is required without returnControlInvocationResults.');
    state.pendingReturnControl.delete(sessionId); // a new prompt abandons the pending action
    return;
  }
  if (pending === undefined) {
    throw new FakeValidationError(`No returnControl is pending for session ${sessionId}.`);
  }
  if (request.sessionState?.invocationId !== pending) {
    throw new FakeValidationError(
      `sessionState.invocationId ${request.sessionState?.invocationId ?? '(missing)'} does not match the pending returnControl ${pending}.`,
    );
  }
  state.pendingReturnControl.delete(sessionId);
}

/** The parts of an HTTP/1.1 or HTTP/2 compat request the fake reads. */
interface IncomingRequest extends Readable {
  method?: string | undefined;
  url?: string | undefined;
  headers: IncomingHttpHeaders;
  httpVersion: string;
}

async function handle(state: State, req: IncomingRequest, reply: Reply): Promise<void> {
  const { headers, httpVersion } = req;
  const method = req.method ?? '';
  const url = req.url ?? '';
  const path = url.split('?')[0] ?? '';
  const matched = method === 'POST' ? route(path) : undefined;
  const raw = await readBody(req);
  if (!matched) {
    state.unmatched.push({ method, path });
    sendError(reply, 404, 'UnknownOperationException', `fake-bedrock: no route for ${method} ${path}`);
    return;
  }
  const { operation, params } = matched;
  let body: unknown;
  try {
    body = raw === '' ? {} : JSON.parse(raw);
  } catch {
    sendError(reply, 400, 'SerializationException', 'fake-bedrock: the body is not JSON');
    return;
  }
  state.calls.push({
    operation,
    path,
    params,
    body,
    headers: flatHeaders(headers),
    httpVersion,
    at: Date.now(),
  });

  const delay = state.delays.get(operation)?.shift();
  if (delay !== undefined) await sleep(delay, state.closing.signal);
  if (reply.gone()) return;

  const failure = state.failures.get(operation)?.shift();
  if (failure) {
    sendError(reply, failure.status, failure.type, failure.message ?? `${failure.type} (fake)`);
    return;
  }
  const misbehaviour = state.misbehaviours.get(operation)?.shift();
  const answerThrough = misbehaviour ? misbehave(reply, operation, misbehaviour) : reply;
  if (!answerThrough) return;
  try {
    await respond(state, operation, params, body, answerThrough);
  } catch (error) {
    if (error instanceof FakeValidationError) {
      sendError(reply, 400, 'ValidationException', error.message);
      return;
    }
    // A throwing script handler is a test bug: a non-retryable 400 with its own name makes it loud.
    const message = error instanceof Error ? error.message : String(error);
    if (!reply.gone()) sendError(reply, 400, 'FakeScriptError', `fake-bedrock script failed: ${message}`);
  }
}

/** Starts the fake on 127.0.0.1: h2c by default (the SDK's transport), HTTP/1.1 with `http1`. */
export async function startFakeBedrock(options: { http1?: boolean } = {}): Promise<FakeBedrock> {
  const state: State = { calls: [], unmatched: [], closing: new AbortController(), ...newState() };

  const server = options.http1
    ? createHttp1Server((req, res) => {
        const reply = replyFor(
          res,
          () => res.destroyed || res.writableEnded,
          () => req.socket.destroy(),
        );
        void handle(state, req, reply);
      })
    : createHttp2Server((req, res: Http2ServerResponse) => {
        const reply = replyFor(
          res,
          () => res.stream.destroyed || res.stream.closed,
          () => res.stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR),
        );
        void handle(state, req, reply);
      });
  // close() destroys sockets outright: a client that stops reading an event stream early keeps
  // its (isolated) HTTP/2 session open, and a graceful close would wait for it.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const enqueue = <T>(queue: T[], item: T) => queue.push(item);
  return {
    url: `http://127.0.0.1:${port}`,
    calls: state.calls,
    callsTo: (operation) => state.calls.filter((call) => call.operation === operation),
    unmatched: state.unmatched,
    onConverse: (script) => enqueue(state.converse, typeof script === 'function' ? script : () => script),
    onConverseStream: (script) =>
      enqueue(state.converseStream, typeof script === 'function' ? script : () => script),
    onApplyGuardrail: (script) =>
      enqueue(state.guardrail, typeof script === 'function' ? script : () => script),
    onInvokeAgent: (script) => enqueue(state.agent, typeof script === 'function' ? script : () => script),
    onRetrieve: (script) => enqueue(state.retrieve, typeof script === 'function' ? script : () => script),
    failNext: (operation, failure, times = 1) => {
      const queue = state.failures.get(operation) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(failure);
      state.failures.set(operation, queue);
    },
    misbehaveNext: (operation, misbehaviour, times = 1) => {
      const queue = state.misbehaviours.get(operation) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(misbehaviour);
      state.misbehaviours.set(operation, queue);
    },
    delayNext: (operation, ms) => {
      const queue = state.delays.get(operation) ?? [];
      queue.push(ms);
      state.delays.set(operation, queue);
    },
    reset: () => {
      state.calls.length = 0;
      state.unmatched.length = 0;
      Object.assign(state, newState());
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.closing.abort(); // ends pending delays and pauses
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
