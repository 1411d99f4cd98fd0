import { MAX_SQL_CHARS } from '../domain/input-limits.ts';
import { runSql } from '../usecases/run-sql.ts';
import { parseArgs, UsageError } from './args.ts';
import { composeForCli } from './compose-for-cli.ts';
import type { CliDeps, CliIo } from './index.ts';
import { textTable } from './text-table.ts';

/** `scout sql [--json] "<SELECT …>"`: read-only SQL for analysts, through the same guard as generated SQL. */
export async function sqlCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { boolean: ['json'], value: [] });
  const sql = args.positionals.join(' ').trim();
  if (sql === '')
    throw new UsageError(
      'sql needs a statement, e.g. scout sql "SELECT channel, SUM(spend_usd) FROM ad_performance_daily GROUP BY 1"',
    );
  if (sql.length > MAX_SQL_CHARS)
    throw new UsageError(`the statement is ${sql.length} characters; at most ${MAX_SQL_CHARS} are accepted`);
  const analyst = await composeForCli(deps, io, { charts: false });
  try {
    const run = await runSql(analyst, sql);
    if (args.flags.has('json')) {
      io.out(
        JSON.stringify({
          sql: run.sql,
          columns: run.result.columns,
          rows: run.result.rows,
          limitAdded: run.limitAdded,
        }),
      );
    } else {
      const rows = run.result.rows.map((row) => row.map((v) => (v === null ? 'NULL' : String(v))));
      io.out(
        textTable(
          run.result.columns.map((c) => c.name),
          rows,
          200,
        ),
      );
      io.out(
        `(${rows.length} row${rows.length === 1 ? '' : 's'}${run.limitAdded ? `, limited to ${analyst.maxRows}` : ''}, ${Math.round(run.result.elapsedMs)} ms)`,
      );
    }
    return 0;
  } finally {
    await analyst.close();
  }
}
