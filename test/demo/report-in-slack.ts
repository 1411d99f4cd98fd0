/**
 * `npm run demo:report`: the real Scout Slack app (Bolt, BullMQ worker, Redis, DuckDB) against the
 * local Slack-compatible endpoint. Orders "/report gaming Q3 2025" as a signed slash command and
 * prints what Slack received; the uploaded files land in out/demo/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../src/compose/project-root.ts';
import { sendSlackRequest, slashCommand } from '../fakes/slack-signer.ts';
import { signingSecret, startSlackHarness } from '../fixtures/slack-harness.ts';

const text = process.argv.slice(2).join(' ') || 'gaming Q3 2025';
const h = await startSlackHarness();
try {
  const started = performance.now();
  const ack = await sendSlackRequest(
    h.url,
    'command',
    slashCommand({ command: '/report', text, response_url: h.fake.responseUrl() }),
    { signingSecret },
  );
  console.log(`/report ${text} -> HTTP ${ack.status} in ${Math.round(ack.elapsedMs)} ms`);
  await h.fake.waitFor(
    (calls) =>
      calls.some(
        (c) => c.method === 'chat.update' && JSON.stringify(c.args.blocks ?? []).includes('"type":"header"'),
      ),
    120_000,
  );
  await new Promise((r) => setTimeout(r, 1500));
  console.log(`report posted in ${((performance.now() - started) / 1000).toFixed(1)} s; Slack received:`);
  for (const call of h.fake.calls) {
    const detail = call.method.startsWith('chat.')
      ? String(call.args.text ?? '').slice(0, 100)
      : call.method === 'files.completeUploadExternal'
        ? JSON.stringify(call.args.files)
        : '';
    console.log(`  ${call.method} ${call.status}${detail ? ` · ${detail}` : ''}`);
  }
  const out = resolve(projectRoot, 'out/demo');
  mkdirSync(out, { recursive: true });
  for (const upload of h.fake.uploads) writeFileSync(resolve(out, upload.filename), upload.bytes);
  console.log(`${h.fake.uploads.length} files written to ${out}`);
} finally {
  await h.close();
}
