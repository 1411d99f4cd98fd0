import {
  type BedrockAgentRuntimeClient,
  InvokeAgentCommand,
  type InvokeAgentCommandOutput,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { z } from 'zod';
import type { Agent, AgentCitation, AgentFunctionCall, AgentTurn, AgentTurnUsage } from '../../ports.ts';
import { bedrockCallFailed } from './bedrock-errors.ts';
import { callSignal, DEFAULT_CALL_TIMEOUT_MS, raceAbort, untilAborted } from './deadlines.ts';

const parameterSchema = z.object({
  name: z.string(),
  type: z.string().optional(),
  value: z.string().default(''),
});
/** The tokens a trace reports for one model invocation of the agent's orchestration. */
const traceUsageSchema = z.object({
  trace: z.object({
    orchestrationTrace: z.object({
      modelInvocationOutput: z.object({
        metadata: z.object({
          usage: z.object({ inputTokens: z.number().int().min(0), outputTokens: z.number().int().min(0) }),
        }),
      }),
    }),
  }),
});

/** Adds a trace's token usage to the turn's; traces of other kinds leave it as it was. */
function addTraceUsage(total: AgentTurnUsage | undefined, trace: unknown): AgentTurnUsage | undefined {
  const parsed = traceUsageSchema.safeParse(trace);
  if (!parsed.success) return total;
  const usage = parsed.data.trace.orchestrationTrace.modelInvocationOutput.metadata.usage;
  return {
    inputTokens: (total?.inputTokens ?? 0) + usage.inputTokens,
    outputTokens: (total?.outputTokens ?? 0) + usage.outputTokens,
  };
}

const returnControlSchema = z.object({
  invocationId: z.string(),
  invocationInputs: z
    .array(
      z.object({
        functionInvocationInput: z
          .object({
            actionGroup: z.string(),
            function: z.string(),
            parameters: z.array(parameterSchema).default([]),
          })
          .optional(),
      }),
    )
    .min(1),
});
const referenceSchema = z.object({
  content: z.object({ text: z.string().optional() }).optional(),
  location: z.record(z.string(), z.unknown()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
const citationSchema = z.object({
  generatedResponsePart: z
    .object({ textResponsePart: z.object({ text: z.string().optional() }).optional() })
    .optional(),
  retrievedReferences: z.array(referenceSchema).default([]),
});

function uriOf(location: Record<string, unknown> | undefined): string {
  for (const value of Object.values(location ?? {})) {
    const uri = (value as { uri?: unknown } | null)?.uri;
    if (typeof uri === 'string') return uri;
  }
  return 'unknown';
}

/** Maps the agent's chunk attributions onto Scout's citation type. */
function toCitations(raw: unknown[]): AgentCitation[] {
  return raw.flatMap((item) => {
    const parsed = citationSchema.safeParse(item);
    if (!parsed.success) return [];
    return [
      {
        text: parsed.data.generatedResponsePart?.textResponsePart?.text ?? '',
        sources: parsed.data.retrievedReferences.map((ref) => {
          const source = uriOf(ref.location);
          const title =
            typeof ref.metadata?.title === 'string'
              ? ref.metadata.title
              : (source.split('/').pop() ?? source);
          return { title, source, excerpt: (ref.content?.text ?? '').slice(0, 300) };
        }),
      },
    ];
  });
}

async function* noEvents(): AsyncGenerator<never> {}

/**
 * Bedrock Agents with return of control: the agent's action group hands function calls back;
 * Scout runs them against its own warehouse and retriever and sends the results in the same
 * session. One session per Slack thread keeps the agent's memory aligned with the conversation.
 */
export function createBedrockAgent(
  client: BedrockAgentRuntimeClient,
  options: { agentId: string; agentAliasId: string; callTimeoutMs?: number },
): Agent {
  return {
    async invoke({ sessionId, text, returnResults, signal: questionSignal }): Promise<AgentTurn> {
      // One deadline per turn, over the request and its whole event stream.
      const signal = callSignal(questionSignal, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
      let response: InvokeAgentCommandOutput;
      try {
        const command = new InvokeAgentCommand({
          agentId: options.agentId,
          agentAliasId: options.agentAliasId,
          sessionId,
          inputText: text,
          enableTrace: true,
          ...(returnResults
            ? {
                sessionState: {
                  invocationId: returnResults.invocationId,
                  returnControlInvocationResults: returnResults.results.map((r) => ({
                    functionResult: {
                      actionGroup: r.actionGroup,
                      function: r.function,
                      responseBody: { TEXT: { body: r.body } },
                    },
                  })),
                },
              }
            : {}),
        });
        response = await raceAbort(client.send(command, { abortSignal: signal }), signal);
      } catch (error) {
        throw bedrockCallFailed('InvokeAgent', error, signal);
      }
      let answer = '';
      const citations: AgentCitation[] = [];
      let usage: AgentTurnUsage | undefined;
      const withUsage = () => (usage ? { usage } : {});
      try {
        for await (const event of untilAborted(response.completion ?? noEvents(), signal)) {
          const chunk = event.chunk as
            | { bytes?: Uint8Array; attribution?: { citations?: unknown[] } }
            | undefined;
          if (event.trace) usage = addTraceUsage(usage, event.trace);
          if (chunk?.bytes) answer += new TextDecoder().decode(chunk.bytes);
          if (chunk?.attribution?.citations) citations.push(...toCitations(chunk.attribution.citations));
          if (event.returnControl) {
            const control = returnControlSchema.parse(event.returnControl);
            const calls: AgentFunctionCall[] = control.invocationInputs.flatMap((input) =>
              input.functionInvocationInput
                ? [
                    {
                      actionGroup: input.functionInvocationInput.actionGroup,
                      function: input.functionInvocationInput.function,
                      parameters: Object.fromEntries(
                        input.functionInvocationInput.parameters.map((p) => [p.name, p.value]),
                      ),
                    },
                  ]
                : [],
            );
            return { kind: 'return_control', invocationId: control.invocationId, calls, ...withUsage() };
          }
        }
      } catch (error) {
        throw bedrockCallFailed('InvokeAgent stream', error, signal);
      }
      return { kind: 'final', text: answer, citations, ...withUsage() };
    },
  };
}
