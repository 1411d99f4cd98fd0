import { createRequire } from 'node:module';
import { ScoutError } from '../../errors.ts';
import {
  type DimensionDef,
  type MetricDef,
  type SemanticModelFile,
  semanticModelSchema,
} from './model-schema.ts';

/** The validated model plus the dimension values the warehouse actually holds. */
export interface SemanticModel {
  file: SemanticModelFile;
  metrics: Map<string, MetricDef>;
  dimensions: Map<string, DimensionDef>;
  /** Dimension name -> its known values, exactly as stored. */
  values: Map<string, string[]>;
  /** The span of the data's time column, ISO dates. */
  dataRange: { start: string; end: string };
}

// The YAML parser loads on the first parse: the compiled build reads the model precompiled to JSON
// (adapters/files/semantic-model-file.ts) and never needs it at start-up.
const requireModule = createRequire(import.meta.url);
function parseYaml(text: string): unknown {
  return (requireModule('yaml') as typeof import('yaml')).parse(text);
}

/** Parses and validates the YAML text of data/semantic-model.yml. */
export function parseSemanticModelFile(yamlText: string): SemanticModelFile {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (error) {
    throw new ScoutError('semantic_model_invalid', `semantic model is not valid YAML: ${String(error)}`, {
      cause: error,
    });
  }
  const parsed = semanticModelSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ScoutError('semantic_model_invalid', `semantic model is invalid: ${detail}`);
  }
  return parsed.data;
}

/**
 * Combines the file with what the warehouse holds. Aliases must name real values: a model that
 * maps "cars" onto a value the data does not have would answer with silent zeros.
 */
export function buildSemanticModel(
  file: SemanticModelFile,
  values: Map<string, string[]>,
  dataRange: { start: string; end: string },
): SemanticModel {
  for (const dim of file.dimensions) {
    const known = values.get(dim.name);
    if (!known)
      throw new ScoutError('semantic_model_invalid', `no known values loaded for dimension ${dim.name}`);
    const named = [...Object.keys(dim.aliases), ...Object.values(dim.groups).flat()];
    const missing = [...new Set(named)].filter((value) => !known.includes(value));
    if (missing.length > 0) {
      throw new ScoutError(
        'semantic_model_invalid',
        `dimension ${dim.name} has aliases or groups for values the warehouse does not hold: ${missing.join(', ')}`,
      );
    }
  }
  return {
    file,
    metrics: new Map(file.metrics.map((m) => [m.name, m])),
    dimensions: new Map(file.dimensions.map((d) => [d.name, d])),
    values,
    dataRange,
  };
}

/** Tables and columns generated or analyst SQL may read. */
export function sqlAllowlist(file: SemanticModelFile): Map<string, Set<string>> {
  return new Map(file.tables.map((t) => [t.name, new Set(t.columns)]));
}
