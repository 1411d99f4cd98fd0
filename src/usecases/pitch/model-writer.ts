import { z } from 'zod';
import type { Fact } from '../../domain/pitch/facts.ts';
import type { PitchDraft, SentenceCheck } from '../../domain/pitch/offline-writer.ts';
import { SECTION_KEYS, type SectionKey, type StoryFramework } from '../../domain/pitch/story.ts';
import type { PromptTemplate } from '../../llmops/prompt-template.ts';
import type { Llm, LlmCallMeta, LlmTool, ToolValidation } from '../../ports.ts';

/** The Bedrock generator: the Llm port and its prompt; absent on the embedded offline default. */
export interface PitchModel {
  llm: Llm;
  writer: PromptTemplate;
  costOf: (call: LlmCallMeta) => number;
}

const pitchToolSchema = z.strictObject({
  sections: z
    .array(z.strictObject({ key: z.enum(SECTION_KEYS), text: z.string().trim().min(1).max(1500) }))
    .length(SECTION_KEYS.length)
    .refine((s) => new Set(s.map((x) => x.key)).size === SECTION_KEYS.length, 'each section exactly once'),
  objections: z
    .array(
      z.strictObject({
        objection: z.string().trim().min(1).max(300),
        response: z.string().trim().min(1).max(600),
      }),
    )
    .length(3),
});
type PitchToolInput = z.infer<typeof pitchToolSchema>;

const WRITE_PITCH: LlmTool = {
  name: 'write_pitch',
  description: 'Return the pitch: five sections and three objections with responses.',
  inputSchema: {
    type: 'object',
    required: ['sections', 'objections'],
    properties: {
      sections: {
        type: 'array',
        items: {
          type: 'object',
          required: ['key', 'text'],
          properties: { key: { type: 'string', enum: [...SECTION_KEYS] }, text: { type: 'string' } },
        },
      },
      objections: {
        type: 'array',
        items: {
          type: 'object',
          required: ['objection', 'response'],
          properties: { objection: { type: 'string' }, response: { type: 'string' } },
        },
      },
    },
  },
};

function validate(input: unknown): ToolValidation<PitchToolInput> {
  const parsed = pitchToolSchema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

export const sentencesOf = (text: string) =>
  text
    .split(/(?<=[.!?])\s+(?=[A-Z"(])/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Every sentence the checks reject, with why. */
function rejected(value: PitchToolInput, check: SentenceCheck): PitchDraft['dropped'] {
  const texts = [
    ...value.sections.map((s) => s.text),
    ...value.objections.flatMap((o) => [o.objection, o.response]),
  ];
  return texts.flatMap(sentencesOf).flatMap((sentence) => {
    const problems = check(sentence);
    return problems.length > 0 ? [{ sentence, problems }] : [];
  });
}

/**
 * The model writes the pitch from the facts only (structured output, zod-validated). Sentences a
 * check rejects get one repair turn that quotes each problem; what still fails stays in, so the
 * whole-pitch checks refuse to deliver it.
 */
export async function writeModelPitch(
  model: PitchModel,
  input: {
    brand: string;
    program: string;
    framework: StoryFramework;
    /** The section headings, filled. */
    headings: Record<SectionKey, string>;
    facts: Fact[];
    rules: string;
    check: SentenceCheck;
  },
): Promise<{
  draft: PitchDraft;
  calls: LlmCallMeta[];
  prompt: { id: string; version: string; hash: string };
}> {
  const { framework } = input;
  const frameworkText = SECTION_KEYS.map(
    (k) => `${k} (${framework.headings[k]}): ${framework.sections[k].join(' ')}`,
  )
    .concat(framework.objections.map((o) => `objection: ${o.objection} => ${o.response}`))
    .join('\n');
  const prompt = model.writer.render({
    brand: input.brand,
    program: input.program,
    narrative: framework.narrative,
    framework: frameworkText,
    facts_json: JSON.stringify(input.facts.map((f) => ({ id: f.id, label: f.label, display: f.display }))),
    rules: input.rules,
  });
  const request = {
    tier: prompt.tier,
    system: { id: prompt.id, version: prompt.version, hash: prompt.hash, text: prompt.text },
    cacheSystem: true,
    tool: WRITE_PITCH,
    maxTokens: 2000,
  };
  const ask = `Write the pitch for ${input.brand} now.`;
  const first = await model.llm.callTool({ ...request, messages: [{ role: 'user', text: ask }] }, validate);
  const calls = [...first.calls];
  let value = first.value;
  const problems = rejected(value, input.check);
  if (problems.length > 0) {
    const repair = await model.llm.callTool(
      {
        ...request,
        messages: [
          { role: 'user', text: ask },
          { role: 'assistant', text: JSON.stringify(value) },
          {
            role: 'user',
            text: `These sentences fail Scout's checks; rewrite them (or leave them out) and return the whole pitch again:\n${problems.map((p) => `- "${p.sentence}": ${p.problems.join('; ')}`).join('\n')}`,
          },
        ],
      },
      validate,
    );
    calls.push(...repair.calls);
    value = repair.value;
  }
  const byKey = new Map(value.sections.map((s) => [s.key, s.text]));
  return {
    draft: {
      sections: SECTION_KEYS.flatMap((key) => {
        const text = byKey.get(key) ?? '';
        return text ? [{ key, heading: input.headings[key], text }] : [];
      }),
      objections: value.objections,
      dropped: problems,
    },
    calls,
    prompt: { id: prompt.id, version: prompt.version, hash: prompt.hash },
  };
}
