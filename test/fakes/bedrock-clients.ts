import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { FakeBedrock } from './fake-bedrock.ts';

/** Static fake credentials: the SDK still signs (SigV4), the fake accepts any Authorization. */
export const FAKE_AWS_CREDENTIALS = { accessKeyId: 'AKIDFAKESCOUT', secretAccessKey: 'fake-secret' } as const;

export interface BedrockClients {
  runtime: BedrockRuntimeClient;
  agent: BedrockAgentRuntimeClient;
  /** Destroys both clients (closes their HTTP/2 sessions / sockets). */
  destroy(): void;
}

/**
 * The real Bedrock clients pointed at a fake. Defaults to HTTP/2 (the SDK's own NodeHttp2Handler)
 * and `maxAttempts: 1`, so retries happen only where a test asks for them; `http1` swaps in
 * `NodeHttpHandler` for a fake started with `{ http1: true }`.
 */
export function bedrockClientsFor(
  fake: Pick<FakeBedrock, 'url'>,
  options: { maxAttempts?: number; http1?: boolean } = {},
): BedrockClients {
  const config = () => ({
    region: 'us-east-1',
    endpoint: fake.url,
    credentials: FAKE_AWS_CREDENTIALS,
    maxAttempts: options.maxAttempts ?? 1,
    // Pinned, so a stray AWS_BEARER_TOKEN_BEDROCK in the environment cannot switch the runtime
    // client to `Authorization: Bearer` (the env var alone flips its preference).
    authSchemePreference: ['sigv4'],
    // One handler per client: destroying a client destroys its handler.
    ...(options.http1 ? { requestHandler: new NodeHttpHandler() } : {}),
  });
  const runtime = new BedrockRuntimeClient(config());
  const agent = new BedrockAgentRuntimeClient(config());
  return {
    runtime,
    agent,
    destroy: () => {
      runtime.destroy();
      agent.destroy();
    },
  };
}
