import type { AnswerFeedback, AnswerRecord } from './domain/answer-record.ts';

/**
 * Narrow interfaces between the use cases and the outside world. Adapters implement them;
 * only src/main.ts decides which adapter is used.
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
  close(): Promise<void>;
}

/** A Vega-Lite specification (a plain JSON object). */
export type ChartSpec = Record<string, unknown>;

export interface ChartRenderer {
  /** Renders a Vega-Lite spec to PNG bytes. */
  renderPng(spec: ChartSpec): Promise<Uint8Array>;
}

export interface Clock {
  now(): Date;
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
  /** "Scout is thinking…" in a thread; best effort. */
  setStatus(thread: { channel: string; threadTs: string; status: string }): Promise<void>;
}

/** Short-lived key/value memory shared by every replica (Redis). */
export interface ConversationStore {
  get(key: string): Promise<unknown | null>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
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
}
