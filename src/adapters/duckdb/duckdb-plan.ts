import { z } from 'zod';

/** One operator of EXPLAIN (FORMAT JSON): its estimate lives in extra_info as a string. */
interface PlanNode {
  children?: PlanNode[];
  extra_info?: Record<string, unknown>;
}
const planNodeSchema: z.ZodType<PlanNode> = z.lazy(() =>
  z.object({
    children: z.array(planNodeSchema).optional(),
    extra_info: z.record(z.string(), z.unknown()).optional(),
  }),
);
const planSchema = z.array(planNodeSchema);

function largestEstimate(node: PlanNode): number {
  const own = Number(node.extra_info?.['Estimated Cardinality'] ?? 0);
  const children = (node.children ?? []).map(largestEstimate);
  return Math.max(Number.isFinite(own) ? own : 0, ...children);
}

/**
 * The largest intermediate result the optimizer expects, from EXPLAIN (FORMAT JSON) output.
 * An unreadable plan counts as infinitely large, so the bound fails closed.
 */
export function largestPlanEstimate(planJson: string): number {
  let value: unknown;
  try {
    value = JSON.parse(planJson);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  const parsed = planSchema.safeParse(value);
  if (!parsed.success) return Number.POSITIVE_INFINITY;
  return Math.max(0, ...parsed.data.map(largestEstimate));
}
