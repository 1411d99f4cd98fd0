import { ApplyGuardrailCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { z } from 'zod';
import type { Guardrail, GuardrailVerdict } from '../../ports.ts';
import { bedrockCallFailed } from './bedrock-errors.ts';
import { callSignal, DEFAULT_CALL_TIMEOUT_MS, raceAbort } from './deadlines.ts';

const responseSchema = z.object({
  action: z.string(),
  outputs: z.array(z.object({ text: z.string().optional() })).default([]),
  assessments: z.array(z.unknown()).default([]),
});

/**
 * ApplyGuardrail on user input before any model call and on model output before posting. With
 * a grounding source and query, the contextual grounding check runs too.
 */
export function createBedrockGuardrail(
  client: BedrockRuntimeClient,
  guardrail: { id: string; version: string },
  options: { callTimeoutMs?: number } = {},
): Guardrail {
  return {
    async assess({
      source,
      text,
      groundingSource,
      query,
      signal: questionSignal,
    }): Promise<GuardrailVerdict> {
      const signal = callSignal(questionSignal, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
      const content = [
        ...(groundingSource
          ? [{ text: { text: groundingSource, qualifiers: ['grounding_source' as const] } }]
          : []),
        ...(query ? [{ text: { text: query, qualifiers: ['query' as const] } }] : []),
        { text: { text, qualifiers: ['guard_content' as const] } },
      ];
      let raw: unknown;
      try {
        const command = new ApplyGuardrailCommand({
          guardrailIdentifier: guardrail.id,
          guardrailVersion: guardrail.version,
          source,
          content,
        });
        raw = await raceAbort(client.send(command, { abortSignal: signal }), signal);
      } catch (error) {
        throw bedrockCallFailed('ApplyGuardrail', error, signal);
      }
      const parsed = responseSchema.parse(raw);
      const intervened = parsed.action === 'GUARDRAIL_INTERVENED';
      const outputText = parsed.outputs
        .map((o) => o.text ?? '')
        .join('\n')
        .trim();
      return {
        intervened,
        ...(intervened && outputText ? { outputText } : {}),
        guardrail,
        assessments: parsed.assessments,
      };
    },
  };
}
