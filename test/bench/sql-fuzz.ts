/**
 * The larger fuzz run of the SQL guard (npm test runs a fixed 1 000 cases). Prints cases run,
 * accepted, rejected and any violation; exits non-zero if the guard accepted a statement whose
 * DuckDB parse reads a table or function off the allowlist.
 *   SCOUT_FUZZ_CASES (default 20 000), SCOUT_FUZZ_SEED (default: a new one, printed).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlAllowlist } from '../../src/domain/semantic/semantic-model.ts';
import { runGuardFuzz } from '../fixtures/sql-fuzz.ts';
import { testModel } from '../fixtures/test-model.ts';

const cases = Number(process.env.SCOUT_FUZZ_CASES ?? 20_000);
const seed = Number(process.env.SCOUT_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const parser = await DuckDBInstance.create(':memory:');
const connection = await parser.connect();
const stats = await runGuardFuzz({
  seed,
  cases,
  allowlist: sqlAllowlist(testModel().file),
  serialize: async (sql) =>
    String(
      (await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql])).getRowsJson()[0]?.[0],
    ),
});
connection.closeSync();
parser.closeSync();

console.log('\n## SQL guard fuzz');
console.log(`seed ${seed}: ${stats.cases} cases in ${(stats.ms / 1000).toFixed(1)} s`);
console.log(`accepted ${stats.accepted}, rejected ${stats.rejected}`);
console.log(
  `of the accepted: ${stats.engineCannotParse} DuckDB cannot parse, ${stats.refusedByEngineCheck} also refused by the warehouse's engine check`,
);
console.log(
  `violations (accepted, but DuckDB's parse reads a table or function off the allowlist): ${stats.violations.length}`,
);
for (const violation of stats.violations.slice(0, 10))
  console.log(`  ${violation.problems.join('; ')}: ${violation.sql}`);
if (stats.violations.length > 0) process.exitCode = 1;
