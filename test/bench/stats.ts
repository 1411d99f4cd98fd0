/** Small statistics helpers for benchmark reports. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function mean(samples: number[]): number {
  return samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
}

export function ms(value: number): string {
  return value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(1)} ms`;
}

/** "0.42× target (under 2 ms)": below 1 meets the target. */
export function versus(value: number, target: number): string {
  return `${(value / target).toFixed(2)}× target ${value <= target ? 'OK' : 'MISSED'}`;
}
