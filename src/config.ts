import { z } from 'zod';
import { ScoutError } from './errors.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2025-12-31')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'must be a real calendar date');

/** A size as DuckDB settings take it: 512MB, 1GB, 1.5GiB, 0B. */
const engineSize = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'must be a size like 512MB or 1GB');

/** One schema over the environment. Names are fixed by the architecture contract. */
/** A USD amount that may be left unset (an empty value counts as unset). */
const optionalUsd = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.coerce.number().positive().max(1_000_000).optional(),
);

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().min(1).optional(),
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .default('redis://127.0.0.1:6379'),
  WAREHOUSE: z.enum(['duckdb', 'athena']).default('duckdb'),
  DUCKDB_PATH: z.string().min(1).default('data/warehouse.duckdb'),
  LLM_PROVIDER: z.enum(['local', 'bedrock']).default('local'),
  AWS_REGION: z.string().min(1).optional(),
  BEDROCK_ENDPOINT: z.url().optional(),
  ATHENA_ENDPOINT: z.url().optional(),
  SCOUT_AS_OF: isoDate.optional(),
  /** Model ids per tier (inference profiles); current Claude models on Bedrock by default. */
  BEDROCK_MODEL_FAST: z.string().min(1).default('us.anthropic.claude-haiku-4-5-20251001-v1:0'),
  BEDROCK_MODEL_STRONG: z.string().min(1).default('us.anthropic.claude-sonnet-4-6'),
  BEDROCK_GUARDRAIL_ID: z.string().min(1).optional(),
  BEDROCK_GUARDRAIL_VERSION: z.string().min(1).default('DRAFT'),
  BEDROCK_KB_ID: z.string().min(1).optional(),
  BEDROCK_AGENT_ID: z.string().min(1).optional(),
  BEDROCK_AGENT_ALIAS_ID: z.string().min(1).optional(),
  /** `direct`: Scout calls Converse itself; `agent`: a Bedrock Agent orchestrates with return of control. */
  ASK_ORCHESTRATOR: z.enum(['direct', 'agent']).default('direct'),
  /** Attempts per Bedrock call (the SDK retries throttling and 5xx). */
  BEDROCK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /**
   * Deadline of one Bedrock call, its retries included; also the idle timeout of its HTTP/2
   * stream. A call past it counts as a circuit-breaker failure and the answer degrades.
   */
  BEDROCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /** Deadline of all model work for one question (understanding, repair, narrative, guardrails). */
  SCOUT_QUESTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(45_000),
  /** Let the model write guarded SQL for questions the semantic model cannot express. */
  SCOUT_ALLOW_MODEL_SQL: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  ATHENA_WORKGROUP: z.string().min(1).default('primary'),
  ATHENA_DATABASE: z
    .string()
    .regex(/^[a-z0-9_]+$/, 'must be a lower-case Glue database name')
    .default('scout'),
  ATHENA_CATALOG: z.string().min(1).default('AwsDataCatalog'),
  ATHENA_OUTPUT_LOCATION: z
    .string()
    .regex(/^s3:\/\//, 'must be an s3:// URI')
    .optional(),
  /** Scale the sample warehouse is built at when it is missing (and is expected to have). */
  SCOUT_SAMPLE_SCALE: z.coerce.number().positive().max(100).default(1),
  SCOUT_SAMPLE_SEED: z.coerce.number().int().min(0).default(42),
  /** Upper bound on rows any query returns. */
  SCOUT_MAX_ROWS: z.coerce.number().int().min(1).max(100_000).default(1000),
  SCOUT_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Engine bounds on the embedded warehouse: a statement past them fails with a clear message. */
  SCOUT_DUCKDB_MEMORY_LIMIT: engineSize.default('1GB'),
  SCOUT_DUCKDB_THREADS: z.coerce.number().int().min(1).max(64).default(2),
  /** Spill space on disk per warehouse; "0B" turns spilling off. */
  SCOUT_DUCKDB_TEMP_LIMIT: engineSize.default('1GB'),
  /** Largest result Scout holds for one query, in bytes (strings count two bytes a character). */
  SCOUT_MAX_RESULT_BYTES: z.coerce.number().int().min(1024).max(1_073_741_824).default(8_388_608),
  /** Largest intermediate result the DuckDB optimizer may estimate for a statement's plan. */
  SCOUT_MAX_PLAN_ROWS: z.coerce.number().min(1).default(1e10),
  /** Prefix of every Redis key Scout writes, so several deployments can share one Redis. */
  SCOUT_REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'must be 1-64 letters, digits, or . : - _')
    .default('scout:'),
  /** How long an answer record (the question, masked, and how it was answered) is kept. */
  SCOUT_RECORD_TTL_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  /** Questions one user may ask per minute, across all replicas (a token bucket in Redis). */
  SCOUT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Model spend one user may run up per UTC day, in USD; unset: no budget. */
  SCOUT_BUDGET_USER_DAILY_USD: optionalUsd,
  /** Model spend one Slack team (workspace) may run up per UTC month, in USD; unset: no budget. */
  SCOUT_BUDGET_TEAM_MONTHLY_USD: optionalUsd,
  /** How long a cached answer (a query result, keyed by the canonical query) is served; 0: no answer cache. */
  SCOUT_ANSWER_CACHE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(900),
  /**
   * The warehouse's data version for the answer cache's key. DuckDB: the file's size and
   * modification time when unset. Athena: set it (e.g. the load's id) whenever the tables change;
   * unset, Athena answers are not cached.
   */
  SCOUT_DATA_VERSION: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'must be 1-64 letters, digits, or . : - _')
    .optional(),
  /** The foundation model behind the Bedrock Agent, to cost its turns (default: the fast tier's). */
  BEDROCK_AGENT_MODEL: z.string().min(1).optional(),
  /** How long a Slack conversation remembers its last question, for follow-ups. */
  SCOUT_CONTEXT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(2 * 86_400),
  /**
   * Slack answers one web process computes at once, and how many more may wait for a slot; a
   * request beyond both is acked with a friendly "busy, try again" reply. See README "Load".
   */
  SCOUT_ANSWER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  SCOUT_ANSWER_QUEUE: z.coerce.number().int().min(0).max(10_000).default(100),
  /**
   * Worker threads that compute those answers, each with its own warehouse connection, so the
   * thread that receives and acks Slack's requests never waits on an answer's CPU work; 0 answers
   * on the receiving thread. Each thread's heap is capped (MB); past it the thread is replaced and
   * its questions get a "please ask again" reply.
   */
  SCOUT_ANSWER_THREADS: z.coerce.number().int().min(0).max(16).default(2),
  SCOUT_ANSWER_THREAD_HEAP_MB: z.coerce.number().int().min(64).max(16_384).default(512),
  /** Reports a worker process runs at once, and starts per minute across the worker group. */
  SCOUT_REPORT_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  SCOUT_REPORTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  SCOUT_REPORT_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** BullMQ job lock of a report (renewed while it runs); see README "Reports: locks, stalls…". */
  SCOUT_WORKER_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(60_000),
  /** How often each worker looks for reports whose lock lapsed (a dead worker's), to take them over. */
  SCOUT_WORKER_STALLED_MS: z.coerce.number().int().min(200).max(600_000).default(30_000),
  /** Test hook: pause this long before each report stage (to kill a worker mid-report). */
  SCOUT_REPORT_STAGE_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** The local knowledge base (when no Bedrock Knowledge Base is configured) and its index. */
  SCOUT_KB_DIR: z.string().min(1).default('data/kb'),
  SCOUT_KB_INDEX: z.string().min(1).default('data/kb-index'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env;
  /** The date relative periods resolve against, when configured explicitly. */
  asOf?: string;
}

/**
 * Reads the environment. Empty strings count as unset, so `FOO= scout …` behaves like no FOO.
 * Throws one error naming every bad variable.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    const message = `invalid environment: ${problems.join('; ')}`;
    throw new ScoutError('config_invalid', message, { userMessage: message });
  }
  return { env: parsed.data, ...(parsed.data.SCOUT_AS_OF ? { asOf: parsed.data.SCOUT_AS_OF } : {}) };
}
