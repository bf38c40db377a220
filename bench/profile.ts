import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuLayout, type BenchOptions } from './bench-options';
import { summarizeProfile, type CpuProfile } from './cpu-profile-summary';
import { LoadGenerator, measureCell } from './measure';
import { nextMessage } from './processes';
import { runMeta, writeJson } from './report';
import { expectOk, gatewayJob, newBenchKeys } from './scan-request';
import { REPO_ROOT, startGateway, startUpstream } from './targets';

/** CPU profile of gateway/sqlite under load at `profileConnections`, summarized by self time. */
export async function runProfile(options: BenchOptions): Promise<boolean> {
  const keys = newBenchKeys();
  const { side, target: cpu } = cpuLayout(options);
  const dir = mkdtempSync(join(tmpdir(), 'gateway-profile-'));
  const outDir = join(REPO_ROOT, 'bench/results/profiles');
  mkdirSync(outDir, { recursive: true });
  const load = await LoadGenerator.start(side);
  const upstream = await startUpstream(keys, side);
  const gateway = await startGateway(keys, {
    name: `gateway/sqlite (profiled, LOG_LEVEL=${options.profileLogLevel})`,
    upstreamUrl: upstream.url,
    auditDb: `sqlite:${join(dir, 'audit.db')}`,
    logLevel: options.profileLogLevel,
    cpus: cpu,
    profiled: true,
  });
  try {
    const job = gatewayJob(gateway.url, keys, options.profileConnections, options.durationS);
    await expectOk(job);
    await load.run({ ...job, durationS: Math.max(options.warmupS, 3) });
    const started = nextMessage(gateway.child, 'profile-started');
    gateway.child.proc.send({ type: 'profile-start' });
    await started;
    const cell = await measureCell(load, gateway, job, 0, [upstream.child.pid]);
    const written = nextMessage<{ type: 'profile-written'; file: string }>(gateway.child, 'profile-written');
    gateway.child.proc.send({ type: 'profile-stop', dir: outDir });
    const { file } = await written;
    const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, 30);
    writeJson(join(REPO_ROOT, `bench/results/profile-${options.profileLogLevel}.json`), { meta: runMeta('as the matrix'), cell, profileFile: file, summary });
    process.stdout.write(`\nprofiled (LOG_LEVEL=${options.profileLogLevel}) at c=${cell.connections}: ${cell.rps} req/s (profiler on), p99 ${cell.p99Ms} ms\n`);
    process.stdout.write(`busy ${summary.busyMs} ms of ${summary.wallMs} ms wall\n\nTop modules (self):\n`);
    for (const m of summary.modules) process.stdout.write(`  ${m.pct.toFixed(1).padStart(5)}%  ${m.selfMs} ms  ${m.name}\n`);
    process.stdout.write('\nTop functions (self):\n');
    for (const f of summary.functions) process.stdout.write(`  ${f.pct.toFixed(1).padStart(5)}%  ${f.selfMs} ms  ${f.name}\n`);
    return cell.non200 + cell.errors === 0;
  } finally {
    await gateway.close();
    await upstream.close();
    await load.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
