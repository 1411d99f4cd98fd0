import { z } from 'zod';
import type { KeyValueStore } from '../../ports.ts';
import type { PitchResult } from './pitch-result.ts';
import { type RecordedQuery, recordedQuerySchema } from './recorded-queries.ts';

/**
 * What Scout keeps of a pitch posted in Slack, for its buttons and its thread: the request, the
 * query results it was written from (re-writes replay them), and its facts, objections and
 * sources (thread questions are answered from them). Read back through this schema.
 */
export const pitchMemorySchema = z.object({
  id: z.string(),
  brand: z.string(),
  program: z.object({ program_id: z.string(), name: z.string() }),
  goal: z.string().nullable(),
  style: z.object({ shorter: z.boolean().optional(), formal: z.boolean().optional() }),
  alternatives: z.array(z.string()),
  channel: z.string(),
  threadTs: z.string(),
  queries: z.array(recordedQuerySchema),
  facts: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      value: z.number(),
      display: z.string(),
      sql: z.string().nullable(),
      source: z.string(),
    }),
  ),
  objections: z.array(z.object({ objection: z.string(), response: z.string() })),
  citations: z.array(z.object({ title: z.string(), source: z.string(), excerpt: z.string() })),
});
export type PitchMemory = z.infer<typeof pitchMemorySchema>;

const pointerSchema = z.object({ pitchId: z.string() });
const pitchKey = (id: string) => `pitch:${id}`;
const threadKey = (channel: string, threadTs: string) => `pitch-thread:${channel}:${threadTs}`;

export function pitchMemoryOf(
  pitch: PitchResult,
  where: { channel: string; threadTs: string; goal: string | null; queries: RecordedQuery[] },
): PitchMemory | null {
  if (pitch.status !== 'drafted' || !pitch.brand || !pitch.program) return null;
  return {
    id: pitch.id,
    brand: pitch.brand,
    program: pitch.program,
    goal: where.goal,
    style: pitch.style,
    alternatives: pitch.alternatives,
    channel: where.channel,
    threadTs: where.threadTs,
    queries: where.queries,
    facts: pitch.facts,
    objections: pitch.objections,
    citations: pitch.citations,
  };
}

/** Keeps the pitch by id (its buttons) and makes it the one its thread's questions are about. */
export async function rememberPitch(store: KeyValueStore, memory: PitchMemory, ttlSeconds: number) {
  await store.set(pitchKey(memory.id), memory, ttlSeconds);
  await store.set(threadKey(memory.channel, memory.threadTs), { pitchId: memory.id }, ttlSeconds);
}

export async function recallPitch(store: KeyValueStore, id: string): Promise<PitchMemory | null> {
  const parsed = pitchMemorySchema.safeParse(await store.get(pitchKey(id)));
  return parsed.success ? parsed.data : null;
}

/** The latest pitch posted in this thread, or null when the thread is not a pitch's. */
export async function pitchOfThread(
  store: KeyValueStore,
  channel: string,
  threadTs: string,
): Promise<PitchMemory | null> {
  const pointer = pointerSchema.safeParse(await store.get(threadKey(channel, threadTs)));
  return pointer.success ? recallPitch(store, pointer.data.pitchId) : null;
}
