import type { CellResult } from './measure';
import { markdownTable, ratiosToBare } from './report';

const cell = (target: string, connections: number, rps: number, p99Ms: number): CellResult => ({
  target, connections, rps, p99Ms, durationS: 8, p50Ms: 1, p999Ms: 2, meanMs: 1, maxMs: 3, ok: rps * 8,
  non200: 0, errors: 0, timeouts: 0, peakRssMb: 100, targetCpuPct: 99, cpuUsPerReq: 300, sysUsPerReq: 100, sideCpuPct: 50,
});

describe('ratiosToBare', () => {
  it('divides each target by bare at the same concurrency, and skips bare itself', () => {
    const cells = [cell('bare', 16, 4000, 5), cell('bare', 64, 5000, 20), cell('gateway/sqlite', 16, 2000, 8), cell('gateway/sqlite', 64, 2600, 30)];
    expect(ratiosToBare(cells)).toEqual([
      { target: 'gateway/sqlite', connections: 16, rpsVsBare: 0.5, p99VsBare: 1.6 },
      { target: 'gateway/sqlite', connections: 64, rpsVsBare: 0.52, p99VsBare: 1.5 },
    ]);
  });

  it('has no ratio for a concurrency bare was not run at', () => {
    expect(ratiosToBare([cell('bare', 16, 1, 1), cell('upstream', 1, 1, 1)])).toEqual([]);
  });
});

describe('markdownTable', () => {
  it('prints one row per cell with the ratio columns, and flags failed requests', () => {
    const cells = [cell('bare', 16, 4000, 5), { ...cell('gateway/sqlite', 16, 2000, 8), non200: 3 }];
    const table = markdownTable(cells, ratiosToBare(cells)).split('\n');
    expect(table).toHaveLength(4);
    expect(table[2]).toContain('| bare | 16 | 4000 |');
    expect(table[3]).toMatch(/^\| gateway\/sqlite ⚠ \| 16 \| 2000 .*\| 0\.50 \| 1\.60 \|$/);
  });
});
