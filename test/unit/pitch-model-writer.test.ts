import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { untracedFigures } from '../../src/domain/pitch/checks.ts';
import type { Fact } from '../../src/domain/pitch/facts.ts';
import { parseStoryTemplate } from '../../src/domain/pitch/story.ts';
import { parsePromptTemplate } from '../../src/llmops/prompt-template.ts';
import { writeModelPitch } from '../../src/usecases/pitch/model-writer.ts';
import { scriptedLlm } from '../fakes/port-fakes.ts';

const read = (path: string) => readFileSync(resolve(import.meta.dirname, '../..', path), 'utf8');
const writer = parsePromptTemplate(read('prompts/pitch-writer/1.0.0.md'), 'prompts/pitch-writer/1.0.0.md');
const framework = parseStoryTemplate(
  parsePromptTemplate(read('prompts/pitch-story/1.0.0.md'), 'prompts/pitch-story/1.0.0.md').body,
).get('growing');
if (!framework) throw new Error('no growing narrative');

const facts: Fact[] = [
  { id: 'f1', label: 'spend', value: 84568.57, display: '$84.6K', sql: 'SELECT 1', source: 'query:q1' },
  { id: 'f2', label: 'rebate', value: 8, display: '8%', sql: 'SELECT 8', source: 'query:q2' },
];
const displays = new Set(facts.map((f) => f.display));
const check = (sentence: string) =>
  untracedFigures(sentence, displays).map((f) => `${f} is not a fact's display`);
const headings = { situation: 'S', opportunity: 'O', program: 'P', proof: 'R', next_step: 'N' };

function pitch(situation: string) {
  return {
    sections: [
      { key: 'situation', text: situation },
      { key: 'opportunity', text: 'There is room to grow on CTV.' },
      { key: 'program', text: 'The program pays an 8% rebate.' },
      { key: 'proof', text: 'Their own CTV spend shows it.' },
      { key: 'next_step', text: 'Enrol this quarter.' },
    ],
    objections: [
      { objection: 'Too expensive?', response: 'It pays on spend they already plan.' },
      { objection: 'Why now?', response: 'The quarter is open.' },
      { objection: 'What does it take?', response: 'The minimum in the terms.' },
    ],
  };
}

const input = {
  brand: 'Harbourline Bank',
  program: 'PRG-02 CTV Growth Accelerator',
  framework,
  headings,
  facts,
  rules: 'none',
  check,
};

describe('the Bedrock pitch generator behind the Llm port', () => {
  it('writes the pitch through the write_pitch tool from the facts, in one call when every sentence passes', async () => {
    const { llm, requests } = scriptedLlm([pitch('Harbourline Bank spent $84.6K in Q4 2025.')]);
    const result = await writeModelPitch({ llm, writer, costOf: () => 0 }, input);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.tool?.name).toBe('write_pitch');
    expect(requests[0]?.system.text).toContain('"display":"$84.6K"');
    expect(result.draft.sections.map((s) => s.key)).toEqual([
      'situation',
      'opportunity',
      'program',
      'proof',
      'next_step',
    ]);
    expect(result.prompt).toMatchObject({ id: 'pitch-writer', version: '1.0.0' });
  });

  it('gives a sentence with an untraced figure exactly one repair turn that quotes the problem', async () => {
    const { llm, requests } = scriptedLlm([
      pitch('Harbourline Bank spent $84,568 in Q4 2025.'),
      pitch('Harbourline Bank spent $84.6K in Q4 2025.'),
    ]);
    const result = await writeModelPitch({ llm, writer, costOf: () => 0 }, input);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.messages.at(-1)?.text).toMatch(/\$84,568 is not a fact's display/);
    expect(result.draft.sections[0]?.text).toBe('Harbourline Bank spent $84.6K in Q4 2025.');
  });

  it('keeps what still fails after the repair, so the whole-pitch checks refuse to deliver it', async () => {
    const bad = pitch('Harbourline Bank spent $84,568 in Q4 2025.');
    const { llm, requests } = scriptedLlm([bad, bad]);
    const result = await writeModelPitch({ llm, writer, costOf: () => 0 }, input);
    expect(requests).toHaveLength(2);
    expect(untracedFigures(result.draft.sections[0]?.text ?? '', displays)).toEqual(['$84,568']);
  });

  it('rejects output that is not the pitch shape', async () => {
    const { llm } = scriptedLlm([{ sections: [], objections: [] }]);
    await expect(writeModelPitch({ llm, writer, costOf: () => 0 }, input)).rejects.toMatchObject({
      code: 'llm_invalid_output',
    });
  });
});
