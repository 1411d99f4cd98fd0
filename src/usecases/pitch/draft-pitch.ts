import {
  brandViolations,
  type CheckResult,
  figuresIn,
  guardrailViolations,
  ruleViolations,
  untracedFigures,
} from '../../domain/pitch/checks.ts';
import { createFactBook } from '../../domain/pitch/facts.ts';
import {
  type PitchDraft,
  renderPitchMarkdown,
  writeOfflinePitch,
} from '../../domain/pitch/offline-writer.ts';
import { quarterContaining } from '../../domain/pitch/program-fit.ts';
import { resolveBrand } from '../../domain/pitch/resolve-brand.ts';
import {
  chooseNarrative,
  fillTemplate,
  type PitchStyle,
  parseStoryStyles,
  parseStoryTemplate,
  SECTION_KEYS,
  type SectionKey,
} from '../../domain/pitch/story.ts';
import { isScoutError } from '../../errors.ts';
import type { LlmCallMeta } from '../../ports.ts';
import { buildAccountProfile, readBrands } from './account-profile.ts';
import { type PitchModel, writeModelPitch } from './model-writer.ts';
import { pitchCard } from './pitch-card.ts';
import type { PitchDeps } from './pitch-deps.ts';
import { readPitchDocuments } from './pitch-documents.ts';
import { emptyPitch, type PitchResult } from './pitch-result.ts';
import { pitchValues, unearnedDisplays } from './pitch-values.ts';
import { alternativesTo, chooseProgram, fitPrograms, type ProgramFit, readPrograms } from './program-fit.ts';

export interface PitchRequest {
  brand: string;
  /** A program id such as PRG-02; absent: Scout picks the eligible program that fits best. */
  program?: string | null;
  goal?: string | null;
  /** A shorter or more formal version (the generator only; the facts are the same). */
  style?: PitchStyle;
  /** Stage names as they start, for progress ("profile", "program fit", …). */
  onStage?: (stage: string) => void;
}

/** Longest pitch body we deliver (words over all sections): a pitch is read on a phone. */
export const MAX_PITCH_WORDS = 450;

/** Runs a stage once more when it failed on something transient (a query timeout, a throttled call). */
async function stage<T>(
  name: string,
  request: PitchRequest,
  timings: Record<string, number>,
  run: () => Promise<T>,
): Promise<T> {
  request.onStage?.(name);
  const started = performance.now();
  try {
    return await run();
  } catch (error) {
    if (!isScoutError(error) || !error.retryable) throw error;
    return await run();
  } finally {
    timings[name] = Math.round(performance.now() - started);
  }
}

/**
 * The generator: the model when one is configured, else (or when it fails) the deterministic
 * templates — degraded, and said so on the record.
 */
async function generate(
  deps: PitchDeps,
  input: Omit<Parameters<typeof writeModelPitch>[1], never> & { offline: () => PitchDraft },
): Promise<{
  draft: PitchDraft;
  engine: 'offline' | 'model';
  degraded: boolean;
  calls: LlmCallMeta[];
  prompt: string | null;
}> {
  const model: PitchModel | null = deps.generator ?? null;
  if (!model) return { draft: input.offline(), engine: 'offline', degraded: false, calls: [], prompt: null };
  try {
    const written = await writeModelPitch(model, input);
    const { id, version, hash } = written.prompt;
    return {
      draft: written.draft,
      engine: 'model',
      degraded: false,
      calls: written.calls,
      prompt: `${id}@${version}#${hash}`,
    };
  } catch (error) {
    if (!isScoutError(error)) throw error;
    return { draft: input.offline(), engine: 'offline', degraded: true, calls: [], prompt: null };
  }
}

function eligibilityOf(fits: ProgramFit[]): PitchResult['eligibility'] {
  return fits.map((f) => ({
    program_id: f.program.programId,
    eligible: f.eligible,
    qualifies: f.qualifies,
    reasons: f.reasons,
  }));
}

/**
 * The pitch pipeline: validate the request, profile the account, fit the programs by the rules,
 * pick the story, write the pitch from facts only, check it, and deliver it only when every check
 * passed.
 */
export async function draftPitch(deps: PitchDeps, request: PitchRequest): Promise<PitchResult> {
  const id = deps.newId();
  const timings: Record<string, number> = {};
  const goal = request.goal?.trim() ?? '';
  const deniedGoal = guardrailViolations(goal);
  if (deniedGoal.length > 0) {
    const result = emptyPitch(
      id,
      'refused',
      `Scout drafts no pitch that asks for ${deniedGoal.join(' or ')}.`,
    );
    result.checks = [
      { agent: 'guardrail', passed: false, notes: deniedGoal.map((t) => `the goal asks for ${t}`) },
    ];
    return result;
  }

  const brands = await stage('orchestrator', request, timings, () => readBrands(deps));
  const match = resolveBrand(
    request.brand,
    brands.map((b) => b.brand),
  );
  if (match.kind === 'unknown') {
    const result = emptyPitch(
      id,
      'clarify',
      `There is no brand called "${request.brand.trim()}" in the brands table. Did you mean ${match.suggestions.map((s) => `"${s}"`).join(', ')}?`,
    );
    result.suggestions = match.suggestions;
    return result;
  }
  const brand = brands.find((b) => b.brand === match.brand) ?? brands[0]!;
  const requested = request.program ? request.program.trim().toUpperCase() : null;

  const quarter = quarterContaining(deps.asOf);
  const book = createFactBook();
  const profile = await stage('account profile', request, timings, () =>
    buildAccountProfile(deps, brand, quarter, book),
  );
  // One stage: reading the programs is part of fitting them (one progress line, one timing).
  const fits = await stage('program fit', request, timings, async () =>
    fitPrograms(deps, await readPrograms(deps), brand, quarter, book),
  );
  const eligibility = eligibilityOf(fits);
  const base = (status: PitchResult['status'], answer: string): PitchResult => ({
    ...emptyPitch(id, status, answer),
    brand: brand.brand,
    facts: book.all(),
    eligibility,
    timings,
  });

  if (requested && !fits.some((f) => f.program.programId === requested)) {
    const result = base(
      'clarify',
      `There is no program ${requested}. The programs open to ${brand.brand} are listed below.`,
    );
    result.suggestions = fits.filter((f) => f.eligible).map((f) => f.program.programId);
    return result;
  }
  const requestedFit = requested ? fits.find((f) => f.program.programId === requested) : undefined;
  if (requestedFit && (!requestedFit.eligible || !requestedFit.recommendable)) {
    const result = base(
      'clarify',
      `${requested} ${requestedFit.program.name} cannot be pitched to ${brand.brand}: ${requestedFit.reasons.filter((r) => / not |ended|starts|limit|count only/.test(r)).join('; ')}.`,
    );
    result.suggestions = fits.filter((f) => f.eligible && f.recommendable).map((f) => f.program.programId);
    return result;
  }
  const fit = chooseProgram(fits, requested);
  if (!fit) {
    return base(
      'refused',
      `No partner program is open to ${brand.brand} (${brand.industry}, ${brand.tier}) on ${deps.asOf}, so there is nothing to pitch; the eligibility list says why for each program.`,
    );
  }

  const docs = await stage('documents', request, timings, () =>
    readPitchDocuments(deps, {
      brand: brand.brand,
      brands: brands.map((b) => b.brand),
      programId: fit.program.programId,
    }),
  );
  request.onStage?.('story framework');
  const frameworks = parseStoryTemplate(deps.prompts.story.body);
  const styles = parseStoryStyles(deps.prompts.story.body);
  const style = request.style ?? {};
  const narrative = chooseNarrative({
    programChannelSpend: fit.channelSpendUsd,
    qualifies: fit.qualifies,
    spendChangeYear: book.get('spend.change_year')?.value ?? null,
  });
  const framework = frameworks.get(narrative)!;
  const story = deps.prompts.story;

  request.onStage?.('generator');
  const started = performance.now();
  const values = pitchValues({ profile, fit, fits, docs, book });
  const displays = new Set(book.all().map((f) => f.display));
  const programRules = {
    programs: fits.map((f) => ({ id: f.program.programId, name: f.program.name, eligible: f.eligible })),
    program: {
      id: fit.program.programId,
      starts: fit.program.starts,
      ends: fit.program.ends,
      rebate: fit.facts.get('rebate_pct')?.display ?? null,
      bonus: fit.facts.get('bonus_pct')?.display ?? null,
    },
    unearned: unearnedDisplays(fit, book),
  };
  const competitors = docs.brandRules.competitors;
  const sentenceProblems = (sentence: string) => [
    ...untracedFigures(sentence, displays).map((f) => `${f} is not a fact's display`),
    ...brandViolations(sentence, docs.brandRules),
    ...ruleViolations(sentence, programRules),
    ...guardrailViolations(sentence, competitors),
  ];
  const headings = Object.fromEntries(
    SECTION_KEYS.map((k) => [k, fillTemplate(framework.headings[k], values) ?? framework.headings[k]]),
  ) as Record<SectionKey, string>;
  const generated = await generate(deps, {
    brand: brand.brand,
    program: `${fit.program.programId} ${fit.program.name}`,
    framework,
    headings,
    facts: book.all(),
    rules: [
      `Claims never to make: ${docs.brandRules.forbidden.map((c) => `"${c.phrase}"`).join(', ')}; name no competitor.`,
      ...(style.shorter ? [styles.instructions.shorter] : []),
      ...(style.formal ? [styles.instructions.formal] : []),
    ]
      .filter(Boolean)
      .join(' '),
    check: sentenceProblems,
    offline: () => writeOfflinePitch(framework, values, sentenceProblems, { style, styles }),
  });
  const draft = generated.draft;
  timings.generator = Math.round(performance.now() - started);

  request.onStage?.('checks');
  const title = `${brand.brand}: ${fit.program.programId} ${fit.program.name}`;
  const answer = renderPitchMarkdown({
    title,
    // The goal is shown only without figures of its own: a number in the pitch must be a fact.
    subtitle: `${brand.industry} · ${brand.tier} · ${quarter.label} · as of ${deps.asOf}${goal && figuresIn(goal).length === 0 ? ` · goal: ${goal}` : ''}`,
    sections: draft.sections,
    objections: draft.objections,
    sources: docs.citations.map((c) => c.source),
    engine:
      generated.engine === 'model'
        ? `model ${[...new Set(generated.calls.map((c) => c.modelId))].join(', ')}`
        : 'offline engine',
  });
  const body = [
    ...draft.sections.map((s) => s.text),
    ...draft.objections.flatMap((o) => [o.objection, o.response]),
  ].join(' ');
  const words = body.split(/\s+/).filter(Boolean).length;
  const missing = SECTION_KEYS.filter((k) => !draft.sections.some((s) => s.key === k));
  const untraced = untracedFigures(answer, displays);
  const problems = {
    reviewer: [
      ...(untraced.length ? [`figures that are no fact's display: ${untraced.join(', ')}`] : []),
      ...(missing.length ? [`missing sections: ${missing.join(', ')}`] : []),
      ...(draft.objections.length < 3
        ? [`only ${draft.objections.length} of the objections could be written`]
        : []),
      ...(words > MAX_PITCH_WORDS ? [`${words} words, more than ${MAX_PITCH_WORDS}`] : []),
    ],
    brand: [
      ...(docs.houseStyle ? [] : ['the house pitch style guide (PITCH-HOUSE-STYLE) was not found']),
      ...brandViolations(answer, docs.brandRules),
    ],
    rules: [
      ...(fit.eligible ? [] : [`${fit.program.programId} is not eligible`]),
      ...ruleViolations(answer, programRules),
    ],
    guardrail: guardrailViolations(answer, competitors),
  };
  const checks: CheckResult[] = [
    {
      agent: 'reviewer',
      passed: problems.reviewer.length === 0,
      notes: [
        `${figuresIn(answer).length} figures, each a fact's display unless listed below`,
        `${draft.sections.length} of ${SECTION_KEYS.length} sections, ${draft.objections.length} objections, ${words} words`,
        ...problems.reviewer,
        ...draft.dropped.map(
          (d) =>
            `${generated.engine === 'model' ? 'sent back for repair' : 'dropped'} "${d.sentence}": ${d.problems.join('; ')}`,
        ),
      ],
    },
    {
      agent: 'brand',
      passed: problems.brand.length === 0,
      notes: [
        docs.guidelines
          ? `advertiser guidelines applied: ${docs.guidelines}`
          : `no brand guidelines on file for ${brand.brand}`,
        `${docs.brandRules.forbidden.length} forbidden claims and ${competitors.length} competitor names checked`,
        ...problems.brand,
      ],
    },
    {
      agent: 'rules',
      passed: problems.rules.length === 0,
      notes: [
        `${fit.program.programId} is eligible${fit.qualifies ? ' and qualifies' : ' and does not qualify yet'}`,
        ...problems.rules,
      ],
    },
    {
      agent: 'guardrail',
      passed: problems.guardrail.length === 0,
      notes: [
        'denied topics: legal advice, financial advice, competitor comparisons; word filter',
        ...problems.guardrail,
      ],
    },
  ];
  const failed = checks.filter((c) => !c.passed);
  const promptVersions = [
    `${story.id}@${story.version}#${story.templateHash}`,
    ...(generated.prompt ? [generated.prompt] : []),
  ];
  const common = {
    engine: generated.engine,
    degraded: generated.degraded,
    llmCalls: generated.calls,
    costUsd: generated.calls.reduce((n, c) => n + (deps.generator?.costOf(c) ?? 0), 0),
    program: { program_id: fit.program.programId, name: fit.program.name },
    narrative,
    citations: docs.citations,
    checks,
    promptVersions,
    alternatives: alternativesTo(fit, fits),
    style,
  };
  if (failed.length > 0) {
    const reviewerOnly = failed.every((c) => c.agent === 'reviewer');
    return {
      ...base(
        reviewerOnly ? 'error' : 'refused',
        // The problems quote figures that are not facts; they stay in `checks`, out of the answer.
        `Scout did not deliver this pitch for ${brand.brand}: the ${failed.map((c) => c.agent).join(' and ')} check${failed.length > 1 ? 's' : ''} failed; the checks list says why.`,
      ),
      ...common,
      ...(reviewerOnly ? { errorCode: 'pitch_incomplete' } : {}),
    };
  }
  return {
    ...base('drafted', answer),
    ...common,
    sections: draft.sections.map((s) => ({ heading: s.heading, text: s.text })),
    objections: draft.objections,
    ...pitchCard({ profile, fit, book }),
  };
}
