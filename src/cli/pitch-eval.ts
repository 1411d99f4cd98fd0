import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { AnalystDeps } from '../compose/types.ts';
import { parsePitchGoldenSet } from '../llmops/eval/pitch-golden-set.ts';
import { type PitchEvalReport, runPitchEval } from '../llmops/eval/run-pitch-eval.ts';
import { draftPitch } from '../usecases/pitch/draft-pitch.ts';
import { composePitch } from './compose-pitch.ts';

/** Quoted phrases in a document's "never" / "may not" bullets, read here independently of the pipeline. */
export function neverPhrases(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const phrases: string[] = [];
  let inSection = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('## ')) inSection = /never|may not/i.test(line);
    if (!line.startsWith('- ') || !(inSection || /\bnever\b/i.test(line))) continue;
    for (const m of line.matchAll(/"([^"]{2,60})"/g)) {
      const phrase = m[1] ?? '';
      if (/\s|[/-]/.test(phrase) || phrase.length > 4) phrases.push(phrase);
    }
  }
  return phrases;
}

/** The brand-guidelines document that names the brand in its front matter, if any. */
export function guidelinesFor(kb: string, brand: string): string | null {
  const dir = resolve(kb, 'brand-guidelines');
  for (const file of readdirSync(dir)) {
    const text = readFileSync(resolve(dir, file), 'utf8');
    const front = parseYaml(text.split('---')[1] ?? '') as { brands?: string[] };
    if (front.brands?.includes(brand)) return resolve(dir, file);
  }
  return null;
}

/** The pitch golden set end to end on the analyst: every fact recomputed, every rule checked. */
export async function runPitchSet(
  analyst: AnalystDeps,
  projectRoot: string,
  set: string,
): Promise<PitchEvalReport> {
  const kb = resolve(projectRoot, 'data/kb');
  const items = parsePitchGoldenSet(readFileSync(resolve(projectRoot, set), 'utf8'));
  const deps = composePitch(analyst);
  const programs = await analyst.warehouse.query('SELECT program_id, name FROM programs ORDER BY 1');
  const house = neverPhrases(resolve(kb, 'pitch-style/house-pitch-style.md'));
  return runPitchEval(
    {
      pitch: (item) =>
        draftPitch(
          { ...deps, asOf: item.as_of ?? deps.asOf },
          { brand: item.brand, program: item.program ?? null, goal: item.goal ?? null },
        ),
      recompute: async (sql) => (await analyst.warehouse.query(sql)).rows[0]?.[0],
      forbidden: (brand) => {
        const own = guidelinesFor(kb, brand);
        return [...house, ...(own ? neverPhrases(own) : [])];
      },
      hasGuidelines: (brand) => guidelinesFor(kb, brand) !== null,
      programs: programs.rows.map(([id, name]) => ({ id: String(id), name: String(name) })),
    },
    items,
  );
}
