import { createHash, randomUUID } from 'node:crypto';
import {
  type AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import type { z } from 'zod';
import { ScoutError } from '../../errors.ts';
import type { CellValue, QueryOptions, QueryResult, ResultColumn, Warehouse } from '../../ports.ts';
import { athenaErrorToScout, malformedResponse } from './athena-errors.ts';
import {
  executionOutputSchema,
  type QueryExecutionView,
  resultsPageSchema,
  startOutputSchema,
  toAthenaCell,
  toResultColumn,
} from './athena-types.ts';

export interface AthenaWarehouseOptions {
  client: AthenaClient;
  workGroup: string;
  database: string;
  /** Defaults to AwsDataCatalog; sent explicitly because result reuse matches on it. */
  catalog?: string;
  /** Only needed when the workgroup does not enforce its own result location. */
  outputLocation?: string;
  defaultTimeoutMs: number;
  /** Reuse a result of the same query text for this long (1–10080; 0 turns reuse off). Default 60. */
  resultReuseMinutes?: number;
  pollInitialMs?: number;
  pollMaxMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const PAGE_SIZE = 1000;
/** StopQueryExecution is best effort once the deadline has passed; it gets a little time of its own. */
const STOP_BUDGET_MS = 5000;

/** Thrown inside the adapter when an SDK call was aborted because the query's deadline passed. */
class DeadlineReached extends Error {}

/**
 * Athena (Trino) behind the Warehouse port: start the query, poll its state with exponential
 * backoff until it finishes or the deadline passes (then stop it), and read the result pages,
 * typing each string value by the column's declared type.
 */
export function createAthenaWarehouse(options: AthenaWarehouseOptions): Warehouse {
  const { client } = options;
  const pollInitialMs = options.pollInitialMs ?? 100;
  const pollMaxMs = options.pollMaxMs ?? 1500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const reuseMinutes = Math.min(Math.max(Math.round(options.resultReuseMinutes ?? 60), 0), 10_080);
  let closed = false;

  /** Runs one SDK call, aborted at the deadline; SDK failures become ScoutErrors. */
  async function call<T>(
    operation: string,
    deadline: number,
    send: (abortSignal: AbortSignal) => Promise<unknown>,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const remaining = deadline - performance.now();
    if (remaining <= 0) throw new DeadlineReached();
    const signal = AbortSignal.timeout(Math.ceil(remaining));
    let output: unknown;
    try {
      output = await send(signal);
    } catch (error) {
      if (signal.aborted) throw new DeadlineReached();
      throw athenaErrorToScout(operation, error);
    }
    const parsed = schema.safeParse(output);
    if (!parsed.success) throw malformedResponse(operation, parsed.error);
    return parsed.data;
  }

  async function start(sql: string, deadline: number): Promise<string> {
    const output = await call(
      'StartQueryExecution',
      deadline,
      (abortSignal) =>
        client.send(
          new StartQueryExecutionCommand({
            QueryString: sql,
            ClientRequestToken: requestToken(sql),
            WorkGroup: options.workGroup,
            QueryExecutionContext: {
              Database: options.database,
              Catalog: options.catalog ?? 'AwsDataCatalog',
            },
            ...(options.outputLocation
              ? { ResultConfiguration: { OutputLocation: options.outputLocation } }
              : {}),
            ResultReuseConfiguration: {
              ResultReuseByAgeConfiguration:
                reuseMinutes > 0 ? { Enabled: true, MaxAgeInMinutes: reuseMinutes } : { Enabled: false },
            },
          }),
          { abortSignal },
        ),
      startOutputSchema,
    );
    return output.QueryExecutionId;
  }

  /** Polls until a terminal state; QUEUED and RUNNING (in either order, repeatedly) keep it going. */
  async function waitForEnd(id: string, deadline: number): Promise<QueryExecutionView> {
    let delay = pollInitialMs;
    for (;;) {
      const { QueryExecution: execution } = await call(
        'GetQueryExecution',
        deadline,
        (abortSignal) => client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal }),
        executionOutputSchema,
      );
      const state = execution.Status.State;
      if (state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED') return execution;
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw new DeadlineReached();
      await sleep(Math.min(delay, remaining));
      delay = Math.min(delay * 2, pollMaxMs);
    }
  }

  async function readResults(
    id: string,
    deadline: number,
  ): Promise<{ columns: ResultColumn[]; rows: CellValue[][] }> {
    let columns: ResultColumn[] | null = null;
    const rows: CellValue[][] = [];
    let nextToken: string | undefined;
    let firstPage = true;
    do {
      const token = nextToken;
      const page = await call(
        'GetQueryResults',
        deadline,
        (abortSignal) =>
          client.send(
            new GetQueryResultsCommand({
              QueryExecutionId: id,
              MaxResults: PAGE_SIZE,
              ...(token ? { NextToken: token } : {}),
            }),
            { abortSignal },
          ),
        resultsPageSchema,
      );
      const infos = page.ResultSet.ResultSetMetadata.ColumnInfo;
      columns ??= infos.map(toResultColumn);
      let pageRows = page.ResultSet.Rows;
      // For a SELECT, row 1 of page 1 repeats the column names; it is not data.
      if (firstPage && isHeader(pageRows[0]?.Data, infos)) pageRows = pageRows.slice(1);
      for (const row of pageRows) {
        rows.push(infos.map((info, i) => toAthenaCell(row.Data[i]?.VarCharValue, info.Type)));
      }
      firstPage = false;
      nextToken = page.NextToken;
    } while (nextToken);
    return { columns: columns ?? [], rows };
  }

  async function stop(id: string): Promise<void> {
    try {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }), {
        abortSignal: AbortSignal.timeout(STOP_BUDGET_MS),
      });
    } catch {
      // Best effort: Athena stops abandoned queries itself eventually; the user already gets a timeout.
    }
  }

  const warehouse: Warehouse = {
    dialect: 'trino',
    async query(sql: string, queryOptions: QueryOptions = {}): Promise<QueryResult> {
      if (closed) throw new ScoutError('internal', 'warehouse is closed');
      const timeoutMs = queryOptions.timeoutMs ?? options.defaultTimeoutMs;
      const started = performance.now();
      const deadline = started + timeoutMs;
      let id: string | null = null;
      try {
        id = await start(sql, deadline);
        const execution = await waitForEnd(id, deadline);
        const state = execution.Status.State;
        if (state !== 'SUCCEEDED') throw executionFailed(id, execution);
        const { columns, rows } = await readResults(id, deadline);
        const statistics = execution.Statistics;
        return {
          columns,
          rows,
          elapsedMs: statistics?.EngineExecutionTimeInMillis ?? performance.now() - started,
          ...(statistics?.DataScannedInBytes !== undefined
            ? { bytesScanned: statistics.DataScannedInBytes }
            : {}),
        };
      } catch (error) {
        if (!(error instanceof DeadlineReached)) throw error;
        if (id) await stop(id);
        throw new ScoutError(
          'query_timeout',
          `Athena query ${id ?? '(not started)'} exceeded ${timeoutMs} ms${id ? ' and was stopped' : ''}`,
          {
            cause: error,
            retryable: false,
            userMessage: `The query took longer than ${duration(timeoutMs)} and was stopped. Try a narrower period or fewer groups.`,
          },
        );
      }
    },
    /** Dry run: Athena plans an EXPLAIN without scanning the data; a bad statement fails with the engine's message. */
    async explain(sql: string): Promise<void> {
      await warehouse.query(`EXPLAIN ${sql}`, { timeoutMs: Math.min(options.defaultTimeoutMs, 30_000) });
    },
    async close() {
      closed = true;
      client.destroy();
    },
  };
  return warehouse;
}

/**
 * Idempotency token: a hash of the SQL plus a nonce drawn once per ask. The SDK re-sends the
 * same token when it retries the request, so a retry cannot start a second query; two separate
 * asks of the same SQL still get two executions (Athena's result reuse covers the repeat).
 */
function requestToken(sql: string): string {
  const digest = createHash('sha256').update(sql).digest('hex');
  return `${digest}-${randomUUID().replaceAll('-', '')}`;
}

function isHeader(
  data: { VarCharValue?: string | undefined }[] | undefined,
  infos: { Name: string }[],
): boolean {
  if (!data || data.length !== infos.length) return false;
  return infos.every((info, i) => data[i]?.VarCharValue === info.Name);
}

function executionFailed(id: string, execution: QueryExecutionView): ScoutError {
  const { State: state, StateChangeReason: reason, AthenaError: athenaError } = execution.Status;
  const engineMessage = reason ?? athenaError?.ErrorMessage ?? `query ${state.toLowerCase()}`;
  const detail = athenaError
    ? ` [category ${athenaError.ErrorCategory ?? '?'}, type ${athenaError.ErrorType ?? '?'}, retryable ${athenaError.Retryable ?? false}]`
    : '';
  if (state === 'CANCELLED') {
    return new ScoutError('query_failed', `Athena query ${id} was cancelled: ${engineMessage}`, {
      retryable: false,
      userMessage: 'The query was cancelled before it finished.',
    });
  }
  return new ScoutError('query_failed', `Athena query ${id} failed: ${engineMessage}${detail}`, {
    retryable: athenaError?.Retryable ?? false,
    userMessage: `The warehouse could not run the query: ${firstLine(engineMessage)}`,
  });
}

function duration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms)} ms`;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.slice(0, 200) ?? message;
}
