import { describe, expect, it } from 'vitest';
import { composeGroundedAnswer } from '../../src/domain/documents/grounded-answer.ts';
import { notFoundMessage } from '../../src/domain/documents/messages.ts';
import { nameLikeWords } from '../../src/domain/documents/names.ts';
import type { Retriever } from '../../src/ports.ts';
import { ask } from '../../src/usecases/ask/ask.ts';
import { section } from '../fakes/kb-sections.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { fakeWarehouse } from '../fakes/port-fakes.ts';

/**
 * A name the knowledge base never mentions makes the answer "couldn't find", naming it: the
 * documents about the rest of the question (the market, the quarter, the industry) are about
 * someone else. Words the corpus lacks that are only phrasing do not block an answer.
 */

const asOf = '2025-12-31';

const taiwanNote = section(
  'MARKET-TW',
  'Size and growth',
  '- Taiwan spend was $6.10M in 2025, up 22% on 2024.\n- Taiwan ROAS was 3.41 in 2025, the third-highest of the eight markets.',
  { type: 'market-note', markets: ['Taiwan'], period: '2024-01-01/2025-12-31' },
  'Taiwan — market note',
);
const autoBrief = section(
  'BRIEF-AUTO-H2',
  'Headline KPIs',
  '- Automotive spend in H2 2025 was $8.37M, up 39% on H2 2024.\n- Automotive CTR in H2 2025 was 0.91%.',
  { type: 'industry-brief', industries: ['Automotive'], period: '2025-07-01/2025-12-31' },
  'Automotive — H2 2025 industry brief',
);

describe('nameLikeWords', () => {
  it.each([
    ['how are things going for vandelay motors in taiwan', ['vandelay']],
    ["initech's results in the second half", ['initech']],
    ['did Wonka spend more in Taiwan this year', ['wonka']],
    ['umbrella group cars h2 numbers', ['umbrella']],
  ])('reads a name in "%s"', (question, absent) => {
    expect(nameLikeWords(question, absent)).toEqual(absent);
  });

  it.each([
    ['are taiwan budgets going stale', ['stale']],
    ['Wonka results for Taiwan', ['wonka']],
    ['Is The Taiwan Market Tanking Or What', ['tanking']],
    ['any LNY uplift in taiwan', ['lny']],
  ])('leaves phrasing (or an unmarked first word) alone in "%s"', (question, absent) => {
    expect(nameLikeWords(question, absent)).toEqual([]);
  });
});

describe('a question about a name the corpus lacks', () => {
  it('is not answered from the note about the market it also names', () => {
    const question = "what was vandelay's roas in taiwan in 2025";
    const answer = composeGroundedAnswer(question, [taiwanNote], { asOf, absent: ['vandelay'] });
    expect(answer.found).toBe(false);
    expect(answer.unknownNames).toEqual(['vandelay']);
  });

  it('is not answered from the brief about the industry and half it also names', () => {
    const answer = composeGroundedAnswer("initech's automotive results in h2 2025", [autoBrief], {
      asOf,
      absent: ['initech'],
    });
    expect(answer.found).toBe(false);
  });

  it('still answers when the word the corpus lacks is only phrasing', () => {
    const answer = composeGroundedAnswer('is taiwan growth going stale', [taiwanNote], {
      asOf,
      absent: ['stale'],
    });
    expect(answer.found).toBe(true);
  });

  it('names the unknown name when it says "couldn\'t find"', () => {
    expect(notFoundMessage([{ title: 'Taiwan — market note' }], ['vandelay'])).toBe(
      "I couldn't find this in the knowledge base. No document mentions “vandelay”.",
    );
  });

  it('ask says the documents do not mention the name, without quoting the market note', async () => {
    // The corpus holds the Taiwan note only: a search for the name alone finds nothing about it.
    const retriever: Retriever = {
      retrieve: async ({ text }) => (/\btaiwan\b/i.test(text) ? [taiwanNote] : []),
    };
    const deps = offlineAskDeps({
      warehouse: fakeWarehouse([[1]] as never),
      allowlist: new Map(),
      retriever,
    });
    const answer = await ask(deps, 'what is the tone of voice guidance for Vandelay Industries in Taiwan');
    expect(answer.status).toBe('clarify');
    expect(answer.answer).toContain('No document mentions “vandelay”');
    expect(answer.citations ?? []).toHaveLength(0);
  });
});
