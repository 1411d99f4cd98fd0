import {
  type BedrockRuntimeClient,
  type ContentBlock,
  ConverseCommand,
  ConverseStreamCommand,
  type Message,
  type SystemContentBlock,
  type ToolInputSchema,
} from '@aws-sdk/client-bedrock-runtime';
import { z } from 'zod';
import { ScoutError } from '../../errors.ts';
import type { Llm, LlmCallMeta, LlmRequest, LlmUsage, ModelTier } from '../../ports.ts';
import { bedrockCallFailed } from './bedrock-errors.ts';
import { callSignal, DEFAULT_CALL_TIMEOUT_MS, raceAbort, untilAborted } from './deadlines.ts';

export interface BedrockLlmOptions {
  client: BedrockRuntimeClient;
  models: Record<ModelTier, string>;
  guardrail?: { id: string; version: string };
  maxTokens?: number;
  /** Deadline of one call, its SDK retries included (the question's deadline may come sooner). */
  callTimeoutMs?: number;
}

const usageSchema = z
  .object({
    inputTokens: z.number().default(0),
    outputTokens: z.number().default(0),
    cacheReadInputTokens: z.number().optional(),
    cacheWriteInputTokens: z.number().optional(),
  })
  .default({ inputTokens: 0, outputTokens: 0 });

const converseResponseSchema = z.object({
  output: z.object({
    message: z.object({ role: z.string(), content: z.array(z.record(z.string(), z.unknown())) }),
  }),
  stopReason: z.string(),
  usage: usageSchema,
});

type ToolSchemaDocument = ToolInputSchema.JsonMember['json'];

/** A JSON Schema is plain JSON, which is what the SDK's document type describes. */
function asDocument(schema: Record<string, unknown>): ToolSchemaDocument {
  return JSON.parse(JSON.stringify(schema)) as ToolSchemaDocument;
}

function toUsage(usage: z.infer<typeof usageSchema>): LlmUsage {
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadInputTokens ?? 0,
    cacheWriteTokens: usage.cacheWriteInputTokens ?? 0,
  };
}

function systemBlocks(request: LlmRequest): SystemContentBlock[] {
  return [
    { text: request.system.text },
    ...(request.cacheSystem ? [{ cachePoint: { type: 'default' as const } }] : []),
  ];
}

function messages(request: LlmRequest): Message[] {
  return request.messages.map((m) => ({
    role: m.role,
    content: [
      ...(m.image ? [{ image: { format: m.image.format, source: { bytes: m.image.bytes } } }] : []),
      { text: m.text },
    ],
  }));
}

async function* noEvents(): AsyncGenerator<never> {}

/** The Llm port on Bedrock Converse: tool use for structured output, ConverseStream for text. */
export function createBedrockLlm(options: BedrockLlmOptions): Llm {
  const guardrailConfig = options.guardrail
    ? {
        guardrailIdentifier: options.guardrail.id,
        guardrailVersion: options.guardrail.version,
        trace: 'enabled' as const,
      }
    : undefined;

  return {
    async callTool(request, validate) {
      const modelId = options.models[request.tier];
      const conversation = messages(request);
      const calls: LlmCallMeta[] = [];
      for (let attempt = 0; attempt < 2; attempt++) {
        const started = performance.now();
        const signal = callSignal(request.signal, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
        let raw: unknown;
        try {
          const command = new ConverseCommand({
            modelId,
            system: systemBlocks(request),
            messages: conversation,
            inferenceConfig: { maxTokens: request.maxTokens ?? options.maxTokens ?? 2000, temperature: 0 },
            toolConfig: {
              tools: [
                {
                  toolSpec: {
                    name: request.tool.name,
                    description: request.tool.description,
                    inputSchema: { json: asDocument(request.tool.inputSchema) },
                  },
                },
              ],
              toolChoice: { tool: { name: request.tool.name } },
            },
            ...(guardrailConfig ? { guardrailConfig } : {}),
          });
          raw = await raceAbort(options.client.send(command, { abortSignal: signal }), signal);
        } catch (error) {
          throw bedrockCallFailed('Converse', error, signal);
        }
        const response = converseResponseSchema.safeParse(raw);
        if (!response.success)
          throw new ScoutError('llm_invalid_output', 'Converse returned an unexpected shape', {
            cause: response.error,
            retryable: true,
          });
        const meta: LlmCallMeta = {
          modelId,
          prompt: { id: request.system.id, version: request.system.version, hash: request.system.hash },
          usage: toUsage(response.data.usage),
          latencyMs: performance.now() - started,
          stopReason: response.data.stopReason,
          repaired: attempt > 0,
        };
        calls.push(meta);
        if (response.data.stopReason === 'guardrail_intervened') {
          throw new ScoutError('guardrail_intervened', 'the guardrail intervened in the model call', {
            userMessage: 'I cannot help with that request: it was stopped by the content guardrail.',
          });
        }
        // zod checked the envelope; the blocks themselves are the SDK's own deserialised union.
        const content = response.data.output.message.content as unknown as ContentBlock[];
        const toolUse = content.find((block) => block.toolUse?.name === request.tool.name)?.toolUse;
        const checked = toolUse
          ? validate(toolUse.input)
          : ({ ok: false, error: `answer through the ${request.tool.name} tool` } as const);
        if (checked.ok) return { value: checked.value, meta, calls };
        if (attempt === 1) break;
        // One repair turn: show the model its own output and the exact problem.
        conversation.push({ role: 'assistant', content });
        conversation.push({
          role: 'user',
          content: toolUse?.toolUseId
            ? [
                {
                  toolResult: {
                    toolUseId: toolUse.toolUseId,
                    status: 'error',
                    content: [
                      {
                        text: `Invalid input: ${checked.error}. Call ${request.tool.name} again with corrected input.`,
                      },
                    ],
                  },
                },
              ]
            : [{ text: `Please ${checked.error}.` }],
        });
      }
      throw new ScoutError(
        'llm_invalid_output',
        `the model's ${request.tool.name} input stayed invalid after one repair`,
        {
          retryable: false,
          userMessage: 'I could not turn that question into a valid query.',
        },
      );
    },

    async streamText(request, onDelta) {
      const modelId = options.models[request.tier];
      const started = performance.now();
      let text = '';
      let usage: LlmUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
      let stopReason = 'unknown';
      const signal = callSignal(request.signal, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
      try {
        const command = new ConverseStreamCommand({
          modelId,
          system: systemBlocks(request),
          messages: messages(request),
          inferenceConfig: { maxTokens: request.maxTokens ?? options.maxTokens ?? 1000, temperature: 0 },
          ...(guardrailConfig
            ? { guardrailConfig: { ...guardrailConfig, streamProcessingMode: 'sync' as const } }
            : {}),
        });
        const response = await raceAbort(options.client.send(command, { abortSignal: signal }), signal);
        for await (const event of untilAborted(response.stream ?? noEvents(), signal)) {
          const delta = event.contentBlockDelta?.delta?.text;
          if (delta) {
            text += delta;
            onDelta?.(delta);
          }
          if (event.messageStop?.stopReason) stopReason = event.messageStop.stopReason;
          if (event.metadata?.usage) usage = toUsage(usageSchema.parse(event.metadata.usage));
        }
      } catch (error) {
        throw bedrockCallFailed('ConverseStream', error, signal);
      }
      // A stream cut off without an error (a closed connection) is not a complete answer.
      if (stopReason === 'unknown') {
        throw new ScoutError('llm_unavailable', 'ConverseStream ended before messageStop', {
          retryable: true,
          userMessage: 'The language model is unavailable right now.',
        });
      }
      if (stopReason === 'guardrail_intervened') {
        throw new ScoutError('guardrail_intervened', 'the guardrail intervened in the streamed answer', {
          userMessage: 'I cannot help with that request: it was stopped by the content guardrail.',
        });
      }
      return {
        text,
        meta: {
          modelId,
          prompt: { id: request.system.id, version: request.system.version, hash: request.system.hash },
          usage,
          latencyMs: performance.now() - started,
          stopReason,
          repaired: false,
        },
      };
    },
  };
}
