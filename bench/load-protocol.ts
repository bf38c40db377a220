import type { LatencySummary } from './latency';

/** What the orchestrator asks the load-generator process to do. */
export interface LoadJob {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  /** Run for this many seconds, or until `amount` responses when given. */
  durationS: number;
  amount?: number;
}

/** What the load generator reports back; latency covers 200 responses only. */
export interface LoadResult {
  connections: number;
  elapsedS: number;
  ok: number;
  non200: number;
  errors: number;
  timeouts: number;
  rps: number;
  latency: LatencySummary;
}
