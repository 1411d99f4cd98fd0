import { isScoutError } from '../errors.ts';
import { draftPitch, type PitchRequest } from '../usecases/pitch/draft-pitch.ts';
import { buildPitchRecord } from '../usecases/pitch/pitch-record.ts';
import { emptyPitch, type PitchResult } from '../usecases/pitch/pitch-result.ts';
import { parseArgs, UsageError } from './args.ts';
import { composeForCli } from './compose-for-cli.ts';
import { composePitch, newPitchId } from './compose-pitch.ts';
import type { CliDeps, CliIo } from './index.ts';

const PROGRAM_ID = /^PRG-\d{2}$/i;
const MAX_GOAL_CHARS = 500;

/** Reads `pitch [--json] "<brand>" [--program PRG-xx] [--goal "<text>"]`; bad arguments are a UsageError. */
export function parsePitchArgs(argv: string[]): { json: boolean; request: PitchRequest } {
  const args = parseArgs(argv, { boolean: ['json'], value: ['program', 'goal'] });
  const brand = args.positionals.join(' ').trim();
  if (brand === '') throw new UsageError('pitch needs a brand, e.g. scout pitch "Harbourline Bank"');
  const program = args.flags.get('program');
  if (program !== undefined && (typeof program !== 'string' || !PROGRAM_ID.test(program.trim())))
    throw new UsageError(`--program must be a program id like PRG-02 (got "${String(program)}")`);
  const goal = args.flags.get('goal');
  if (typeof goal === 'string' && goal.length > MAX_GOAL_CHARS)
    throw new UsageError(`--goal is limited to ${MAX_GOAL_CHARS} characters`);
  return {
    json: args.flags.has('json'),
    request: {
      brand,
      program: typeof program === 'string' ? program.trim().toUpperCase() : null,
      goal: typeof goal === 'string' ? goal : null,
    },
  };
}

/** The pitch contract's JSON (ARCHITECTURE.md), plus the narrative, citations and stage timings. */
export function pitchJson(pitch: PitchResult) {
  return {
    status: pitch.status,
    answer: pitch.answer,
    brand: pitch.brand,
    program: pitch.program,
    sections: pitch.sections,
    objections: pitch.objections,
    facts: pitch.facts,
    eligibility: pitch.eligibility,
    checks: pitch.checks,
    id: pitch.id,
    suggestions: pitch.suggestions,
    narrative: pitch.narrative,
    citations: pitch.citations,
    prompts: pitch.promptVersions,
    engine: pitch.engine,
    degraded: pitch.degraded,
    timings: pitch.timings,
  };
}

function pitchText(pitch: PitchResult): string {
  const lines = [pitch.answer];
  if (pitch.status === 'clarify' && pitch.suggestions.length > 0) {
    const brand = pitch.brand;
    lines.push(
      '',
      'Try:',
      ...pitch.suggestions.map((s) =>
        brand ? `  scout pitch "${brand}" --program ${s}` : `  scout pitch "${s}"`,
      ),
    );
  }
  if (pitch.status !== 'drafted' && pitch.eligibility.length > 0) {
    lines.push('', 'Programs:');
    for (const e of pitch.eligibility)
      lines.push(
        `  ${e.program_id} ${e.eligible ? (e.qualifies ? 'eligible, qualifies' : 'eligible, does not qualify yet') : 'not eligible'}: ${e.reasons.join('; ')}`,
      );
  }
  if (pitch.checks.length > 0)
    lines.push(
      '',
      `Checks: ${pitch.checks.map((c) => `${c.agent} ${c.passed ? 'passed' : 'FAILED'}`).join(', ')}`,
    );
  for (const check of pitch.checks.filter((c) => !c.passed))
    lines.push(`  ${check.agent}:`, ...check.notes.map((note) => `    ${note}`));
  lines.push(
    `${pitch.facts.length} facts, each with its SQL or document (scout pitch --json) · pitch ${pitch.id}`,
  );
  return lines.join('\n');
}

/** `scout pitch`: exit 0 for drafted, clarify and refused; 1 for an error; 2 for bad arguments. */
export async function pitchCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const { json, request } = parsePitchArgs(argv);
  let analyst: Awaited<ReturnType<typeof composeForCli>>;
  try {
    analyst = await composeForCli(deps, io, { charts: false });
  } catch (error) {
    if (!json) throw error;
    const message = isScoutError(error) ? error.userMessage : String(error);
    io.out(JSON.stringify(pitchJson(emptyPitch(newPitchId(), 'error', message))));
    return 1;
  }
  try {
    const started = performance.now();
    const pitchDeps = composePitch(analyst);
    let pitch: PitchResult;
    try {
      pitch = await draftPitch(pitchDeps, {
        ...request,
        ...(json ? {} : { onStage: (s) => io.err(`… ${s}`) }),
      });
    } catch (error) {
      analyst.onError?.(pitchDeps.newId(), error);
      const message = isScoutError(error) ? error.userMessage : 'Scout could not draft this pitch.';
      pitch = {
        ...emptyPitch(newPitchId(), 'error', message),
        errorCode: isScoutError(error) ? error.code : 'internal',
      };
    }
    const record = buildPitchRecord(pitch, request, {
      surface: 'cli',
      ...(process.env.USER ? { cliUser: process.env.USER } : {}),
      latencyMs: performance.now() - started,
      createdAt: new Date(),
    });
    await deps.recordCliAnswer(deps.loadConfig(), record);
    io.out(json ? JSON.stringify(pitchJson(pitch)) : pitchText(pitch));
    return pitch.status === 'error' ? 1 : 0;
  } finally {
    await analyst.close();
  }
}
