import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AskAnswer } from '../usecases/ask/answer-types.ts';

/** Charts not asked for go to one folder of Scout's that keeps only the newest few. */
const KEPT_CHARTS = 20;

export function writeChart(answer: AskAnswer, requested: string | true | undefined): string | null {
  if (!answer.chart || answer.chart.png.length === 0) return null;
  if (typeof requested === 'string') {
    const path = resolve(requested);
    writeFileSync(path, answer.chart.png);
    return path;
  }
  const folder = join(tmpdir(), 'scout-charts');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${answer.id}.png`);
  writeFileSync(path, answer.chart.png);
  pruneCharts(folder, KEPT_CHARTS);
  return path;
}

/** Deletes all but the newest `keep` PNGs; best effort, since another run may be pruning too. */
function pruneCharts(folder: string, keep: number): void {
  const charts = readdirSync(folder)
    .filter((name) => name.endsWith('.png'))
    .map((name) => {
      const path = join(folder, name);
      try {
        return { path, mtime: statSync(path).mtimeMs };
      } catch {
        return null;
      }
    })
    .filter((chart): chart is { path: string; mtime: number } => chart !== null)
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of charts.slice(keep)) rmSync(old.path, { force: true });
}
