import { findModelPrice } from '../pricing.ts';

/**
 * The most one question can cost on the model path, reserved before the call so concurrent
 * questions cannot together overshoot a budget. Deliberately high: every call on the dearest
 * model, every input token at the dearer of the input and cache-write prices, at two characters
 * per token (English runs near four), and every call using its whole output allowance.
 */
export function questionWorstCaseUsd(input: {
  modelIds: readonly string[];
  /** The longest system prompt (the semantic model as text) plus room for the question and context. */
  promptChars: number;
  maxOutputTokens: number;
  callsPerQuestion: number;
}): number {
  const inputTokens = Math.ceil(input.promptChars / 2);
  let worst = 0;
  for (const modelId of input.modelIds) {
    const price = findModelPrice(modelId);
    if (!price) continue;
    const inputPrice = Math.max(price.input, price.cacheWrite ?? 0, price.cacheWrite1h ?? 0);
    const perCall = (inputTokens * inputPrice + input.maxOutputTokens * price.output) / 1_000_000;
    worst = Math.max(worst, perCall);
  }
  return worst * input.callsPerQuestion;
}
