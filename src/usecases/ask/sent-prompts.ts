import type { CompiledPrompt } from '../../llmops/prompt-template.ts';
import type { LlmCallMeta } from '../../ports.ts';

/**
 * The calls, each noting the versioned texts it carried besides its system prompt (tool
 * descriptions, a message's framing), so the answer record lists their hashes with the prompts.
 */
export function withSentPrompts(calls: LlmCallMeta[], sent: CompiledPrompt[]): LlmCallMeta[] {
  if (sent.length === 0) return calls;
  const refs = sent.map(({ id, version, hash }) => ({ id, version, hash }));
  return calls.map((call) => ({ ...call, sentPrompts: [...(call.sentPrompts ?? []), ...refs] }));
}
