import type { AnswerRecord, DataVersion } from '../../domain/answer-record.ts';
import { metricQuerySchema } from '../../domain/metric-query.ts';
import type { SemanticModel } from '../../domain/semantic/semantic-model.ts';
import { compileMetricQuery } from '../../domain/sql/compile.ts';
import { guardSql } from '../../domain/sql/guard.ts';
import { toScoutError } from '../../errors.ts';
import type { CellValue, Warehouse } from '../../ports.ts';
import type { PromptRegistry } from '../prompt-registry.ts';

/** What a replay re-runs an answer on: today's semantic model, warehouse, prompts and documents. */
export interface ReplayDeps {
  semanticModel: SemanticModel;
  warehouse: Warehouse;
  allowlist: Map<string, Set<string>>;
  maxRows: number;
  queryTimeoutMs: number;
  asOf: string;
  prompts: PromptRegistry;
  /** Values of prompt variables a replay can rebuild (the semantic model text, the as-of date). */
  promptValues: Record<string, string>;
  /** A document's text by the source an answer cited; undefined when it is gone. */
  documentText: (source: string) => string | undefined;
  dataVersion: DataVersion | null;
  /** The model ids configured now (the replay never calls a model). */
  models: string[];
}

/** One part of the answer, as recorded and as replayed; `same` is null where it cannot be told. */
export interface ReplayPart {
  part: string;
  recorded: unknown;
  replayed: unknown;
  same: boolean | null;
  note?: string;
}

export interface ReplayReport {
  id: string;
  /** False when any part differs. */
  same: boolean;
  parts: ReplayPart[];
}

const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** The SQL the recorded query compiles to today (or the recorded model-written SQL, as it ran). */
function replaySql(deps: ReplayDeps, record: AnswerRecord): { part: ReplayPart; sql: string | null } {
  if (record.query === undefined) {
    const part = { part: 'sql', recorded: record.sql ?? null, replayed: record.sql ?? null, same: true };
    return {
      part: { ...part, note: record.sql ? 'no metric query: the recorded SQL re-runs as it was' : 'no SQL' },
      sql: record.sql ?? null,
    };
  }
  try {
    const query = metricQuerySchema.parse(record.query);
    const compiled = compileMetricQuery(query, deps.semanticModel, {
      dialect: deps.warehouse.dialect,
      asOf: deps.asOf,
      maxRows: deps.maxRows,
    });
    const sql = guardSql(compiled.sql, { allowlist: deps.allowlist, maxRows: deps.maxRows }).sql;
    const same = record.sql !== undefined && squash(sql) === squash(record.sql);
    return { part: { part: 'sql', recorded: record.sql ?? null, replayed: sql, same }, sql };
  } catch (error) {
    const message = toScoutError(error).message;
    return {
      part: {
        part: 'sql',
        recorded: record.sql ?? null,
        replayed: null,
        same: false,
        note: `the recorded query no longer compiles: ${message}`,
      },
      sql: null,
    };
  }
}

const cellText = (value: unknown) => (typeof value === 'bigint' ? value.toString() : JSON.stringify(value));

/** The cells that differ between the recorded rows and the replayed ones (first ten). */
function figureChanges(recorded: readonly unknown[][], replayed: readonly CellValue[][]) {
  const changes: { row: number; column: number; recorded: string; replayed: string }[] = [];
  for (let r = 0; r < recorded.length && changes.length < 10; r++) {
    const before = recorded[r] ?? [];
    const after = replayed[r] ?? [];
    for (let c = 0; c < Math.max(before.length, after.length) && changes.length < 10; c++) {
      const [a, b] = [cellText(before[c]), cellText(after[c])];
      if (a !== b) changes.push({ row: r, column: c, recorded: a, replayed: b });
    }
  }
  return changes;
}

async function replayRows(deps: ReplayDeps, record: AnswerRecord, sql: string | null): Promise<ReplayPart[]> {
  if (sql === null) return [];
  try {
    const result = await deps.warehouse.query(sql, { timeoutMs: deps.queryTimeoutMs });
    const parts: ReplayPart[] = [
      {
        part: 'row_count',
        recorded: record.rowCount ?? null,
        replayed: result.rows.length,
        same: record.rowCount === undefined ? null : record.rowCount === result.rows.length,
      },
    ];
    if (record.rows) {
      // Values as JSON would store them: the same normalisation the record went through.
      const replayed = JSON.parse(
        JSON.stringify(result.rows.slice(0, record.rows.length), (_k, v) =>
          typeof v === 'bigint' ? Number(v) : v,
        ),
      ) as CellValue[][];
      const changes = figureChanges(record.rows, replayed);
      parts.push({
        part: 'figures',
        recorded: `${record.rows.length} rows kept`,
        replayed: changes.length === 0 ? 'the same' : changes,
        same: changes.length === 0,
      });
    } else {
      parts.push({
        part: 'figures',
        recorded: null,
        replayed: null,
        same: null,
        note: 'the record kept no rows (made before rows were recorded)',
      });
    }
    return parts;
  } catch (error) {
    return [
      {
        part: 'row_count',
        recorded: record.rowCount ?? null,
        replayed: null,
        same: false,
        note: `the SQL failed: ${toScoutError(error).message}`,
      },
    ];
  }
}

/** Each recorded prompt (id@version#hash) against today's file: gone, changed, or the same text. */
function replayPrompts(deps: ReplayDeps, record: AnswerRecord): ReplayPart[] {
  return record.promptVersions.map((entry) => {
    const [id = '', rest = ''] = entry.split('@');
    const [version = '', hash = ''] = rest.split('#');
    const part = `prompt:${id}`;
    let template: ReturnType<PromptRegistry['get']>;
    try {
      template = deps.prompts.get(id, version);
    } catch {
      return {
        part,
        recorded: `${version}#${hash}`,
        replayed: null,
        same: false,
        note: 'that version is no longer in prompts/',
      };
    }
    const known = template.variables.every((name) => Object.hasOwn(deps.promptValues, name));
    if (!known)
      return {
        part,
        recorded: `${version}#${hash}`,
        replayed: `${version}`,
        same: null,
        note: 'rendered with per-request values the record does not keep: version present',
      };
    const values = Object.fromEntries(
      template.variables.map((name) => [name, deps.promptValues[name] ?? '']),
    );
    const rendered = template.render(values);
    return {
      part,
      recorded: `${version}#${hash}`,
      replayed: `${version}#${rendered.hash}`,
      same: rendered.hash === hash,
    };
  });
}

function replaySources(deps: ReplayDeps, record: AnswerRecord): ReplayPart[] {
  return record.sources
    .filter((s) => !s.source.startsWith('query:'))
    .map((s) => {
      const text = deps.documentText(s.source);
      const excerpt = squash(s.excerpt ?? '').slice(0, 80);
      const found = text !== undefined && (excerpt === '' || squash(text).includes(excerpt));
      const replayed =
        text === undefined ? 'document gone' : found ? 'excerpt still there' : 'document changed';
      return { part: `source:${s.source}`, recorded: s.title, replayed, same: found };
    });
}

function replayData(deps: ReplayDeps, record: AnswerRecord): ReplayPart {
  const same =
    record.dataVersion && deps.dataVersion
      ? JSON.stringify(record.dataVersion) === JSON.stringify(deps.dataVersion)
      : null;
  return { part: 'data_version', recorded: record.dataVersion ?? null, replayed: deps.dataVersion, same };
}

function replayModels(deps: ReplayDeps, record: AnswerRecord): ReplayPart[] {
  if (record.modelIds.length === 0) return [];
  const same = record.modelIds.every((id) => deps.models.includes(id));
  return [
    {
      part: 'models',
      recorded: record.modelIds,
      replayed: deps.models,
      same,
      note: 'offline replay: models are compared, never called',
    },
  ];
}

/**
 * Re-runs an answer from its record, offline: the recorded metric query compiled with today's
 * semantic model, its SQL run on today's warehouse, its prompts and documents checked against
 * today's files, its data version and models against today's. Nothing is called but the warehouse.
 */
export async function replayAnswer(deps: ReplayDeps, record: AnswerRecord): Promise<ReplayReport> {
  const { part: sqlPart, sql } = replaySql(deps, record);
  const parts = [
    replayData(deps, record),
    sqlPart,
    ...(await replayRows(deps, record, sql)),
    ...replayPrompts(deps, record),
    ...replaySources(deps, record),
    ...replayModels(deps, record),
  ];
  return { id: record.id, same: parts.every((p) => p.same !== false), parts };
}
