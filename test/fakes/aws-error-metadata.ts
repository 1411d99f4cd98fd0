/** `$metadata` as the AWS SDK's deserializer and retry middleware leave it on a thrown error. */
export function sdkErrorMetadata(httpStatusCode: number, attempts = 1) {
  return { httpStatusCode, requestId: 'req-1', attempts, totalRetryDelay: 0 };
}
