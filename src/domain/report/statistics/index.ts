/** The report pipeline's statistics stage: pure, deterministic functions. */
export * from './anomalies.ts';
export * from './change.ts';
export * from './significance.ts';
export * from './trend.ts';
