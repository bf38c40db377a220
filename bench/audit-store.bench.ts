import { type AuditEventInput, type AuditStore, createAuditStore } from '@app/audit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

export interface AuditBenchOptions {
  /** AUDIT_DB URLs to measure; default: a temporary SQLite file and a throwaway PostgreSQL schema. */
  stores?: string[];
  /** Concurrent appenders per run. */
  concurrency?: number[];
  /** Length of each sustained-append run. */
  durationMs?: number;
  /** Print the table to stdout. */
  print?: boolean;
}

export interface AppendRun {
  store: 'sqlite' | 'postgres';
  concurrency: number;
  appends: number;
  appends_per_sec: number;
  p50_ms: number;
  p99_ms: number;
}

export interface VerifyRun {
  store: 'sqlite' | 'postgres';
  events: number;
  ms: number;
  events_per_sec: number;
  ok: boolean;
}

export interface AuditBenchResult {
  appends: AppendRun[];
  verify: VerifyRun[];
}

const BENCH_PG_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

/** Sustained durable appends/s at several concurrencies, then verify speed, for each store. */
export async function benchAuditStores(opts: AuditBenchOptions = {}): Promise<AuditBenchResult> {
  const concurrency = opts.concurrency ?? [1, 16, 64];
  const durationMs = opts.durationMs ?? 3000;
  const result: AuditBenchResult = { appends: [], verify: [] };
  const scratch = mkdtempSync(join(tmpdir(), 'audit-bench-'));
  const schema = `audit_bench_${process.pid}`;
  const urls = opts.stores ?? [`sqlite:${join(scratch, 'audit.db')}`, `${BENCH_PG_SERVER}?schema=${schema}`];
  try {
    for (const url of urls) {
      const store = createAuditStore(url);
      await store.init();
      try {
        for (const workers of concurrency) result.appends.push(await sustainedAppends(store, workers, durationMs));
        result.verify.push(await timeVerify(store));
      } finally {
        await store.close();
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    if (!opts.stores) await dropSchema(schema);
  }
  if (opts.print) printTable(result);
  return result;
}

async function sustainedAppends(store: AuditStore, workers: number, durationMs: number): Promise<AppendRun> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; performance.now() < deadline; i += 1) {
        const t0 = performance.now();
        await store.append(benchEvent(`w${w}-${i}`));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    store: store.kind,
    concurrency: workers,
    appends: latencies.length,
    appends_per_sec: Math.round(latencies.length / seconds),
    p50_ms: round(percentile(latencies, 0.5)),
    p99_ms: round(percentile(latencies, 0.99)),
  };
}

async function timeVerify(store: AuditStore): Promise<VerifyRun> {
  const t0 = performance.now();
  const report = await store.verify();
  const ms = performance.now() - t0;
  return { store: store.kind, events: report.checked, ms: round(ms), events_per_sec: Math.round(report.checked / (ms / 1000)), ok: report.ok };
}

function benchEvent(requestId: string): AuditEventInput {
  return {
    request_id: requestId,
    actor: { sub: 'bench', roles: ['web-scanner'], ip: '10.0.0.1', user_agent: 'bench' },
    action: 'CreateAntiVirusPaidTask',
    target: { region: 'cn-north-4', project_id: 'p', enterprise_project_id: '0', host_ids: ['host-web-1', 'host-web-2'] },
    request: { task_name: 'bench', scan_type: 'quick', action: 'manual', host_ids: ['host-web-1', 'host-web-2'] },
    phase: 'final',
    decision: 'allow',
    policy_version: 'b'.repeat(64),
    reason: null,
    status: 200,
    upstream: { status: 200, request_id: 'up', duration_ms: 20 },
  };
}

async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: BENCH_PG_SERVER });
  try {
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } catch {
    // Nothing to clean when PostgreSQL was not part of the run.
  } finally {
    await client.end().catch(() => undefined);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function printTable(result: AuditBenchResult): void {
  console.log('store     appenders  appends/s   p50 ms   p99 ms');
  for (const r of result.appends) {
    console.log(`${r.store.padEnd(9)} ${String(r.concurrency).padStart(9)} ${String(r.appends_per_sec).padStart(10)} ${String(r.p50_ms).padStart(8)} ${String(r.p99_ms).padStart(8)}`);
  }
  console.log('store     verified events  events/s  ok');
  for (const v of result.verify) {
    console.log(`${v.store.padEnd(9)} ${String(v.events).padStart(15)} ${String(v.events_per_sec).padStart(9)}  ${v.ok}`);
  }
}

/* istanbul ignore next -- process wiring */
if (require.main === module) {
  const stores = process.env.AUDIT_BENCH_DBS?.split(',').filter(Boolean);
  const durationMs = Number(process.env.AUDIT_BENCH_MS ?? 3000);
  benchAuditStores({ stores, durationMs, print: true }).then(
    (result) => console.log(JSON.stringify(result)),
    (error: Error) => {
      console.error(`audit bench failed: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
