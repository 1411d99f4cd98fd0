import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/compose/project-root.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.ts';
import { sendSlackRequest, slashCommand } from '../fakes/slack-signer.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';
import { deletePrefixed } from '../fixtures/redis-cleanup.ts';
import { freePort, signingSecret } from '../fixtures/slack-harness.ts';

let fake: FakeSlack;
let child: ChildProcess;
let stderr = '';
let port = 0;
const prefix = `test-${randomUUID()}:`;

beforeAll(async () => {
  fake = await startFakeSlack({ botToken: 'xoxb-test' });
  port = await freePort();
  child = spawn(process.execPath, [resolve(projectRoot, 'bin/scout.js'), 'serve'], {
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: fake.url,
      PORT: String(port),
      DUCKDB_PATH: sampleWarehouse,
      SCOUT_REDIS_PREFIX: prefix,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const deadline = Date.now() + 30_000;
  while (!stderr.includes('Scout is listening')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`serve did not start:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await fake.close();
  const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  await deletePrefixed(redis, prefix);
  redis.disconnect();
});

describe('scout serve', () => {
  it('answers, logs structured lines without message text, and stops cleanly on SIGTERM', async () => {
    const question = 'what share of spend went to CTV in 2025';
    const response = await sendSlackRequest(
      `http://127.0.0.1:${port}/slack/events`,
      'command',
      slashCommand({ command: '/ask', text: question, response_url: fake.responseUrl() }),
      { signingSecret },
    );
    expect(response.status).toBe(200);
    await fake.waitFor(
      (calls) => calls.some((c) => c.method === 'chat.postMessage' && c.status === 200),
      15_000,
    );

    const exited = new Promise<number | null>((resolveExit) =>
      child.once('exit', (code) => resolveExit(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const lines = stderr.split('\n').filter((line) => line.startsWith('{'));
    const answered = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'answered');
    expect(answered).toMatchObject({
      useCase: 'answer',
      surface: 'slash_command',
      user: 'U0001',
      channel: 'C0001',
      status: 'answered',
    });
    expect(answered.requestId).toEqual(expect.any(String));
    expect(answered.latencyMs).toEqual(expect.any(Number));
    expect(stderr).not.toContain(question);
    expect(stderr).not.toContain('xoxb-test');
    expect(lines.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
  });
});
