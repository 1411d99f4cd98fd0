import type { ImageFormat, Pixels } from './domain/adcopy/image-facts.ts';
import type { AnswerFeedback, AnswerRecord } from './domain/answer-record.ts';
import type { Audience } from './domain/audience.ts';
import type { ReportJobData } from './domain/report/report-job.ts';

/**
 * Narrow interfaces between the use cases and the outside world. Adapters implement them;
 * only the composition code (src/compose/) decides which adapter is used.
 */

export type SqlDialect = 'duckdb' | 'trino';

/** A column of a query result with its engine type name (e.g. DOUBLE, VARCHAR, DATE). */
export interface ResultColumn {
  name: string;
  type: string;
}

/**
 * Raw values: numbers for numeric columns (BIGINT included, as sample sums stay far below 2^53),
 * strings for text, ISO `YYYY-MM-DD` strings for dates, null for NULL.
 */
export type CellValue = string | number | boolean | null;

export interface QueryResult {
  columns: ResultColumn[];
  rows: CellValue[][];
  /** Wall time spent in the engine, milliseconds. */
  elapsedMs: number;
  /** Bytes scanned, where the engine reports it (Athena). */
  bytesScanned?: number;
}

export interface QueryOptions {
  /** Abort the query past this many milliseconds. */
  timeoutMs?: number;
}

export interface Warehouse {
  readonly dialect: SqlDialect;
  /** Runs one statement that already passed the SQL guard. */
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;
  /** Dry run: plans the statement without running it; rejects with the engine's error. */
  explain?(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A Vega-Lite specification (a plain JSON object). */
export type ChartSpec = Record<string, unknown>;

export interface ChartRenderer {
  /** Renders a Vega-Lite spec to PNG bytes. */
  renderPng(spec: ChartSpec): Promise<Uint8Array>;
}

/** A Block Kit block (plain JSON; built by the presentation code, validated by Slack). */
export type SlackBlock = Record<string, unknown>;

export interface PostedMessage {
  channel: string;
  ts: string;
}

/** The chat surface Scout talks to (Slack's Web API in production and in tests, via a fake). */
export interface Chat {
  postMessage(message: {
    channel: string;
    threadTs?: string;
    text: string;
    blocks?: SlackBlock[];
  }): Promise<PostedMessage>;
  updateMessage(message: { channel: string; ts: string; text: string; blocks?: SlackBlock[] }): Promise<void>;
  postEphemeral(message: {
    channel: string;
    user: string;
    threadTs?: string;
    text: string;
    blocks?: SlackBlock[];
  }): Promise<void>;
  /** Uploads a PNG privately and returns its file id, for an image block with `slack_file`. */
  uploadImage(file: { bytes: Uint8Array; filename: string; title: string }): Promise<{ fileId: string }>;
  /** Uploads a file and shares it in a conversation (or a thread of it). */
  shareFile(file: {
    bytes: Uint8Array;
    filename: string;
    title: string;
    channel: string;
    threadTs?: string;
    comment?: string;
  }): Promise<{ fileId: string }>;
  /** "Scout is thinking…" in a thread; best effort. `loadingMessages` rotate while it works (≤ 10). */
  setStatus(thread: {
    channel: string;
    threadTs: string;
    status: string;
    loadingMessages?: string[];
  }): Promise<void>;
}

/** One step of work shown in a streamed message (Slack's `task_update` chunk). */
export interface StreamTask {
  id: string;
  /** ≤ 256 characters. */
  title: string;
  status: 'pending' | 'in_progress' | 'complete' | 'error';
  output?: string;
}

/**
 * A message that is written while Scout works (chat.startStream / appendStream / stopStream):
 * progress tasks first, then the answer's text, then its trailing blocks (chart, sources,
 * feedback). Outside a DM a stream sits in a thread and names the person it answers.
 */
export interface ChatStreams {
  start(stream: {
    channel: string;
    threadTs: string;
    recipientUserId?: string;
    recipientTeamId?: string;
    tasks: StreamTask[];
  }): Promise<PostedMessage>;
  append(stream: { channel: string; ts: string; tasks?: StreamTask[]; text?: string }): Promise<void>;
  /** Ends the stream; the blocks are shown after the streamed text. */
  stop(stream: { channel: string; ts: string; blocks?: SlackBlock[] }): Promise<void>;
}

/** A prompt offered to the user in Scout's DM (title shown, message sent when clicked). */
export interface SuggestedPrompt {
  title: string;
  message: string;
}

/** Slack's agent and app surfaces: the DM's suggested prompts, the Home tab, modals. */
export interface AgentSurface {
  /** Offers up to four prompts in a DM (the agent view's messages tab; no thread). */
  setSuggestedPrompts(input: { channel: string; title: string; prompts: SuggestedPrompt[] }): Promise<void>;
  /** Publishes the user's Home tab view. */
  publishHome(input: { user: string; view: Record<string, unknown> }): Promise<void>;
  /** Opens a modal for a click (its trigger id is valid about 3 s). */
  openModal(input: { triggerId: string; view: Record<string, unknown> }): Promise<void>;
}

/**
 * Who may do what in the workspace (Slack's Web API). Callers fail closed: when the answer
 * cannot be had, the action is refused.
 */
export interface Workspace {
  /** A workspace admin or owner (`users.info`: is_admin / is_owner). */
  isAdmin(user: string): Promise<boolean>;
  /** Whether the user is a member of the conversation (`conversations.members`). */
  isMember(channel: string, user: string): Promise<boolean>;
}

/** Short-lived key/value memory shared by every replica (Redis); values are JSON, every key expires. */
export interface KeyValueStore {
  get(key: string): Promise<unknown | null>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
}

/**
 * Answers' query results shared by every replica (Redis), keyed by the answer cache's key material
 * (`llmops/cache/answer-cache-key.ts`: the canonical query, data version and access scope); the
 * store hashes it and expires entries on its own TTL. Values are JSON, read back as unknown.
 */
export interface AnswerCache {
  get(keyMaterial: string): Promise<unknown | null>;
  set(keyMaterial: string, value: unknown): Promise<void>;
}

/** What a thread remembers between questions (its last query), keyed by conversation. */
export type ConversationStore = KeyValueStore;

/** A report schedule as the queue stores it; `data` is null when it no longer parses. */
export interface ScheduleInfo {
  id: string;
  pattern: string;
  tz: string;
  /** The next run, epoch milliseconds. */
  next: number | null;
  data: ReportJobData | null;
}

/** The report job queue (BullMQ): one job per ordered report, and repeatable schedules. */
export interface ReportQueue {
  /** Adds the job unless one with this id exists; returns the job's data as stored (ours or the earlier one's). */
  add(jobId: string, data: ReportJobData): Promise<{ created: boolean; data: ReportJobData }>;
  isRunning(jobId: string): Promise<boolean>;
  upsertSchedule(id: string, cron: { pattern: string; tz: string }, data: ReportJobData): Promise<void>;
  listSchedules(): Promise<ScheduleInfo[]>;
  removeSchedule(id: string): Promise<boolean>;
  close(): Promise<void>;
}

export type CircuitState = 'closed' | 'open' | 'half_open';

/** Shared by every replica: when one sees the dependency fail, all of them stop calling it. */
export interface CircuitBreaker {
  readonly name: string;
  /** For health checks and logs; rejects with `redis_unavailable` when Redis is down. */
  state(): Promise<CircuitState>;
  /** May this call go ahead? Never rejects; true when Redis is down. */
  allow(): Promise<boolean>;
  /** The call succeeded: closes the circuit and clears the failure count. Never rejects. */
  recordSuccess(): Promise<void>;
  /** The call failed in a way that says the dependency is unhealthy. Never rejects. */
  recordFailure(): Promise<void>;
}

/**
 * Where one ordered report stands, shared by every worker (Redis). The job queue delivers at
 * least once and may run a job twice at the same time (a run that lost its lock keeps going), so
 * every write to the report's Slack message is fenced by this record:
 *
 * - `running`: `run` is the only run that may update the progress message; a newer run of the
 *   same report takes over from an older one (which lost its job lock);
 * - `delivering`: `run` claimed the delivery until `leaseLeftMs` runs out — from here on no run
 *   ever shows progress again, and only the claimant posts the summary and files;
 * - `delivered` (the completion marker) and `failed` are final: nothing more is posted.
 */
export type ReportRunStatus = 'running' | 'delivering' | 'delivered' | 'failed';

export interface ReportRunState {
  status: ReportRunStatus;
  run: string;
  /** Left of the delivery claim (`delivering`), else 0. */
  leaseLeftMs: number;
  /** The summary replaced the progress message (set right after Slack accepted it). */
  summaryPosted: boolean;
}

export type ClaimOutcome = 'claimed' | 'busy' | 'superseded' | 'delivered' | 'failed';

export interface ReportRuns {
  /** The record as stored, or null when there is none. */
  read(reportId: string): Promise<ReportRunState | null>;
  /** Starts a run: it becomes the current one unless the report is past `running`; returns the state after. */
  begin(reportId: string, runId: string): Promise<ReportRunState>;
  /**
   * Claims the delivery for this run, or renews its claim, for `leaseMs`. A running report is
   * claimed only by its current run; a delivery whose claimant went quiet past its lease is
   * taken over; `busy` while another run's claim is live.
   */
  claimDelivery(reportId: string, runId: string, leaseMs: number): Promise<ClaimOutcome>;
  /** Records that the summary is posted (only by the claimant); false when this run no longer holds the claim. */
  markSummaryPosted(reportId: string, runId: string): Promise<boolean>;
  /** The completion marker (only by the claimant); false when this run no longer holds the claim. */
  markDelivered(reportId: string, runId: string): Promise<boolean>;
  /** Gives up this run's claim at once (its delivery failed), so a retry need not wait out the lease. */
  releaseDelivery(reportId: string, runId: string): Promise<void>;
  /**
   * Ends the report as failed unless a summary is posted, it is delivered, or a live claim is
   * being delivered; true when the failure may be shown.
   */
  markFailed(reportId: string): Promise<boolean>;
}

/** Counters shared by every replica (Redis hashes that expire); for feedback and usage counts. */
export interface Tally {
  increment(key: string, field: string): Promise<void>;
  read(key: string): Promise<Record<string, number>>;
}

/** At-least-once delivery guard: the first claim of a key wins until it expires. */
export interface Dedupe {
  claim(key: string, ttlSeconds: number): Promise<boolean>;
}

/** Where answer records live (the start of the audit trail). */
export interface AnswerStore {
  save(record: AnswerRecord): Promise<void>;
  get(id: string): Promise<AnswerRecord | null>;
  /** Adds or replaces this user's vote; false when the answer is unknown. */
  addFeedback(id: string, feedback: AnswerFeedback): Promise<boolean>;
  /** The newest records this Slack user asked for, newest first (stores without an index: none). */
  recentFor?(user: string, limit: number): Promise<AnswerRecord[]>;
}

/** Model tiers: configuration maps each to a model id, so a model is swapped without code changes. */
export type ModelTier = 'fast' | 'strong';

export interface CompiledPromptRef {
  id: string;
  version: string;
  hash: string;
  text: string;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** What every model call reports, for the answer record and cost. */
export interface LlmCallMeta {
  modelId: string;
  prompt: { id: string; version: string; hash: string };
  usage: LlmUsage;
  latencyMs: number;
  stopReason: string;
  /** True when the first output was invalid and one repair turn fixed it. */
  repaired: boolean;
  /** The other versioned texts the call carried: a tool's descriptions, the framing of a message. */
  sentPrompts?: { id: string; version: string; hash: string }[];
}

export interface LlmTool {
  name: string;
  description: string;
  /** JSON Schema of the tool's input. */
  inputSchema: Record<string, unknown>;
}

export interface LlmRequest {
  tier: ModelTier;
  system: CompiledPromptRef;
  /** Put a cache point after the system prompt (large, stable context such as the semantic model). */
  cacheSystem?: boolean;
  /** A user message may carry one image (Converse image block), sent before its text. */
  messages: {
    role: 'user' | 'assistant';
    text: string;
    image?: { bytes: Uint8Array; format: ImageFormat };
  }[];
  maxTokens?: number;
  /** The question's deadline; each call also has its own, whichever comes first ends it. */
  signal?: AbortSignal;
}

export type ToolValidation<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Llm {
  /**
   * Makes the model answer through one tool (structured output). The input is checked by
   * `validate`; an invalid one gets exactly one repair turn that quotes the error.
   */
  callTool<T>(
    request: LlmRequest & { tool: LlmTool },
    validate: (input: unknown) => ToolValidation<T>,
  ): Promise<{ value: T; meta: LlmCallMeta; calls: LlmCallMeta[] }>;
  /** Free text, streamed; `onDelta` sees the text as it arrives. */
  streamText(
    request: LlmRequest,
    onDelta?: (text: string) => void,
  ): Promise<{ text: string; meta: LlmCallMeta }>;
}

export interface GuardrailVerdict {
  intervened: boolean;
  /** The guardrail's replacement text when it intervened. */
  outputText?: string;
  guardrail: { id: string; version: string };
  /** The raw assessments, kept on the answer record. */
  assessments: unknown[];
}

/** Content screening (Bedrock Guardrails in production). */
export interface Guardrail {
  assess(input: {
    source: 'INPUT' | 'OUTPUT';
    text: string;
    groundingSource?: string;
    query?: string;
    /** The question's deadline (the call has its own too). */
    signal?: AbortSignal;
  }): Promise<GuardrailVerdict>;
}

export interface RetrievedChunk {
  id: string;
  text: string;
  title: string;
  /** Where the chunk comes from: a URI or a document path. */
  source: string;
  score: number;
  metadata: Record<string, unknown>;
}

/** Document search (Bedrock Knowledge Bases in production, a local index embedded). */
export interface Retriever {
  retrieve(query: {
    text: string;
    topK: number;
    filters?: Record<string, string | string[]>;
    /**
     * Who will read what is retrieved. Required: a restricted document exists only for an
     * audience every reader of which may see it, and is left out before any ranking.
     */
    audience: Audience;
  }): Promise<RetrievedChunk[]>;
}

export interface AgentFunctionCall {
  actionGroup: string;
  function: string;
  parameters: Record<string, string>;
}

export interface AgentCitation {
  /** The part of the agent's answer the sources support. */
  text: string;
  sources: { title: string; source: string; excerpt: string }[];
}

/** Tokens the agent's model spent on one turn, summed from the turn's traces (when they report them). */
export interface AgentTurnUsage {
  inputTokens: number;
  outputTokens: number;
}

export type AgentTurn = (
  | { kind: 'final'; text: string; citations: AgentCitation[] }
  | { kind: 'return_control'; invocationId: string; calls: AgentFunctionCall[] }
) & { usage?: AgentTurnUsage };

/** A hosted agent that hands tool calls back to Scout (Bedrock Agents with return of control). */
export interface Agent {
  invoke(input: {
    sessionId: string;
    text: string;
    returnResults?: { invocationId: string; results: (AgentFunctionCall & { body: string })[] };
    /** The question's deadline (each turn has its own too). */
    signal?: AbortSignal;
  }): Promise<AgentTurn>;
}

/** Decodes an image's pixels for the offline image facts (PNG here); null when it cannot. */
export interface ImageDecoder {
  decode(bytes: Uint8Array, format: ImageFormat): Pixels | null;
}
