import type { Config } from '../config.ts';

/** Region, endpoint override (tests point it at local fakes) and attempts, for every AWS client. */
export function awsClientConfig(config: Config, endpoint: string | undefined) {
  return {
    region: config.env.AWS_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: config.env.BEDROCK_MAX_ATTEMPTS,
  };
}
