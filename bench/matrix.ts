import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchAuditStores, type AuditBenchResult } from './audit-store.bench';
import { cpuLayout, type BenchOptions } from './bench-options';
import { LoadGenerator, measureCell, type CellResult } from './measure';
import { benchSchema } from './postgres-schema';
import { markdownTable, ratiosToBare, runMeta, writeJson } from './report';
import { expectOk, gatewayJob, newBenchKeys, upstreamJob, type BenchKeys } from './scan-request';
import { REPO_ROOT, startBare, startGateway, startUpstream, type RunningTarget } from './targets';

interface TargetPlan {
  name: string;
  start(upstreamUrl: string): Promise<RunningTarget>;
  /** Runs against its own sandbox (the upstream target) instead of the shared one. */
  standalone?: boolean;
}

function plans(keys: BenchKeys, options: BenchOptions, dir: string, pgUrl: string): TargetPlan[] {
  const { target: cpu } = cpuLayout(options);
  const gateway = (name: string, auditDb: string, logLevel: string): TargetPlan => ({
    name,
    start: (upstreamUrl) => startGateway(keys, { name, upstreamUrl, auditDb, logLevel, cpus: cpu }),
  });
  const all: TargetPlan[] = [
    { name: 'upstream', standalone: true, start: () => startUpstream(keys, cpu) },
    { name: 'bare', start: (upstreamUrl) => startBare(keys, upstreamUrl, cpu) },
    gateway('gateway/sqlite', `sqlite:${join(dir, 'audit-warn.db')}`, 'warn'),
    gateway('gateway/postgres', pgUrl, 'warn'),
    // Same as gateway/sqlite with one info line per request: the difference is the logging cost.
    gateway('gateway/sqlite+info-log', `sqlite:${join(dir, 'audit-info.db')}`, 'info'),
  ];
  return all.filter((p) => options.only.length === 0 || options.only.some((o) => p.name.includes(o)));
}

const SHARING =
  'target process pinned to CPU 0 (taskset -c 0, all its threads); load generator (autocannon) and the shared upstream ' +
  'sandbox pinned together to CPU 1; the orchestrator is idle during cells (samples /proc every 100 ms)';

/** The side-by-side run: every target at every concurrency, one process each, same upstream and load generator. */
export async function runMatrix(options: BenchOptions): Promise<boolean> {
  const keys = newBenchKeys();
  const { side } = cpuLayout(options);
  const dir = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
  const pg = benchSchema(options.postgresUrl);
  const load = await LoadGenerator.start(side);
  const shared = await startUpstream(keys, side);
  const cells: CellResult[] = [];
  const failures: { target: string; message: string }[] = [];
  try {
    for (const plan of plans(keys, options, dir, pg.url)) {
      process.stderr.write(`== ${plan.name}\n`);
      let target: RunningTarget | undefined;
      try {
        const running = await plan.start(shared.url);
        target = running;
        const job = (c: number) =>
          plan.standalone ? upstreamJob(running.url, keys, c, options.durationS) : gatewayJob(running.url, keys, c, options.durationS);
        await expectOk(job(1));
        for (const c of options.concurrency) {
          const cell = await measureCell(load, running, job(c), options.warmupS, plan.standalone ? [] : [shared.child.pid]);
          process.stderr.write(`   c=${c}: ${cell.rps} req/s p50 ${cell.p50Ms} p99 ${cell.p99Ms} p99.9 ${cell.p999Ms} ms, RSS ${cell.peakRssMb} MB, CPU ${cell.targetCpuPct}% (CPU 1: ${cell.sideCpuPct}%)\n`);
          cells.push(cell);
        }
      } catch (e) {
        const message = (e as Error).message;
        process.stderr.write(`!! ${plan.name} FAILED: ${message}\n`);
        failures.push({ target: plan.name, message });
      } finally {
        await target?.close();
      }
    }
  } finally {
    await shared.close();
    await load.close();
    await pg.drop().catch((e: Error) => process.stderr.write(`could not drop bench schema: ${e.message}\n`));
    rmSync(dir, { recursive: true, force: true });
  }
  let auditStores: AuditBenchResult | undefined;
  if (options.auditStores) {
    // The audit author's store micro-benchmark (append throughput and verify speed), in this process after the cells.
    process.stderr.write('== audit stores (bench/audit-store.bench.ts)\n');
    auditStores = await benchAuditStores({ durationMs: 2000, concurrency: [1, 16, 64], print: false }).catch((e: Error) => {
      failures.push({ target: 'audit-store.bench', message: e.message });
      return undefined;
    });
  }
  const ratios = ratiosToBare(cells);
  const verdict = targetsVerdict(cells);
  const meta = runMeta(options.pin ? SHARING : 'not pinned: the kernel schedules all processes over both cores');
  writeJson(join(REPO_ROOT, 'bench/results/latest.json'), { meta, options, cells, ratios, verdict, auditStores, failures });
  process.stdout.write(`\n${markdownTable(cells, ratios)}\n\n${JSON.stringify(verdict, null, 2)}\n`);
  return failures.length === 0 && cells.every((c) => c.non200 + c.errors + c.timeouts === 0);
}

/** The targets: gateway/sqlite >= 50% of bare's throughput at c=64; gateway p99 <= 2x bare's at c=16. */
export function targetsVerdict(cells: CellResult[]): Record<string, unknown> {
  const find = (t: string, c: number) => cells.find((x) => x.target === t && x.connections === c);
  const out: Record<string, unknown> = {};
  const bare64 = find('bare', 64);
  const gw64 = find('gateway/sqlite', 64);
  if (bare64 && gw64) {
    const ratio = Math.round((gw64.rps / bare64.rps) * 100) / 100;
    out.throughputC64 = { gatewaySqliteRps: gw64.rps, bareRps: bare64.rps, ratio, target: 0.5, met: ratio >= 0.5 };
  }
  const bare16 = find('bare', 16);
  for (const t of ['gateway/sqlite', 'gateway/postgres']) {
    const gw16 = find(t, 16);
    if (bare16 && gw16) {
      const ratio = Math.round((gw16.p99Ms / bare16.p99Ms) * 100) / 100;
      out[`p99C16:${t}`] = { gatewayP99Ms: gw16.p99Ms, bareP99Ms: bare16.p99Ms, ratio, target: 2, met: ratio <= 2 };
    }
  }
  return out;
}
