import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { CellResult } from './measure';

export interface RunMeta {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  memGb: number;
  commit: string;
  /** When the running dist/ was compiled: the code measured is HEAD only if nothing was committed after this. */
  distBuilt: string;
  coreSharing: string;
}

export interface Ratio {
  target: string;
  connections: number;
  /** target rps / bare rps */
  rpsVsBare: number;
  /** target p99 / bare p99 */
  p99VsBare: number;
}

/** Machine and revision facts recorded with every result file. */
export function runMeta(coreSharing: string): RunMeta {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout: the results still stand, just unlabelled.
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memGb: Math.round(totalmem() / 2 ** 30),
    commit,
    distBuilt: statSync(__filename).mtime.toISOString(),
    coreSharing,
  };
}

const r2 = (v: number): number => Math.round(v * 100) / 100;

/** Every non-bare cell against bare at the same concurrency. */
export function ratiosToBare(cells: CellResult[]): Ratio[] {
  const bare = new Map(cells.filter((c) => c.target === 'bare').map((c) => [c.connections, c]));
  return cells
    .filter((c) => c.target !== 'bare' && bare.has(c.connections))
    .map((c) => {
      const b = bare.get(c.connections) as CellResult;
      return { target: c.target, connections: c.connections, rpsVsBare: r2(c.rps / b.rps), p99VsBare: r2(c.p99Ms / b.p99Ms) };
    });
}

/** The markdown table printed after a run and pasted into docs/performance.md. */
export function markdownTable(cells: CellResult[], ratios: Ratio[]): string {
  const ratioOf = new Map(ratios.map((r) => [`${r.target}@${r.connections}`, r]));
  const lines = [
    '| target | c | req/s | p50 ms | p99 ms | p99.9 ms | peak RSS MB | target CPU % | CPU 1 % | CPU µs/req (sys) | req/s vs bare | p99 vs bare |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const c of cells) {
    const r = ratioOf.get(`${c.target}@${c.connections}`);
    const bad = c.non200 + c.errors + c.timeouts > 0 ? ' ⚠' : '';
    lines.push(
      `| ${c.target}${bad} | ${c.connections} | ${c.rps} | ${c.p50Ms.toFixed(2)} | ${c.p99Ms.toFixed(2)} | ${c.p999Ms.toFixed(2)} | ` +
        `${c.peakRssMb} | ${c.targetCpuPct} | ${c.sideCpuPct} | ${c.cpuUsPerReq} (${c.sysUsPerReq}) | ${r ? r.rpsVsBare.toFixed(2) : '—'} | ${r ? r.p99VsBare.toFixed(2) : '—'} |`,
    );
  }
  return lines.join('\n');
}

/** Writes pretty JSON, creating the directory. */
export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
