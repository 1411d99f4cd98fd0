/**
 * Athena's on-demand price: $5 per TB scanned, rounded up to the next MB, with a 10 MB minimum
 * per query. Failed queries are free; cancelled ones still bill what they scanned; a query that
 * scanned nothing (a reused result) costs nothing. TB and MB are binary (2^40, 2^20 bytes), as
 * in AWS's pricing calculator. Re-check the price on the AWS page before quoting it.
 */
const BYTES_PER_MB = 1024 ** 2;
const MB_PER_TB = 1024 ** 2;
const USD_PER_TB = 5;
const MINIMUM_MB = 10;

export function athenaQueryCostUsd(
  bytesScanned: number | undefined,
  state: 'SUCCEEDED' | 'FAILED' | 'CANCELLED' = 'SUCCEEDED',
): number {
  if (state === 'FAILED' || bytesScanned === undefined || !(bytesScanned > 0)) return 0;
  const megabytes = Math.max(MINIMUM_MB, Math.ceil(bytesScanned / BYTES_PER_MB));
  return (megabytes * USD_PER_TB) / MB_PER_TB;
}
