import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeChart } from '../../src/cli/chart-files.ts';
import type { AskAnswer } from '../../src/usecases/ask/answer-types.ts';

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47]);
const withChart = (id: string) => ({ id, chart: { png, spec: {} } }) as unknown as AskAnswer; // only id and chart are read

describe('chart files on the command line', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the chart where --chart says', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scout-chart-test-'));
    dirs.push(dir);
    const path = writeChart(withChart('a-1'), join(dir, 'c.png'));
    expect(path).toBe(join(dir, 'c.png'));
    expect(readFileSync(join(dir, 'c.png'))).toEqual(Buffer.from(png));
  });

  it('keeps only the newest 20 charts it was not asked to place', () => {
    const written = Array.from({ length: 25 }, (_, i) =>
      writeChart(withChart(`t-${process.pid}-${i}`), undefined),
    );
    const folder = join(tmpdir(), 'scout-charts');
    const ours = readdirSync(folder).filter((name) => name.startsWith(`t-${process.pid}-`));
    expect(readdirSync(folder).length).toBeLessThanOrEqual(20);
    expect(existsSync(written[24] as string)).toBe(true);
    expect(ours.length).toBeLessThanOrEqual(20);
    for (const path of written) rmSync(path as string, { force: true });
  });

  it('writes nothing when the answer has no chart', () => {
    expect(writeChart({ id: 'a-2', chart: null } as unknown as AskAnswer, undefined)).toBeNull(); // only id and chart are read
  });
});
