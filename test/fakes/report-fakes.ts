import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReportJobData } from '../../src/domain/report/report-job.ts';
import { parseSemanticModelFile, sqlAllowlist } from '../../src/domain/semantic/semantic-model.ts';
import { parsePromptTemplate } from '../../src/llmops/prompt-template.ts';
import type {
  CellValue,
  Chat,
  ClaimOutcome,
  KeyValueStore,
  QueryResult,
  ReportQueue,
  ReportRunState,
  ReportRuns,
  ScheduleInfo,
  Warehouse,
} from '../../src/ports.ts';
import type { ReportDeps } from '../../src/usecases/report/produce-report.ts';
import type { RenderedReportMessage, ReportRenderers } from '../../src/usecases/report/report-renderers.ts';
import type { ReportJobDeps } from '../../src/usecases/report/run-report-job.ts';
import { offlineAskDeps } from './offline-ask-deps.ts';

/**
 * Hand-written fakes of the ports the report use cases run on: an in-memory queue, a chat that
 * records every call, run records with the same transitions as the Redis scripts, a warehouse
 * with canned rows, and renderers whose output names what was rendered.
 */

const readRepoFile = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

/** The report queue in memory: jobs by id (with a running flag) and schedules by id. */
export function fakeReportQueue(schedules: ScheduleInfo[] = []) {
  const jobs = new Map<string, { data: ReportJobData; running: boolean }>();
  const stored = new Map(schedules.map((s) => [s.id, s]));
  const queue: ReportQueue = {
    async add(jobId, data) {
      const existing = jobs.get(jobId);
      if (existing) return { created: false, data: existing.data };
      jobs.set(jobId, { data, running: true });
      return { created: true, data };
    },
    async isRunning(jobId) {
      return jobs.get(jobId)?.running ?? false;
    },
    async upsertSchedule(id, cron, data) {
      stored.set(id, { id, pattern: cron.pattern, tz: cron.tz, next: null, data });
    },
    async listSchedules() {
      return [...stored.values()];
    },
    async removeSchedule(id) {
      return stored.delete(id);
    },
    async close() {},
  };
  return { queue, jobs, schedules: stored };
}

export interface ChatCall {
  method: 'post' | 'update' | 'ephemeral' | 'upload' | 'share';
  channel?: string;
  ts?: string;
  threadTs?: string;
  text: string;
}

/** A chat that records every call in order; `failing` makes a method reject (once per listed call). */
export function recordingChat(options: { failing?: ChatCall['method'][] } = {}) {
  const calls: ChatCall[] = [];
  const failing = [...(options.failing ?? [])];
  let next = 0;
  const record = (call: ChatCall) => {
    const failAt = failing.indexOf(call.method);
    if (failAt >= 0) {
      failing.splice(failAt, 1);
      throw new Error(`${call.method} failed`);
    }
    calls.push(call);
  };
  const chat: Chat = {
    async postMessage(m) {
      const ts = `P${++next}`;
      record({ method: 'post', channel: m.channel, ts, text: m.text });
      return { channel: m.channel, ts };
    },
    async updateMessage(m) {
      record({ method: 'update', channel: m.channel, ts: m.ts, text: m.text });
    },
    async postEphemeral(m) {
      record({ method: 'ephemeral', channel: m.channel, text: m.text });
    },
    async uploadImage(f) {
      record({ method: 'upload', text: f.title });
      return { fileId: `F${++next}` };
    },
    async shareFile(f) {
      record({
        method: 'share',
        channel: f.channel,
        ...(f.threadTs ? { threadTs: f.threadTs } : {}),
        text: f.filename,
      });
      return { fileId: `F${++next}` };
    },
    async setStatus() {},
  };
  return { chat, calls };
}

/** Key-value memory that forgets nothing (TTLs are recorded, not enforced). */
export function memoryKeyValues() {
  const entries = new Map<string, { value: unknown; ttlSeconds: number }>();
  const store: KeyValueStore = {
    async get(key) {
      return entries.get(key)?.value ?? null;
    },
    async set(key, value, ttlSeconds) {
      entries.set(key, { value: structuredClone(value), ttlSeconds });
    },
  };
  return { store, entries };
}

interface RunRecord {
  status: ReportRunState['status'];
  run: string;
  leaseEnd: number;
  summaryPosted: boolean;
}

/** Run records in memory, with the transitions of `adapters/redis/report-runs.ts` (one clock: `now`). */
export function memoryReportRuns(now: () => number = Date.now) {
  const records = new Map<string, RunRecord>();
  const view = (r: RunRecord | undefined): ReportRunState | null =>
    r
      ? {
          status: r.status,
          run: r.run,
          leaseLeftMs: r.status === 'delivering' ? Math.max(0, r.leaseEnd - now()) : 0,
          summaryPosted: r.summaryPosted,
        }
      : null;
  const runs: ReportRuns = {
    async read(reportId) {
      return view(records.get(reportId));
    },
    async begin(reportId, runId) {
      const r = records.get(reportId);
      if (!r || r.status === 'running') {
        records.set(reportId, {
          status: 'running',
          run: runId,
          leaseEnd: 0,
          summaryPosted: r?.summaryPosted ?? false,
        });
      }
      return view(records.get(reportId)) as ReportRunState;
    },
    async claimDelivery(reportId, runId, leaseMs): Promise<ClaimOutcome> {
      const r = records.get(reportId);
      if (r?.status === 'delivered' || r?.status === 'failed') return r.status;
      if (r?.status === 'running' && r.run !== runId) return 'superseded';
      if (r?.status === 'delivering' && r.run !== runId && r.leaseEnd > now()) return 'busy';
      records.set(reportId, {
        status: 'delivering',
        run: runId,
        leaseEnd: now() + leaseMs,
        summaryPosted: r?.summaryPosted ?? false,
      });
      return 'claimed';
    },
    async markSummaryPosted(reportId, runId) {
      const r = records.get(reportId);
      if (r?.status !== 'delivering' || r.run !== runId) return false;
      r.summaryPosted = true;
      return true;
    },
    async markDelivered(reportId, runId) {
      const r = records.get(reportId);
      if (r?.status !== 'delivering' || r.run !== runId) return false;
      r.status = 'delivered';
      return true;
    },
    async releaseDelivery(reportId, runId) {
      const r = records.get(reportId);
      if (r?.status === 'delivering' && r.run === runId) r.leaseEnd = 0;
    },
    async markFailed(reportId) {
      const r = records.get(reportId);
      if (r && (r.status === 'delivered' || r.status === 'failed' || r.summaryPosted)) return false;
      if (r?.status === 'delivering' && r.leaseEnd > now()) return false;
      records.set(reportId, { status: 'failed', run: r?.run ?? '', leaseEnd: 0, summaryPosted: false });
      return true;
    },
  };
  return { runs, records };
}

/**
 * A warehouse whose answers come from `answer` (by statement, in the order they run); a thrown
 * error is the warehouse failing that statement. Records every statement.
 */
export function cannedWarehouse(answer: (sql: string, index: number) => CellValue[][]) {
  const sql: string[] = [];
  const warehouse: Warehouse = {
    dialect: 'duckdb',
    async query(statement): Promise<QueryResult> {
      sql.push(statement);
      return { columns: [], rows: answer(statement, sql.length - 1), elapsedMs: 1 };
    },
    async close() {},
  };
  return { warehouse, sql };
}

/** A Gaming report for last quarter vs the year before, ordered in C1 with its progress message P1. */
export function reportJobData(overrides: Partial<ReportJobData> = {}): ReportJobData {
  return {
    request: {
      industry: 'Gaming',
      time: { kind: 'relative', unit: 'quarter', offset: -1 },
      compare: 'previous_year',
    },
    channel: 'C1',
    progressTs: 'P1',
    orderedAt: '2026-01-05T08:59:00.000Z',
    ...overrides,
  };
}

const message = (text: string): RenderedReportMessage => ({ text, blocks: [] });

/** Renderers whose text says what was rendered, so a test reads the chat calls as a story. */
export const namedRenderers: ReportRenderers = {
  progress: (p) => message(`progress ${p.title}: ${p.stage} ${p.index}/${p.total}`),
  summary: (report) => message(`summary ${report.title}`),
  failure: (f) => message(`failure ${f.title}: ${f.message} (ref ${f.reference})`),
  markdown: (report) => `# ${report.title}`,
  html: (report) => `<h1>${report.title}</h1>`,
};

const reportTemplate = parsePromptTemplate(
  readRepoFile('prompts/report-industry/1.0.0.md'),
  'report-industry/1.0.0.md',
);
const allowlist = sqlAllowlist(parseSemanticModelFile(readRepoFile('data/semantic-model.yml')));

/** What produceReport runs on: the offline ask deps over `warehouse`, no model, no documents. */
export function reportDeps(warehouse: Warehouse, overrides: Partial<ReportDeps> = {}): ReportDeps {
  return {
    ask: offlineAskDeps({ warehouse, allowlist, asOf: '2025-10-05' }),
    template: reportTemplate,
    insightsTemplate: null,
    retriever: null,
    formatFigure: (figure) => String(figure.value),
    now: () => new Date('2025-10-06T09:00:00Z'),
    sleep: async () => {},
    ...overrides,
  };
}

/** A report job's deps over fakes; every part can be replaced. */
export function reportJobDeps(overrides: Partial<ReportJobDeps> = {}) {
  const chat = recordingChat();
  const markers = memoryKeyValues();
  const runs = memoryReportRuns();
  const logged: string[] = [];
  let run = 0;
  const deps: ReportJobDeps = {
    report: reportDeps(cannedWarehouse(() => []).warehouse),
    chat: chat.chat,
    markers: markers.store,
    runs: runs.runs,
    newRunId: () => `run-${++run}`,
    render: namedRenderers,
    logger: { warn: (_o, msg) => void logged.push(msg), info: (_o, msg) => void logged.push(msg) },
    timing: { pollMs: 1, leaseMs: 60_000, busyWaitMs: 50, redisWaitMs: 50 },
    sleep: async () => {},
    ...overrides,
  };
  return { deps, calls: chat.calls, markers: markers.entries, runs: runs.records, logged };
}
