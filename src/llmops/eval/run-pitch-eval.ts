import { escapeRegExp } from '../../domain/parser/text.ts';
import { figuresIn } from '../../domain/pitch/checks.ts';
import type { CellValue } from '../../ports.ts';
import type { PitchResult } from '../../usecases/pitch/pitch-result.ts';
import type { PitchGoldenItem } from './pitch-golden-set.ts';

export interface PitchEvalDeps {
  pitch(item: PitchGoldenItem): Promise<PitchResult>;
  /** Runs a fact's SQL on the warehouse and returns the first column of the first row. */
  recompute(sql: string): Promise<CellValue | undefined>;
  /** Phrases that must never appear in a pitch for this brand (house style and its own guidelines). */
  forbidden(brand: string): string[];
  /** Whether the brand has guidelines in the knowledge base. */
  hasGuidelines(brand: string): boolean;
  programs: { id: string; name: string }[];
}

export interface PitchEvalCase {
  id: string;
  brand: string;
  status: string;
  program: string | null;
  facts: number;
  /** Facts whose SQL did not return their value. */
  mismatched: string[];
  untraced: string[];
  ineligible: string[];
  forbidden: string[];
  missing: string[];
  /** What the golden item expected and the pitch did not do. */
  misses: string[];
  latencyMs: number;
}

export interface PitchEvalReport {
  cases: PitchEvalCase[];
  drafted: number;
  facts: number;
  mismatchedFacts: number;
  untracedFigures: number;
  ineligiblePrograms: number;
  forbiddenClaims: number;
  missingSections: number;
  expectationMisses: number;
}

const SECTION_COUNT = 5;
const sameNumber = (a: number, b: number) => Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-9);

async function scoreDrafted(deps: PitchEvalDeps, pitch: PitchResult) {
  const mismatched: string[] = [];
  await Promise.all(
    pitch.facts.map(async (fact) => {
      if (fact.sql === null) {
        if (!/^data\/kb\/.+#.+/.test(fact.source))
          mismatched.push(`${fact.id} has neither SQL nor a document source`);
        return;
      }
      const cell = await deps.recompute(fact.sql);
      if (typeof cell !== 'number' || !sameNumber(cell, fact.value))
        mismatched.push(`${fact.id} ${fact.label}: SQL returns ${String(cell)}, fact says ${fact.value}`);
    }),
  );
  const displays = new Set(pitch.facts.map((f) => f.display));
  const untraced = figuresIn(pitch.answer).filter((figure) => !displays.has(figure));
  const eligible = new Set(pitch.eligibility.filter((e) => e.eligible).map((e) => e.program_id));
  const ineligible: string[] = [];
  if (pitch.program && !eligible.has(pitch.program.program_id)) ineligible.push(pitch.program.program_id);
  for (const p of deps.programs) {
    if (eligible.has(p.id)) continue;
    if (new RegExp(`\\b${p.id}\\b|${escapeRegExp(p.name)}`, 'i').test(pitch.answer))
      ineligible.push(`${p.id} named`);
  }
  const forbidden = deps
    .forbidden(pitch.brand ?? '')
    .filter((phrase) => new RegExp(`(?<![\\w-])${escapeRegExp(phrase)}(?![\\w-])`, 'i').test(pitch.answer));
  const missing: string[] = [];
  if (pitch.sections.length !== SECTION_COUNT)
    missing.push(`${pitch.sections.length} of ${SECTION_COUNT} sections`);
  for (const s of pitch.sections)
    if (!s.heading || !s.text || !pitch.answer.includes(s.text)) missing.push(`section "${s.heading}"`);
  if (pitch.objections.length !== 3) missing.push(`${pitch.objections.length} objections`);
  if (pitch.checks.some((c) => !c.passed)) missing.push('a delivered pitch with a failed check');
  return { mismatched, untraced, ineligible, forbidden, missing };
}

function expectationMisses(item: PitchGoldenItem, pitch: PitchResult, deps: PitchEvalDeps): string[] {
  const misses: string[] = [];
  const want = item.expect;
  if (pitch.status !== want.status)
    misses.push(`status ${pitch.status}, expected ${want.status}: ${pitch.answer.slice(0, 160)}`);
  if (want.program !== undefined && (pitch.program?.program_id ?? null) !== want.program)
    misses.push(`program ${pitch.program?.program_id ?? null}, expected ${want.program}`);
  if (want.narrative && pitch.narrative !== want.narrative)
    misses.push(`narrative ${pitch.narrative}, expected ${want.narrative}`);
  if (want.qualifies !== undefined) {
    const entry = pitch.eligibility.find((e) => e.program_id === pitch.program?.program_id);
    if (entry?.qualifies !== want.qualifies)
      misses.push(`qualifies ${entry?.qualifies}, expected ${want.qualifies}`);
  }
  if (want.guidelines) {
    const applied = pitch.checks
      .find((c) => c.agent === 'brand')
      ?.notes.some((n) => n.startsWith('advertiser guidelines applied'));
    if (!deps.hasGuidelines(item.brand) || !applied) misses.push('the brand guidelines were not applied');
  }
  if (want.suggestion && pitch.suggestions[0] !== want.suggestion)
    misses.push(`first suggestion ${pitch.suggestions[0]}, expected ${want.suggestion}`);
  if (pitch.eligibility.length > 0 && pitch.eligibility.length !== deps.programs.length)
    misses.push(`eligibility lists ${pitch.eligibility.length} of ${deps.programs.length} programs`);
  return misses;
}

/** Runs the pitch golden set: every drafted pitch is traced figure by figure and fact by fact. */
export async function runPitchEval(deps: PitchEvalDeps, items: PitchGoldenItem[]): Promise<PitchEvalReport> {
  const cases: PitchEvalCase[] = [];
  for (const item of items) {
    const started = performance.now();
    const pitch = await deps.pitch(item);
    const latencyMs = performance.now() - started;
    const scored =
      pitch.status === 'drafted'
        ? await scoreDrafted(deps, pitch)
        : { mismatched: [], untraced: [], ineligible: [], forbidden: [], missing: [] };
    cases.push({
      id: item.id,
      brand: item.brand,
      status: pitch.status,
      program: pitch.program?.program_id ?? null,
      facts: pitch.facts.length,
      ...scored,
      misses: expectationMisses(item, pitch, deps),
      latencyMs,
    });
  }
  const sum = (pick: (c: PitchEvalCase) => number) => cases.reduce((n, c) => n + pick(c), 0);
  return {
    cases,
    drafted: cases.filter((c) => c.status === 'drafted').length,
    facts: sum((c) => c.facts),
    mismatchedFacts: sum((c) => c.mismatched.length),
    untracedFigures: sum((c) => c.untraced.length),
    ineligiblePrograms: sum((c) => c.ineligible.length),
    forbiddenClaims: sum((c) => c.forbidden.length),
    missingSections: sum((c) => c.missing.length),
    expectationMisses: sum((c) => c.misses.length),
  };
}
