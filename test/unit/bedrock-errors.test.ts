import {
  AccessDeniedException as RetrieveAccessDenied,
  ThrottlingException as RetrieveThrottling,
} from '@aws-sdk/client-bedrock-agent-runtime';
import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  InternalServerException,
  ModelTimeoutException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { describe, expect, it } from 'vitest';
import {
  bedrockCallFailed,
  bedrockErrorToScout,
  knowledgeBaseErrorToScout,
} from '../../src/adapters/bedrock/bedrock-errors.ts';
import { worthRetrying } from '../../src/errors.ts';
import { sdkErrorMetadata as metadata } from '../fakes/aws-error-metadata.ts';

describe('bedrockErrorToScout', () => {
  it.each([
    [
      'ThrottlingException',
      new ThrottlingException({ $metadata: metadata(429), message: 'Too many requests' }),
    ],
    [
      'ServiceUnavailableException',
      new ServiceUnavailableException({ $metadata: metadata(503), message: 'unavailable' }),
    ],
    ['InternalServerException', new InternalServerException({ $metadata: metadata(500), message: 'boom' })],
    ['ModelTimeoutException', new ModelTimeoutException({ $metadata: metadata(408), message: 'slow model' })],
  ])('maps %s to a retryable llm_unavailable', (_name, error) => {
    const mapped = bedrockErrorToScout('Converse', error);
    expect(mapped).toMatchObject({
      code: 'llm_unavailable',
      retryable: true,
      retried: false,
      userMessage: 'The language model is unavailable right now.',
    });
    expect(mapped.cause).toBe(error);
  });

  it('marks a throttle the SDK already retried as retried, so no caller retries it again', () => {
    const error = new ThrottlingException({ $metadata: metadata(429, 3), message: 'Too many requests' });
    const mapped = bedrockErrorToScout('Converse', error);
    expect(mapped).toMatchObject({ code: 'llm_unavailable', retryable: true, retried: true });
    expect(worthRetrying(mapped)).toBe(false);
  });

  it('reads the attempts the real SDK retry middleware counted on a refused connection', async () => {
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'x' },
      requestHandler: new NodeHttpHandler(),
      maxAttempts: 2,
    });
    const thrown = await client
      .send(new ConverseCommand({ modelId: 'm', messages: [{ role: 'user', content: [{ text: 'q' }] }] }))
      .catch((error: unknown) => error);
    client.destroy();
    expect(bedrockErrorToScout('Converse', thrown)).toMatchObject({
      code: 'llm_unavailable',
      retryable: true,
      retried: true,
    });
  });

  it('maps AccessDeniedException to a non-retryable llm_rejected that says access is missing', () => {
    const error = new AccessDeniedException({
      $metadata: metadata(403),
      message: 'User arn:aws:iam::123456789012:user/scout is not authorized',
    });
    const mapped = bedrockErrorToScout('Converse', error);
    expect(mapped).toMatchObject({ code: 'llm_rejected', retryable: false });
    expect(mapped.userMessage).toMatch(/not allowed to use the configured model/);
    expect(mapped.userMessage).not.toContain('arn:aws');
  });

  it('maps a ValidationException to llm_rejected naming the class, not the message', () => {
    const error = new ValidationException({
      $metadata: metadata(400),
      message: 'The model id secret-x is bad',
    });
    const mapped = bedrockErrorToScout('Converse', error);
    expect(mapped).toMatchObject({ code: 'llm_rejected', retryable: false });
    expect(mapped.userMessage).toContain('ValidationException');
    expect(mapped.userMessage).not.toContain('secret-x');
  });

  it('maps a reset HTTP/2 stream and an unreadable 2xx body to llm_unavailable', () => {
    const reset = Object.assign(new Error('Stream closed with error code NGHTTP2_INTERNAL_ERROR'), {
      code: 'ERR_HTTP2_STREAM_ERROR',
    });
    const unreadable = Object.assign(new SyntaxError('Unexpected token < in JSON'), {
      $metadata: { httpStatusCode: 200 },
    });
    expect(bedrockErrorToScout('ConverseStream', reset)).toMatchObject({
      code: 'llm_unavailable',
      retryable: true,
    });
    expect(bedrockErrorToScout('Converse', unreadable)).toMatchObject({
      code: 'llm_unavailable',
      retryable: true,
    });
  });

  it('maps a call past its deadline to llm_unavailable with its retries spent', () => {
    const signal = AbortSignal.abort();
    const mapped = bedrockCallFailed('Converse', new Error('Request aborted'), signal);
    expect(mapped).toMatchObject({ code: 'llm_unavailable', retryable: true, retried: true });
  });

  it('maps what is not an SDK error to internal, with a generic user message', () => {
    const mapped = bedrockErrorToScout(
      'Converse',
      new TypeError("Cannot read properties of undefined (reading 'text')"),
    );
    expect(mapped).toMatchObject({ code: 'internal', retryable: false });
    expect(mapped.userMessage).toBe('Something went wrong on my side.');
    expect(bedrockErrorToScout('Converse', 'a string')).toMatchObject({ code: 'internal' });
  });
});

describe('knowledgeBaseErrorToScout', () => {
  it('maps a Retrieve throttle to a retryable retriever_failed', () => {
    const error = new RetrieveThrottling({ $metadata: metadata(429), message: 'Rate exceeded' });
    expect(knowledgeBaseErrorToScout('Retrieve', error)).toMatchObject({
      code: 'retriever_failed',
      retryable: true,
      retried: false,
      userMessage: 'The knowledge base is unavailable right now.',
    });
  });

  it('maps a Retrieve access denial to a non-retryable retriever_failed', () => {
    const error = new RetrieveAccessDenied({ $metadata: metadata(403), message: 'no access to kb-1' });
    const mapped = knowledgeBaseErrorToScout('Retrieve', error);
    expect(mapped).toMatchObject({ code: 'retriever_failed', retryable: false });
    expect(mapped.userMessage).not.toContain('kb-1');
  });

  it('maps what is not an SDK error to internal', () => {
    expect(knowledgeBaseErrorToScout('Retrieve', new RangeError('bad'))).toMatchObject({ code: 'internal' });
  });
});
