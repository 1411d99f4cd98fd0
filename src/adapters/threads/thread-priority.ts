import { setPriority } from 'node:os';

/**
 * Lowers the scheduling priority (raises the nice value) of the calling thread, and so of the
 * threads it starts afterwards (DuckDB's), so that when the CPU is short the thread receiving
 * Slack's requests still runs first and acks in time. Linux keeps the nice value per thread
 * (setpriority with pid 0 is the calling thread there); on other systems the same call would
 * slow the whole process, so it does nothing. Returns whether it applied.
 */
export function lowerThreadPriority(nice: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    setPriority(0, nice);
    return true;
  } catch {
    // Not permitted in this container: the thread keeps its priority.
    return false;
  }
}
