import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { createModelGateway, type RawModelPorts } from '../llmops/gateway/gateway.ts';
import type { ModelGateway, ModelPorts } from '../llmops/gateway/types.ts';
import type { SpendGate } from '../llmops/ledger/spend-gate.ts';
import type { PromptRegistry } from '../llmops/prompt-registry.ts';
import type { Agent, Guardrail, Llm, LlmCallMeta, ModelTier, Retriever } from '../ports.ts';

const NOBODY = { user: null, channel: null, team: null };

/** Ports that open a fresh gateway scope per call, for callers without an answer of their own. */
export interface SharedModelPorts {
  llm: Llm;
  agent: Agent | null;
  guardrail: Guardrail | null;
  retriever: Retriever | null;
}

/**
 * The model gateway over the Bedrock adapters. `gateway` opens one answer's ports (ask does);
 * `shared()` gives ports for the callers that have no asker to hold budgets for (reports, the
 * pitch writer on the CLI): each of their calls is still guarded, routed, settled in the ledger
 * and audited, as its own scope.
 */
export function composeModelGateway(
  config: Config,
  options: {
    raw: RawModelPorts;
    spend: SpendGate | null;
    costOf: (call: LlmCallMeta) => number;
    prompts: PromptRegistry;
    agentModelId: string;
    logger: Logger;
  },
): { gateway: ModelGateway; shared: () => SharedModelPorts; drain: () => Promise<void> } {
  const gateway = createModelGateway({
    raw: options.raw,
    spend: options.spend,
    costOf: options.costOf,
    tierOf: (prompt) => promptTier(options.prompts, prompt),
    agentModelId: options.agentModelId,
    callTimeoutMs: config.env.BEDROCK_TIMEOUT_MS,
    onAudit: (event) => options.logger.info({ audit: event }, 'model call'),
  });
  let calls = 0;
  // Bookings of shared calls still on their way to the ledger; closing the runtime waits for them.
  const closing = new Set<Promise<void>>();
  async function through<T>(use: (ports: ModelPorts) => Promise<T> | undefined): Promise<T> {
    const ports = gateway.open({ answerId: `shared-${++calls}`, who: NOBODY });
    try {
      const used = use(ports);
      if (!used) throw new Error('the gateway has no such port');
      return await used;
    } finally {
      const closed = ports.close().then(
        () => {},
        (error: unknown) => options.logger.warn({ err: error }, 'model call not booked'),
      );
      closing.add(closed);
      void closed.finally(() => closing.delete(closed));
    }
  }
  const { raw } = options;
  return {
    gateway,
    shared: () => ({
      llm: {
        callTool: (request, validate) => through((p) => p.llm.callTool(request, validate)),
        streamText: (request, onDelta) => through((p) => p.llm.streamText(request, onDelta)),
      },
      agent: raw.agent ? { invoke: (input) => through((p) => p.agent?.invoke(input)) } : null,
      guardrail: raw.guardrail ? { assess: (input) => through((p) => p.guardrail?.assess(input)) } : null,
      retriever: raw.retriever ? { retrieve: (query) => through((p) => p.retriever?.retrieve(query)) } : null,
    }),
    drain: async () => {
      await Promise.all([...closing]);
    },
  };
}

function promptTier(prompts: PromptRegistry, prompt: { id: string; version: string }): ModelTier | undefined {
  try {
    return prompts.get(prompt.id, prompt.version).tier;
  } catch {
    // Not a registry prompt (a tool's description, the agent): the caller's tier stands.
    return undefined;
  }
}
