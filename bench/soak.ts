import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuLayout, type BenchOptions } from './bench-options';
import { LoadGenerator } from './measure';
import { readProc, type ProcSnapshot } from './proc-stats';
import { runMeta, writeJson } from './report';
import { expectOk, gatewayJob, newBenchKeys } from './scan-request';
import { REPO_ROOT, startGateway, startUpstream } from './targets';

const WARMUP_S = 15;
/** Past the gateway's 5 s keep-alive timeout, so the load generator's idle sockets are gone before a reading. */
const SETTLE_MS = 6_500;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const mb = (kb: number): number => Math.round(kb / 102.4) / 10;

/** ~200k requests against gateway/sqlite: RSS after warm-up vs at the end, open fds, audit rows written. */
export async function runSoak(options: BenchOptions): Promise<boolean> {
  const keys = newBenchKeys();
  const { side, target: cpu } = cpuLayout(options);
  const dir = mkdtempSync(join(tmpdir(), 'gateway-soak-'));
  const dbPath = join(dir, 'audit.db');
  const load = await LoadGenerator.start(side);
  const upstream = await startUpstream(keys, side);
  const gateway = await startGateway(keys, { name: 'gateway/sqlite', upstreamUrl: upstream.url, auditDb: `sqlite:${dbPath}`, logLevel: 'warn', cpus: cpu });
  const pid = gateway.child.pid;
  let timer: NodeJS.Timeout | undefined;
  try {
    const job = gatewayJob(gateway.url, keys, options.soakConnections, WARMUP_S);
    await expectOk(job);
    const warm = await load.run(job);
    await sleep(SETTLE_MS);
    process.stderr.write(`== soak: warm-up ${warm.ok} requests at ${warm.rps} req/s; now ${options.soakRequests} requests at c=${options.soakConnections}\n`);
    const baseline = readProc(pid);
    const timeline: (ProcSnapshot & { t: number })[] = [];
    const t0 = Date.now();
    timer = setInterval(() => {
      const t = Math.round((Date.now() - t0) / 1000);
      const snap = readProc(pid);
      timeline.push({ t, ...snap });
      if (t % 30 === 0) process.stderr.write(`   soak t=${t}s RSS ${mb(snap.rssKb)} MB fds ${snap.fds}\n`);
    }, 1000);
    const soak = await load.run({ ...job, amount: options.soakRequests, durationS: 0 });
    clearInterval(timer);
    await sleep(SETTLE_MS);
    const end = readProc(pid);
    await gateway.close();
    const db = new Database(dbPath, { readonly: true });
    const auditRows = (db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
    db.close();

    const requests = 1 + warm.ok + warm.non200 + soak.ok + soak.non200;
    const rssRatio = Math.round((end.rssKb / baseline.rssKb) * 1000) / 1000;
    const quarter = (q: number) => timeline[Math.min(timeline.length - 1, Math.floor((timeline.length - 1) * q))];
    const result = {
      meta: runMeta(options.pin ? 'gateway on CPU 0; load generator + upstream on CPU 1' : 'not pinned'),
      connections: options.soakConnections,
      warmup: { durationS: WARMUP_S, ok: warm.ok },
      soak: { requests: options.soakRequests, ok: soak.ok, non200: soak.non200, errors: soak.errors, timeouts: soak.timeouts, elapsedS: soak.elapsedS, rps: soak.rps, latency: soak.latency },
      baseline: { rssMb: mb(baseline.rssKb), fds: baseline.fds },
      end: { rssMb: mb(end.rssKb), fds: end.fds, hwmMb: mb(end.hwmKb) },
      duringLoad: {
        rssMbAt: [0.25, 0.5, 0.75, 1].map((q) => ({ at: q, rssMb: mb(quarter(q).rssKb), fds: quarter(q).fds })),
        maxRssMb: mb(Math.max(...timeline.map((s) => s.rssKb))),
        maxFds: Math.max(...timeline.map((s) => s.fds)),
      },
      rssEndVsBaseline: rssRatio,
      memoryFlat: rssRatio <= 1.2,
      fdsBackToBaseline: end.fds <= baseline.fds,
      audit: { rows: auditRows, requests, rowsPerRequest: Math.round((auditRows / requests) * 100) / 100 },
      timeline: timeline.map((s) => ({ t: s.t, rssMb: mb(s.rssKb), fds: s.fds, cpuMs: s.cpuMs })),
    };
    writeJson(join(REPO_ROOT, 'bench/results/soak-latest.json'), result);
    const { timeline: _omit, ...brief } = result;
    process.stdout.write(`${JSON.stringify(brief, null, 2)}\n`);
    return result.memoryFlat && result.fdsBackToBaseline && soak.non200 + soak.errors + soak.timeouts === 0;
  } finally {
    clearInterval(timer);
    await gateway.close();
    await upstream.close();
    await load.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
