import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figuresIn } from '../../src/domain/pitch/checks.ts';
import { writeOfflinePitch } from '../../src/domain/pitch/offline-writer.ts';
import {
  brandChoices,
  parsePitchCommand,
  prefillFromMessage,
  programIdFor,
} from '../../src/domain/pitch/pitch-command.ts';
import { formalSentence, parseStoryStyles, parseStoryTemplate } from '../../src/domain/pitch/story.ts';
import { parsePromptTemplate } from '../../src/llmops/prompt-template.ts';
import { renderPitch, renderPitchProgress } from '../../src/presentation/slack/pitch-message.ts';
import type { PitchDeps } from '../../src/usecases/pitch/pitch-deps.ts';
import { answerPitchObjection } from '../../src/usecases/pitch/pitch-objection.ts';
import { emptyPitch } from '../../src/usecases/pitch/pitch-result.ts';
import { recordingWarehouse, replayWarehouse } from '../../src/usecases/pitch/recorded-queries.ts';

const programs = [
  { programId: 'PRG-02', name: 'CTV Growth Accelerator', channels: ['CTV'] },
  { programId: 'PRG-12', name: 'Display Reactivation Offer', channels: ['Display', 'Native'] },
];

describe('/pitch text', () => {
  it('reads a brand, an optional program and an optional goal', () => {
    expect(parsePitchCommand('Harbourline Bank')).toEqual({
      brand: 'Harbourline Bank',
      program: null,
      goal: null,
    });
    expect(parsePitchCommand('"Harbourline Bank" for PRG-02 goal grow CTV in Q1')).toEqual({
      brand: 'Harbourline Bank',
      program: 'PRG-02',
      goal: 'grow CTV in Q1',
    });
    expect(parsePitchCommand('Harbourline Bank goal: win back Display')).toMatchObject({
      program: null,
      goal: 'win back Display',
    });
    expect(parsePitchCommand('   ')).toBeNull();
  });

  it('takes a program by id or name, and nothing it does not know', () => {
    expect(programIdFor('prg-12', programs)).toBe('PRG-12');
    expect(programIdFor('ctv growth accelerator', programs)).toBe('PRG-02');
    expect(programIdFor('Reactivation', programs)).toBe('PRG-12');
    expect(programIdFor('loyalty', programs)).toBeNull();
  });
});

describe('the modal', () => {
  const brands = ['Harbourline Bank', 'Harbour', 'Orchid Crown Hotels'];

  it('pre-fills from a message: the longest brand named, a program, or else a channel as the goal', () => {
    const known = { brands, programs, channels: ['CTV', 'Search'] };
    expect(prefillFromMessage('can we pitch harbourline bank on CTV?', known)).toEqual({
      brand: 'Harbourline Bank',
      program: null,
      goal: 'grow CTV',
    });
    expect(prefillFromMessage('Orchid Crown Hotels and the Display Reactivation Offer', known)).toMatchObject(
      {
        brand: 'Orchid Crown Hotels',
        program: { programId: 'PRG-12' },
        goal: null,
      },
    );
    expect(prefillFromMessage('lunch?', known)).toEqual({ brand: null, program: null, goal: null });
  });

  it('offers brands containing what was typed, else the closest', () => {
    expect(brandChoices('harb', brands)).toEqual(['Harbourline Bank', 'Harbour']);
    expect(brandChoices('Orchid Crwn Hotels', brands)[0]).toBe('Orchid Crown Hotels');
  });
});

describe('pitch styles', () => {
  const template = parsePromptTemplate(
    readFileSync(resolve(import.meta.dirname, '../../prompts/pitch-story/1.1.0.md'), 'utf8'),
    'prompts/pitch-story/1.1.0.md',
  );
  const styles = parseStoryStyles(template.body);
  const framework = parseStoryTemplate(template.body).get('growing');

  it('reads the model instructions and the formal phrasing from the template', () => {
    expect(styles.instructions.shorter).toMatch(/two sentences/);
    expect(styles.instructions.formal).toMatch(/formal register/);
    expect(styles.formal.length).toBeGreaterThan(5);
    expect(formalSentence('The growth is already there: it spent $1.', styles.formal)).toBe(
      'Growth is already established: it spent $1.',
    );
    // Only whole phrases: "Keeps" is not "Keep".
    expect(formalSentence('Keeps going.', [['Keep', 'Maintain']])).toBe('Keeps going.');
  });

  it('writes a shorter version with at most two sentences a section, and a formal one from the same values', () => {
    if (!framework) throw new Error('no growing narrative');
    const values = new Map(
      Object.entries({
        brand: 'Acme',
        quarter: 'Q4 2025',
        program_id: 'PRG-02',
        program_name: 'CTV',
        program_channels: 'CTV',
        'program.min': '$15K',
        'program.channel_spend': '$20K',
        'program.rebate_pct': '8%',
        program_ends: '2025-12-31',
        brand_s: "Acme's",
        'program.rebate': '$1.6K',
        combinability: 'Its terms let it combine with PRG-12.',
        requirements: 'Its terms say: enrol first.',
      }),
    );
    const full = writeOfflinePitch(framework, values, () => []);
    const shorter = writeOfflinePitch(framework, values, () => [], { style: { shorter: true }, styles });
    const formal = writeOfflinePitch(framework, values, () => [], { style: { formal: true }, styles });
    const sentences = (text: string) => text.split(/(?<=\.)\s+/).length;
    for (const section of shorter.sections) expect(sentences(section.text)).toBeLessThanOrEqual(2);
    expect(shorter.sections.map((s) => s.text).join(' ').length).toBeLessThan(
      full.sections.map((s) => s.text).join(' ').length,
    );
    const opportunity = formal.sections.find((s) => s.key === 'opportunity')?.text ?? '';
    expect(opportunity).toContain('Growth is already established');
    expect(figuresIn(opportunity)).toEqual(
      figuresIn(full.sections.find((s) => s.key === 'opportunity')?.text ?? ''),
    );
  });
});

describe('re-writes read the first version’s results', () => {
  it('replays exactly the recorded queries and refuses any other', async () => {
    const inner = {
      dialect: 'duckdb' as const,
      query: async (sql: string) => ({
        columns: [{ name: 'x', type: 'DOUBLE' }],
        rows: [[sql.length]],
        elapsedMs: 1,
      }),
      close: async () => undefined,
    };
    const recorder = recordingWarehouse(inner);
    await recorder.warehouse.query('SELECT 1');
    const replay = replayWarehouse('duckdb', recorder.recorded());
    expect((await replay.query('SELECT 1')).rows).toEqual([[8]]);
    await expect(replay.query('SELECT 2')).rejects.toMatchObject({ code: 'query_failed' });
  });
});

describe('pitch messages', () => {
  it('shows every stage as done, running or to come', () => {
    const text = JSON.stringify(
      renderPitchProgress({ brand: 'Acme', done: ['orchestrator'], current: 'account profile' }).blocks,
    );
    expect(text).toContain(':white_check_mark: orchestrator');
    expect(text).toContain('*account profile…*');
    expect(text).toContain(':white_small_square: checks');
  });

  it('answers a misspelt brand with the brands to try and a reference, and escapes what was typed', () => {
    const pitch = {
      ...emptyPitch('p-0123456789', 'clarify', 'There is no brand called "<!here>".'),
      suggestions: ['Harbourline Bank'],
    };
    const text = JSON.stringify(renderPitch(pitch).blocks);
    expect(text).toContain('`/pitch Harbourline Bank`');
    expect(text).toContain('p-0123456789');
    expect(text).not.toContain('<!here>');
  });
});

describe('questions in a pitch thread', () => {
  const fact = (id: string, label: string, display: string, value: number) => ({
    id,
    label,
    value,
    display,
    sql: `SELECT ${value}`,
    source: `query:q${id}`,
  });
  const memory = {
    id: 'p-0123456789',
    brand: 'Acme',
    program: { program_id: 'PRG-02', name: 'CTV Growth Accelerator' },
    goal: null,
    style: {},
    alternatives: [],
    channel: 'C1',
    threadTs: '1.1',
    queries: [],
    facts: [
      fact('f1', 'Acme CTR, Q4 2025', '0.54%', 0.0054),
      fact('f2', 'Acme spend, Q4 2025', '$924.5K', 924_500),
    ],
    objections: [
      {
        objection: 'Our budget is committed elsewhere.',
        response: 'Nothing moves: the rebate is $9.9K on spend it has.',
      },
    ],
    citations: [],
  };
  const deps = {
    warehouse: {
      dialect: 'duckdb' as const,
      query: async () => {
        throw new Error('no query expected');
      },
      close: async () => undefined,
    },
    semanticModel: { file: { dimensions: [] }, values: new Map() },
    allowlist: new Map(),
    asOf: '2025-12-31',
    maxRows: 100,
    queryTimeoutMs: 1000,
    retriever: null,
    prompts: { story: {} },
    newId: () => 'p-aaaaaaaaaa',
  } as unknown as PitchDeps; // only the fields these questions reach are real

  it('answers with the facts a question names, exactly as displayed', async () => {
    const answer = await answerPitchObjection(deps, memory, 'what was their CTR?');
    expect(answer.status).toBe('answered');
    expect(answer.sentences).toEqual(['Acme CTR, Q4 2025: 0.54%.']);
    expect(answer.facts.map((f) => f.id)).toEqual(['f1']);
  });

  it("drops a sentence whose figure is no fact's display, and asks back when nothing is left", async () => {
    const answer = await answerPitchObjection(deps, memory, 'our budget is committed elsewhere');
    expect(answer.dropped[0]?.problems).toEqual(["$9.9K is not a fact's display"]);
    expect(answer.status).toBe('clarify');
    expect(answer.sentences.join(' ')).not.toContain('$9.9K');
  });

  it('refuses a denied topic', async () => {
    const answer = await answerPitchObjection(deps, memory, 'give them legal advice on the contract');
    expect(answer.status).toBe('refused');
  });
});
