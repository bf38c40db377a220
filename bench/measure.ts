import { join } from 'node:path';
import type { LoadJob, LoadResult } from './load-protocol';
import { forkChild, nextMessage, stopChild, type BenchChild } from './processes';
import { readProc, watchProc } from './proc-stats';
import type { RunningTarget } from './targets';

/** One measured (target, concurrency) pair. */
export interface CellResult {
  target: string;
  connections: number;
  durationS: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  meanMs: number;
  maxMs: number;
  ok: number;
  non200: number;
  errors: number;
  timeouts: number;
  /** Peak resident set of the target process during the cell. */
  peakRssMb: number;
  /** Target's CPU time over the cell as a share of one core (100 = one core busy). */
  targetCpuPct: number;
  /** Target CPU time per successful request: the cost independent of how the cores were shared. */
  cpuUsPerReq: number;
  /** The kernel's share of cpuUsPerReq (syscalls: socket I/O, fsync). */
  sysUsPerReq: number;
  /** CPU 1's load: load generator + shared upstream, % of one core (near 100 means they, not the target, were the limit). */
  sideCpuPct: number;
}

/** The load-generator process. */
export class LoadGenerator {
  private constructor(private readonly child: BenchChild) {}

  static async start(cpus?: string): Promise<LoadGenerator> {
    const child = forkChild(join(__dirname, 'load.child.js'), { cpus });
    await nextMessage(child, 'ready');
    return new LoadGenerator(child);
  }

  get pid(): number {
    return this.child.pid;
  }

  async run(job: LoadJob): Promise<LoadResult> {
    // A count-bound job (the soak) runs as long as the target needs; a timed one gets its duration plus slack.
    const timeoutMs = job.amount !== undefined ? 4 * 3600_000 : job.durationS * 1000 + 600_000;
    const done = nextMessage<{ type: 'result'; result: LoadResult }>(this.child, 'result', timeoutMs);
    this.child.proc.send(job);
    return (await done).result;
  }

  close(): Promise<void> {
    this.child.proc.disconnect();
    return stopChild(this.child);
  }
}

const mb = (kb: number): number => Math.round(kb / 102.4) / 10;

/** Warms the target up at the cell's concurrency, then measures it while sampling the target's /proc. */
export async function measureCell(
  load: LoadGenerator,
  target: RunningTarget,
  job: LoadJob,
  warmupS: number,
  sidePids: number[] = [],
): Promise<CellResult> {
  if (warmupS > 0) await load.run({ ...job, durationS: warmupS });
  const watch = watchProc(target.child.pid);
  const side = [load.pid, ...sidePids.filter((p) => p !== target.child.pid)];
  const sideCpu = (): number => side.reduce((sum, pid) => sum + readProc(pid).cpuMs, 0);
  const before = readProc(target.child.pid);
  const sideBefore = sideCpu();
  const result = await load.run(job);
  const after = readProc(target.child.pid);
  const sideMs = sideCpu() - sideBefore;
  const { peakRssKb } = watch.stop();
  const cpuMs = after.cpuMs - before.cpuMs;
  const cell: CellResult = {
    target: target.name,
    connections: job.connections,
    durationS: result.elapsedS,
    rps: result.rps,
    p50Ms: result.latency.p50Ms,
    p99Ms: result.latency.p99Ms,
    p999Ms: result.latency.p999Ms,
    meanMs: result.latency.meanMs,
    maxMs: result.latency.maxMs,
    ok: result.ok,
    non200: result.non200,
    errors: result.errors,
    timeouts: result.timeouts,
    peakRssMb: mb(peakRssKb),
    targetCpuPct: Math.round((cpuMs / (result.elapsedS * 1000)) * 100),
    cpuUsPerReq: result.ok > 0 ? Math.round((cpuMs * 1000) / result.ok) : NaN,
    sysUsPerReq: result.ok > 0 ? Math.round(((after.sysMs - before.sysMs) * 1000) / result.ok) : NaN,
    sideCpuPct: Math.round((sideMs / (result.elapsedS * 1000)) * 100),
  };
  if (cell.non200 + cell.errors + cell.timeouts > 0) {
    process.stderr.write(`WARNING ${cell.target} c=${cell.connections}: ${cell.non200} non-200, ${cell.errors} errors, ${cell.timeouts} timeouts\n`);
  }
  return cell;
}
