import { z } from 'zod';

/**
 * The eval gate against eval/baseline.json. A rate may fall at most RATE_TOLERANCE below its
 * baseline (or rise above it, for a rate that must stay low); a count (confident wrong answers,
 * model-path failures) may not move at all. The vitest gates in `npm test` stay exact; this is
 * the gate `npm run eval` prints, with the margin stated here.
 */
export const RATE_TOLERANCE = 0.005;
export const COUNT_TOLERANCE = 0;

const rate = z.number().min(0).max(1);
const fresh = z.record(
  z.string(),
  z.object({ executionAccuracy: rate, confidentWrong: z.number().int().min(0) }),
);
const kbFresh = z.record(
  z.string(),
  z.object({
    recallAt5: rate,
    citationPrecision: rate,
    unsupportedClaimRate: rate,
    citedExpectedRate: rate,
    notFoundPrecision: rate,
    notFoundRecall: rate,
  }),
);

export const baselineSchema = z
  .object({
    executionAccuracy: rate,
    clarifyPrecision: rate,
    clarifyRecall: rate,
    kbRecallAt5: rate,
    kbCitationPrecision: rate,
    kbUnsupportedClaimRate: rate,
    kbNotFoundRecall: rate,
    kbNotFoundPrecision: rate,
    kbCitedExpectedRate: rate,
    kbDevRecallAt5: rate.optional(),
    kbDevCitationPrecision: rate.optional(),
    kbDevUnsupportedClaimRate: rate.optional(),
    kbDevNotFoundRecall: rate.optional(),
    kbDevNotFoundPrecision: rate.optional(),
    kbDevCitedExpectedRate: rate.optional(),
    freshSets: fresh.default({}),
    kbFreshSets: kbFresh.default({}),
    pitch: z
      .object({
        minDrafted: z.number().int().min(0),
        mismatchedFacts: z.number().int(),
        untracedFigures: z.number().int(),
        ineligiblePrograms: z.number().int(),
        forbiddenClaims: z.number().int(),
        missingSections: z.number().int(),
      })
      .optional(),
    modelReplay: z.object({ executionAccuracy: rate, confidentWrong: z.number().int().min(0) }).optional(),
  })
  .passthrough();
export type Baseline = z.infer<typeof baselineSchema>;

/** One figure against its baseline. */
export interface GateCheck {
  set: string;
  figure: string;
  value: number;
  baseline: number;
  /** `higher`: the figure should stay at or above its baseline; `lower`: at or below. */
  better: 'higher' | 'lower';
  kind: 'rate' | 'count';
}

export function regressed(check: GateCheck): boolean {
  const tolerance = check.kind === 'rate' ? RATE_TOLERANCE : COUNT_TOLERANCE;
  // A hair of float noise never fails a gate; a question does (1/200 = 0.005 of a set).
  const epsilon = 1e-9;
  return check.better === 'higher'
    ? check.value < check.baseline - tolerance - epsilon
    : check.value > check.baseline + tolerance + epsilon;
}

/** The figures a set's run produced, by figure name (other fields of a report are ignored). */
export type SetFigures = Record<string, unknown>;

const figure = (f: SetFigures, name: string): number | undefined =>
  typeof f[name] === 'number' ? (f[name] as number) : undefined;

/** A check of one figure that should stay on the `better` side of its baseline; none when either is unknown. */
const gateOf =
  (better: GateCheck['better']) =>
  (
    set: string,
    figure: string,
    value: number | undefined,
    baseline: number | undefined,
    kind: GateCheck['kind'] = 'rate',
  ): GateCheck[] =>
    value === undefined || baseline === undefined ? [] : [{ set, figure, value, baseline, better, kind }];
const higher = gateOf('higher');
const lower = gateOf('lower');

/** The checks for one data question set (golden and held-out share the top-level figures). */
export function dataChecks(baseline: Baseline, set: string, f: SetFigures): GateCheck[] {
  const freshGate = baseline.freshSets[set];
  if (freshGate)
    return [
      ...higher(set, 'executionAccuracy', figure(f, 'executionAccuracy'), freshGate.executionAccuracy),
      ...lower(set, 'confidentWrong', figure(f, 'confidentWrong'), freshGate.confidentWrong, 'count'),
    ];
  if (set !== 'eval/golden.yml' && set !== 'eval/holdout.yml') return [];
  return [
    ...higher(set, 'executionAccuracy', figure(f, 'executionAccuracy'), baseline.executionAccuracy),
    ...higher(set, 'clarifyPrecision', figure(f, 'clarifyPrecision'), baseline.clarifyPrecision),
    ...higher(set, 'clarifyRecall', figure(f, 'clarifyRecall'), baseline.clarifyRecall),
  ];
}

/** The checks for one document set: kb-golden and kb-dev by their top-level keys, fresh sets by theirs. */
export function documentChecks(baseline: Baseline, set: string, f: SetFigures): GateCheck[] {
  const prefix = set === 'eval/kb-golden.yml' ? 'kb' : set === 'eval/kb-dev.yml' ? 'kbDev' : null;
  const b = baseline as Record<string, unknown>;
  const num = (key: string) => (typeof b[key] === 'number' ? (b[key] as number) : undefined);
  const gate = prefix
    ? {
        recallAt5: num(`${prefix}RecallAt5`),
        citationPrecision: num(`${prefix}CitationPrecision`),
        unsupportedClaimRate: num(`${prefix}UnsupportedClaimRate`),
        citedExpectedRate: num(`${prefix}CitedExpectedRate`),
        notFoundPrecision: num(`${prefix}NotFoundPrecision`),
        notFoundRecall: num(`${prefix}NotFoundRecall`),
      }
    : baseline.kbFreshSets[set];
  if (!gate) return [];
  return [
    ...higher(set, 'recallAt5', figure(f, 'recallAt5'), gate.recallAt5),
    ...higher(set, 'citationPrecision', figure(f, 'citationPrecision'), gate.citationPrecision),
    ...lower(set, 'unsupportedClaimRate', figure(f, 'unsupportedClaimRate'), gate.unsupportedClaimRate),
    ...higher(set, 'citedExpectedRate', figure(f, 'citedExpectedRate'), gate.citedExpectedRate),
    ...higher(set, 'notFoundPrecision', figure(f, 'notFoundPrecision'), gate.notFoundPrecision),
    ...higher(set, 'notFoundRecall', figure(f, 'notFoundRecall'), gate.notFoundRecall),
  ];
}

/** The pitch set: at least the drafted pitches of the baseline, and no defect count above it. */
export function pitchChecks(baseline: Baseline, set: string, f: SetFigures): GateCheck[] {
  const gate = baseline.pitch;
  if (!gate) return [];
  return [
    ...higher(set, 'drafted', figure(f, 'drafted'), gate.minDrafted, 'count'),
    ...(
      [
        'mismatchedFacts',
        'untracedFigures',
        'ineligiblePrograms',
        'forbiddenClaims',
        'missingSections',
      ] as const
    ).flatMap((k) => lower(set, k, figure(f, k), gate[k], 'count')),
  ];
}

/** The model path replayed through recorded Bedrock responses. */
export function modelReplayChecks(baseline: Baseline, set: string, f: SetFigures): GateCheck[] {
  const gate = baseline.modelReplay;
  if (!gate) return [];
  return [
    ...higher(set, 'executionAccuracy', figure(f, 'executionAccuracy'), gate.executionAccuracy),
    ...lower(set, 'confidentWrong', figure(f, 'confidentWrong'), gate.confidentWrong, 'count'),
  ];
}

/** One line per regression, e.g. `eval/golden.yml executionAccuracy 0.980 < baseline 1.000 - 0.005`. */
export function regressionLines(checks: readonly GateCheck[]): string[] {
  return checks.filter(regressed).map((c) => {
    const tolerance = c.kind === 'rate' ? RATE_TOLERANCE : COUNT_TOLERANCE;
    const fmt = (n: number) => (c.kind === 'rate' ? n.toFixed(3) : String(n));
    return c.better === 'higher'
      ? `${c.set} ${c.figure} ${fmt(c.value)} < baseline ${fmt(c.baseline)} - ${tolerance}`
      : `${c.set} ${c.figure} ${fmt(c.value)} > baseline ${fmt(c.baseline)} + ${tolerance}`;
  });
}
