import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DuckDBConnection, DuckDBInstance, type DuckDBType } from '@duckdb/node-api';
import { z } from 'zod';

/**
 * A local fake of Amazon Athena on 127.0.0.1 for integration tests that point the real
 * `AthenaClient` at it via `endpoint`. It speaks the AWS JSON 1.1 protocol the SDK uses
 * (POST /, `X-Amz-Target: AmazonAthena.<Operation>`, errors as HTTP 400/500 with `__type` and
 * `x-amzn-ErrorType`, timestamps as epoch seconds), so the SDK's serialization, error parsing
 * and retries run for real. Queries run for real on a read-only DuckDB connection, with the
 * few Trino behaviours Scout's compiler relies on emulated (see TRINO_EMULATION).
 */

export type FakeAthenaOperation =
  | 'StartQueryExecution'
  | 'GetQueryExecution'
  | 'GetQueryResults'
  | 'StopQueryExecution';

type PendingState = 'QUEUED' | 'RUNNING';
type State = PendingState | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface FakeAthenaScript {
  /** Next query: GetQueryExecution answers QUEUED this many times, then RUNNING `pollsRunning` times. */
  pollsQueued?: number;
  pollsRunning?: number;
  /** Next query: an explicit pre-terminal sequence instead, e.g. RUNNING → QUEUED → RUNNING. */
  states?: PendingState[];
  /** Next query stays RUNNING until StopQueryExecution. */
  hang?: boolean;
  /** Next query ends FAILED with this reason instead of running. */
  fail?: { reason: string; errorType?: number; retryable?: boolean };
  /** Next query reports this many bytes scanned instead of the estimate. */
  dataScannedInBytes?: number;
  /** The next N requests (of `throttleOperation`, or of any operation) get ThrottlingException. */
  throttleNext?: number;
  throttleOperation?: FakeAthenaOperation;
  /** The next request of this operation fails with this error (e.g. AccessDeniedException, 403). */
  errorNext?: { operation: FakeAthenaOperation; type: string; status?: number; message?: string };
  /** The next response to this operation is `{}` (or a QueryExecution without Status). */
  malformedNext?: FakeAthenaOperation;
}

export interface FakeAthenaCall {
  operation: string;
  input: Record<string, unknown>;
  /** HTTP status answered and the error type, null on success. */
  status: number;
  error: string | null;
  /** The SDK's `amz-sdk-request` header (`attempt=1; max=3`): shows retries. */
  attempt: string | null;
  at: number;
}

export interface FakeAthena {
  /** Endpoint for the client, e.g. http://127.0.0.1:PORT */
  url: string;
  calls: FakeAthenaCall[];
  callsTo(operation: FakeAthenaOperation): FakeAthenaCall[];
  script(script: FakeAthenaScript): void;
  /** The state of an execution as the fake sees it, or null when unknown. */
  stateOf(queryExecutionId: string): State | null;
  /** The bytes the fake reports for this SQL when it scans (its deterministic estimate). */
  estimateBytes(sql: string): number;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeAthenaOptions {
  duckdbPath: string;
  /** Serve at most this many rows per GetQueryResults page, below the client's MaxResults. */
  pageSizeCap?: number;
  /** Workgroups that exist; others get InvalidRequestException. Default ['primary', 'scout']. */
  workGroups?: string[];
}

/**
 * Trino behaviours the compiled SQL relies on, emulated on DuckDB. Temp macros shadow the
 * built-ins of the same name (only for the argument counts given): `date_add(unit, n, date)`
 * exists only in Trino, and Trino's `date_trunc` on a DATE yields a DATE where DuckDB gives a
 * TIMESTAMP (the fake assumes DATE input: the compiler truncates date columns only).
 * `integer_division` makes `/` on integers truncate, as in Trino.
 */
const TRINO_EMULATION = [
  `CREATE TEMP MACRO date_add(unit, n, d) AS CAST(CASE lower(unit)
     WHEN 'day' THEN d + to_days(CAST(n AS INTEGER)) WHEN 'week' THEN d + to_weeks(CAST(n AS INTEGER))
     WHEN 'month' THEN d + to_months(CAST(n AS INTEGER)) WHEN 'quarter' THEN d + to_months(3 * CAST(n AS INTEGER))
     WHEN 'year' THEN d + to_years(CAST(n AS INTEGER)) END AS DATE)`,
  'CREATE TEMP MACRO date_trunc(unit, d) AS CAST(datetrunc(unit, d) AS DATE)',
  'SET integer_division = true',
  'SET enable_external_access = false',
  'SET lock_configuration = true',
];

const JSON_11 = 'application/x-amz-json-1.1';
const MAX_QUERY_BYTES = 262_144;

interface AthenaColumn {
  Name: string;
  Type: string;
  Precision: number;
  Scale: number;
}

type Outcome =
  | { ok: true; columns: AthenaColumn[]; rows: (string | null)[][]; engineMs: number }
  | { ok: false; message: string };

interface Execution {
  id: string;
  token: string;
  sql: string;
  workGroup: string;
  database: string;
  catalog: string;
  outputLocation: string;
  reuse: { Enabled: boolean; MaxAgeInMinutes?: number | undefined } | null;
  submittedAt: number;
  completedAt: number | null;
  pending: PendingState[];
  polls: number;
  hang: boolean;
  fail: FakeAthenaScript['fail'] | null;
  state: State;
  reason: string | null;
  athenaError: { ErrorCategory: number; ErrorType: number; Retryable: boolean; ErrorMessage: string } | null;
  outcome: Outcome | null;
  bytes: number;
  reused: boolean;
}

/** An Athena error answer: `__type` and the `x-amzn-ErrorType` header carry the type. */
class AthenaFault extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const invalid = (message: string) =>
  new AthenaFault('InvalidRequestException', message, 400, { AthenaErrorCode: 'INVALID_INPUT' });

const startInput = z.object({
  QueryString: z.string().min(1),
  ClientRequestToken: z.string().min(32).max(128).optional(),
  WorkGroup: z.string().optional(),
  QueryExecutionContext: z
    .object({ Database: z.string().optional(), Catalog: z.string().optional() })
    .optional(),
  ResultConfiguration: z.object({ OutputLocation: z.string().optional() }).optional(),
  ResultReuseConfiguration: z
    .object({
      ResultReuseByAgeConfiguration: z
        .object({ Enabled: z.boolean(), MaxAgeInMinutes: z.number().int().min(0).max(10_080).optional() })
        .optional(),
    })
    .optional(),
});
const idInput = z.object({ QueryExecutionId: z.string().min(1) });
const resultsInput = idInput.extend({
  MaxResults: z.number().int().min(1).max(1000).optional(),
  NextToken: z.string().optional(),
});

export async function startFakeAthena(options: FakeAthenaOptions): Promise<FakeAthena> {
  const instance = await DuckDBInstance.create(options.duckdbPath, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  const tables = await tableSizes(connection);
  for (const statement of TRINO_EMULATION) await connection.run(statement);
  const workGroups = new Set(options.workGroups ?? ['primary', 'scout']);

  const calls: FakeAthenaCall[] = [];
  const executions = new Map<string, Execution>();
  const byToken = new Map<string, string>();
  let nextQuery: FakeAthenaScript = {};
  let throttle = { left: 0, operation: undefined as FakeAthenaOperation | undefined };
  let errorNext: FakeAthenaScript['errorNext'] | null = null;
  let malformedNext: FakeAthenaOperation | null = null;

  // One connection (temp macros are per connection); DuckDB work runs one query at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const estimateBytes = (sql: string) => {
    let bytes = 0;
    for (const t of tables) {
      // A columnar-ish guess: 2 bytes per value of every column of every table the SQL names.
      if (new RegExp(`\\b${t.name}\\b`, 'i').test(sql)) bytes += t.rows * t.columns * 2;
    }
    return bytes;
  };

  function startQuery(input: z.infer<typeof startInput>): { QueryExecutionId: string } {
    if (Buffer.byteLength(input.QueryString) > MAX_QUERY_BYTES) throw invalid('QueryString is too long');
    const token = input.ClientRequestToken ?? randomUUID();
    const known = byToken.get(token);
    if (known) {
      if (executions.get(known)?.sql !== input.QueryString)
        throw invalid('Idempotent parameters do not match');
      return { QueryExecutionId: known };
    }
    const workGroup = input.WorkGroup ?? 'primary';
    if (!workGroups.has(workGroup)) throw invalid(`WorkGroup ${workGroup} is not found.`);
    const script = nextQuery;
    nextQuery = {};
    const id = randomUUID();
    const reuse = input.ResultReuseConfiguration?.ResultReuseByAgeConfiguration ?? null;
    const execution: Execution = {
      id,
      token,
      sql: input.QueryString,
      workGroup,
      database: input.QueryExecutionContext?.Database ?? 'default',
      catalog: input.QueryExecutionContext?.Catalog ?? 'AwsDataCatalog',
      outputLocation:
        input.ResultConfiguration?.OutputLocation ?? `s3://aws-athena-query-results-fake/${workGroup}/`,
      reuse,
      submittedAt: Date.now(),
      completedAt: null,
      pending: script.states ?? [
        ...Array<PendingState>(script.pollsQueued ?? 1).fill('QUEUED'),
        ...Array<PendingState>(script.pollsRunning ?? 1).fill('RUNNING'),
      ],
      polls: 0,
      hang: script.hang ?? false,
      fail: script.fail ?? null,
      state: 'QUEUED',
      reason: null,
      athenaError: null,
      outcome: null,
      bytes: script.dataScannedInBytes ?? estimateBytes(input.QueryString),
      reused: false,
    };
    executions.set(id, execution);
    byToken.set(token, id);
    const previous = reuse?.Enabled ? reusable(execution) : null;
    if (previous?.outcome) {
      execution.outcome = previous.outcome;
      execution.reused = true;
      execution.bytes = 0;
    } else if (!execution.hang && !execution.fail) {
      void exclusive(() => run(connection, execution.sql)).then((outcome) => {
        execution.outcome = outcome;
      });
    }
    return { QueryExecutionId: id };
  }

  /** Athena reuses a result of the exact same text, workgroup, catalog and database within the age. */
  function reusable(current: Execution): Execution | null {
    const maxAgeMs = (current.reuse?.MaxAgeInMinutes ?? 60) * 60_000;
    let found: Execution | null = null;
    for (const e of executions.values()) {
      const same =
        e.id !== current.id &&
        e.state === 'SUCCEEDED' &&
        e.sql === current.sql &&
        e.workGroup === current.workGroup &&
        e.catalog === current.catalog &&
        e.database === current.database;
      if (same && e.completedAt !== null && Date.now() - e.completedAt <= maxAgeMs) found = e;
    }
    return found;
  }

  function finish(e: Execution, state: 'SUCCEEDED' | 'FAILED' | 'CANCELLED', reason: string | null): void {
    e.state = state;
    e.reason = reason;
    e.completedAt = Date.now();
  }

  /** One poll moves the state machine one step: the pending states, then the outcome. */
  function advance(e: Execution): void {
    if (e.state === 'SUCCEEDED' || e.state === 'FAILED' || e.state === 'CANCELLED') return;
    const step = e.pending[e.polls];
    e.polls += 1;
    if (step) {
      e.state = step;
      return;
    }
    if (e.hang || (!e.fail && !e.outcome)) {
      e.state = 'RUNNING';
      return;
    }
    const failure: FakeAthenaScript['fail'] | null =
      e.fail ?? (e.outcome && !e.outcome.ok ? { reason: e.outcome.message } : null);
    if (failure) {
      finish(e, 'FAILED', failure.reason);
      // Category 2 is USER; the type number is a stand-in, not one of Athena's catalogue.
      e.athenaError = {
        ErrorCategory: 2,
        ErrorType: failure.errorType ?? 1006,
        Retryable: failure.retryable ?? false,
        ErrorMessage: failure.reason,
      };
      return;
    }
    finish(e, 'SUCCEEDED', null);
  }

  function describe(e: Execution): Record<string, unknown> {
    const done = e.completedAt !== null;
    const engineMs = e.outcome?.ok && done && !e.reused ? e.outcome.engineMs : 0;
    return {
      QueryExecutionId: e.id,
      Query: e.sql,
      StatementType: 'DML',
      SubstatementType: 'SELECT',
      ResultConfiguration: { OutputLocation: `${e.outputLocation.replace(/\/?$/, '/')}${e.id}.csv` },
      ...(e.reuse ? { ResultReuseConfiguration: { ResultReuseByAgeConfiguration: e.reuse } } : {}),
      QueryExecutionContext: { Database: e.database, Catalog: e.catalog },
      Status: {
        State: e.state,
        ...(e.reason ? { StateChangeReason: e.reason } : {}),
        // JSON 1.1 timestamps are epoch seconds (fractional).
        SubmissionDateTime: e.submittedAt / 1000,
        ...(done ? { CompletionDateTime: (e.completedAt ?? 0) / 1000 } : {}),
        ...(e.athenaError ? { AthenaError: e.athenaError } : {}),
      },
      Statistics: {
        EngineExecutionTimeInMillis: engineMs,
        DataScannedInBytes: done && e.state !== 'FAILED' ? e.bytes : 0,
        TotalExecutionTimeInMillis: (e.completedAt ?? Date.now()) - e.submittedAt,
        QueryQueueTimeInMillis: 1,
        ServicePreProcessingTimeInMillis: 1,
        QueryPlanningTimeInMillis: 1,
        ServiceProcessingTimeInMillis: 1,
        ResultReuseInformation: { ReusedPreviousResult: e.reused },
      },
      WorkGroup: e.workGroup,
      EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
    };
  }

  function results(input: z.infer<typeof resultsInput>): Record<string, unknown> {
    const e = executions.get(input.QueryExecutionId);
    if (!e) throw invalid(`QueryExecution ${input.QueryExecutionId} was not found`);
    if (e.state === 'FAILED') throw invalid(e.reason ?? 'Query failed');
    if (e.state !== 'SUCCEEDED' || !e.outcome?.ok)
      throw invalid(`Query has not yet finished. Current state: ${e.state}`);
    const { columns, rows } = e.outcome;
    // The header row is part of the result set: it counts towards MaxResults on page 1.
    const all = [columns.map((c) => c.Name), ...rows];
    const offset = input.NextToken ? readToken(input.NextToken, e.id) : 0;
    const size = Math.min(input.MaxResults ?? 1000, options.pageSizeCap ?? 1000);
    const page = all.slice(offset, offset + size);
    const end = offset + page.length;
    return {
      UpdateCount: 0,
      ResultSet: {
        Rows: page.map((row) => ({ Data: row.map((v) => (v === null ? {} : { VarCharValue: v })) })),
        ResultSetMetadata: {
          ColumnInfo: columns.map((c) => ({
            CatalogName: 'hive',
            SchemaName: '',
            TableName: '',
            Name: c.Name,
            Label: c.Name,
            Type: c.Type,
            Precision: c.Precision,
            Scale: c.Scale,
            Nullable: 'UNKNOWN',
            CaseSensitive: c.Type === 'varchar',
          })),
        },
      },
      ...(end < all.length ? { NextToken: writeToken(e.id, end) } : {}),
    };
  }

  function dispatch(operation: string, body: unknown): Record<string, unknown> {
    const parse = <T>(schema: z.ZodType<T>): T => {
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw invalid(`1 validation error detected: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    };
    switch (operation) {
      case 'StartQueryExecution':
        return startQuery(parse(startInput));
      case 'GetQueryExecution': {
        const { QueryExecutionId: id } = parse(idInput);
        const e = executions.get(id);
        if (!e) throw invalid(`QueryExecution ${id} was not found`);
        advance(e);
        return { QueryExecution: describe(e) };
      }
      case 'GetQueryResults':
        return results(parse(resultsInput));
      case 'StopQueryExecution': {
        const { QueryExecutionId: id } = parse(idInput);
        const e = executions.get(id);
        if (!e) throw invalid(`QueryExecution ${id} was not found`);
        if (e.state === 'QUEUED' || e.state === 'RUNNING') finish(e, 'CANCELLED', 'Query cancelled by user');
        return {};
      }
      default:
        throw new AthenaFault('UnknownOperationException', `Unknown operation ${operation}`);
    }
  }

  function injected(operation: string): AthenaFault | null {
    if (throttle.left > 0 && (!throttle.operation || throttle.operation === operation)) {
      throttle.left -= 1;
      return new AthenaFault('ThrottlingException', 'Rate exceeded');
    }
    if (errorNext && errorNext.operation === operation) {
      const { type, status, message } = errorNext;
      errorNext = null;
      return new AthenaFault(type, message ?? `${type} (injected)`, status ?? 400);
    }
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('AmazonAthena.') ? target.slice('AmazonAthena.'.length) : target;
    const attempt =
      typeof req.headers['amz-sdk-request'] === 'string' ? req.headers['amz-sdk-request'] : null;
    const call: FakeAthenaCall = { operation, input: {}, status: 200, error: null, attempt, at: Date.now() };
    calls.push(call);
    try {
      if (req.method !== 'POST' || req.url !== '/')
        throw new AthenaFault('UnknownOperationException', 'Not found', 404);
      if (!String(req.headers['content-type'] ?? '').startsWith(JSON_11))
        throw new AthenaFault('SerializationException', `expected Content-Type ${JSON_11}`);
      if (!target.startsWith('AmazonAthena.'))
        throw new AthenaFault('UnknownOperationException', `Unknown target ${target}`);
      if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 '))
        throw new AthenaFault('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
      let body: unknown;
      try {
        body = JSON.parse(raw || '{}');
      } catch {
        throw new AthenaFault('SerializationException', 'body is not JSON');
      }
      if (body && typeof body === 'object') call.input = body as Record<string, unknown>; // checked just above
      const fault = injected(operation);
      if (fault) throw fault;
      let output = dispatch(operation, body);
      if (malformedNext === operation) {
        malformedNext = null;
        // StartQueryExecution without its id; GetQueryExecution without Status.
        output =
          operation === 'GetQueryExecution'
            ? { QueryExecution: { QueryExecutionId: call.input.QueryExecutionId } }
            : {};
      }
      res.writeHead(200, { 'content-type': JSON_11, 'x-amzn-requestid': randomUUID() });
      res.end(JSON.stringify(output));
    } catch (error) {
      const fault =
        error instanceof AthenaFault
          ? error
          : new AthenaFault(
              'InternalServerException',
              error instanceof Error ? error.message : String(error),
              500,
            );
      call.status = fault.status;
      call.error = fault.type;
      // Modelled Athena errors carry `Message`; coral's generic ones (throttling) carry `message`.
      const text =
        fault.type.endsWith('Exception') && fault.type !== 'ThrottlingException' ? 'Message' : 'message';
      res.writeHead(fault.status, {
        'content-type': JSON_11,
        'x-amzn-requestid': randomUUID(),
        'x-amzn-ErrorType': `${fault.type}:http://internal.amazon.com/coral/com.amazonaws.athena/`,
      });
      res.end(JSON.stringify({ __type: fault.type, [text]: fault.message, ...fault.extra }));
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // listen() on a TCP port always yields AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (operation) => calls.filter((c) => c.operation === operation),
    script(script) {
      const {
        throttleNext,
        throttleOperation,
        errorNext: error,
        malformedNext: malformed,
        ...query
      } = script;
      if (throttleNext !== undefined) throttle = { left: throttleNext, operation: throttleOperation };
      if (error) errorNext = error;
      if (malformed) malformedNext = malformed;
      if (Object.keys(query).length > 0) nextQuery = query;
    },
    stateOf: (id) => executions.get(id)?.state ?? null,
    estimateBytes,
    reset() {
      calls.length = 0;
      executions.clear();
      byToken.clear();
      nextQuery = {};
      throttle = { left: 0, operation: undefined };
      errorNext = null;
      malformedNext = null;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue;
      connection.closeSync();
      instance.closeSync();
    },
  };
}

async function tableSizes(connection: DuckDBConnection) {
  const reader = await connection.runAndReadAll(
    'SELECT table_name, estimated_size, column_count FROM duckdb_tables()',
  );
  return reader.getRowsJson().map(([name, rows, columns]) => ({
    name: String(name),
    rows: Number(rows),
    columns: Number(columns),
  }));
}

/** Runs one statement; Athena refuses more than one per query. */
async function run(connection: DuckDBConnection, sql: string): Promise<Outcome> {
  const started = performance.now();
  try {
    const statements = await connection.extractStatements(sql);
    if (statements.count !== 1) return { ok: false, message: 'Only one sql statement is allowed.' };
    const reader = await connection.runAndReadAll(sql);
    const types = reader.columnTypes();
    const columns = reader.columnNames().map((name, i) => athenaColumn(name, types[i]));
    const rows = reader
      .getRowsJson()
      .map((row) => row.map((value, i) => toVarChar(value, columns[i]?.Type ?? 'varchar')));
    return { ok: true, columns, rows, engineMs: Math.max(1, Math.round(performance.now() - started)) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** DuckDB's result type as Athena's ColumnInfo names it (SUM(bigint) is bigint in Trino, HUGEINT in DuckDB). */
function athenaColumn(name: string, type: DuckDBType | undefined): AthenaColumn {
  const text = String(type ?? 'VARCHAR');
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(text);
  if (decimal)
    return { Name: name, Type: 'decimal', Precision: Number(decimal[1]), Scale: Number(decimal[2]) };
  const simple: Record<string, [string, number]> = {
    BOOLEAN: ['boolean', 0],
    TINYINT: ['tinyint', 3],
    SMALLINT: ['smallint', 5],
    UTINYINT: ['smallint', 5],
    INTEGER: ['integer', 10],
    USMALLINT: ['integer', 10],
    BIGINT: ['bigint', 19],
    UINTEGER: ['bigint', 19],
    HUGEINT: ['bigint', 19],
    UBIGINT: ['bigint', 19],
    UHUGEINT: ['bigint', 19],
    FLOAT: ['real', 7],
    DOUBLE: ['double', 17],
    DATE: ['date', 0],
    TIMESTAMP: ['timestamp', 3],
    VARCHAR: ['varchar', 2_147_483_647],
  };
  const [athenaType, precision] = simple[text] ?? ['varchar', 2_147_483_647];
  return { Name: name, Type: athenaType, Precision: precision, Scale: 0 };
}

/** Every Athena value is a string: doubles as Java prints them, timestamps with milliseconds. */
function toVarChar(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  if ((type === 'double' || type === 'real') && typeof value === 'number') return javaDouble(value);
  if (type === 'timestamp' && typeof value === 'string') return withMillis(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Java's Double.toString: plain between 10^-3 and 10^7 (always with a fraction), else 1.2345E7. */
export function javaDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const plain = String(x);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  const [mantissa = '', exponent = '0'] = x.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

function withMillis(timestamp: string): string {
  const [whole = timestamp, fraction = ''] = timestamp.split('.');
  return `${whole}.${fraction.padEnd(3, '0').slice(0, 3)}`;
}

function writeToken(id: string, offset: number): string {
  return Buffer.from(JSON.stringify({ id, offset })).toString('base64url');
}

function readToken(token: string, id: string): number {
  const parsed = z
    .object({ id: z.string(), offset: z.number().int().min(0) })
    .safeParse(safeJson(Buffer.from(token, 'base64url').toString('utf8')));
  if (!parsed.success || parsed.data.id !== id) throw invalid('The NextToken is not valid for this query.');
  return parsed.data.offset;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
