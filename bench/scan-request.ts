import { randomBytes } from 'node:crypto';
import { credentialsOf, signRequest } from '@app/huawei-cloud';
import { TEST_JWT_SECRET, mintToken } from '@app/testing';
import type { LoadJob } from './load-protocol';

/** Keys shared by the upstream and whatever signs for it; fresh per run, never printed. */
export interface BenchKeys {
  ak: string;
  sk: string;
  projectId: string;
  jwtSecret: string;
}

export const PROJECT_ID = 'bench-project';
export const SCAN_BODY = JSON.stringify({ task_name: 'bench', scan_type: 'quick', action: 'manual', host_ids: ['host-web-1'] });
const GATEWAY_PATH = '/api/v1/antivirus/pay-per-scan/tasks?enterprise_project_id=ep-web';
const UPSTREAM_PATH = `/v5/${PROJECT_ID}/antivirus/pay-per-scan/tasks?enterprise_project_id=ep-web`;

/** Random AK/SK for the sandbox and the test JWT secret (32+ chars) for the gateway. */
export function newBenchKeys(): BenchKeys {
  return {
    ak: `BENCH${randomBytes(8).toString('hex').toUpperCase()}`,
    sk: randomBytes(24).toString('base64url'),
    projectId: PROJECT_ID,
    jwtSecret: TEST_JWT_SECRET,
  };
}

/** The scan request the gateway and the bare forwarder receive: alice, role web-scanner. */
export function gatewayJob(baseUrl: string, keys: BenchKeys, connections: number, durationS: number): LoadJob {
  // Long-lived so a 10-minute run never crosses expiry.
  const token = mintToken({ sub: 'alice', roles: ['web-scanner'], secret: keys.jwtSecret, expiresIn: 3600 });
  return {
    url: `${baseUrl}${GATEWAY_PATH}`,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: SCAN_BODY,
    connections,
    durationS,
  };
}

/** The same call straight to the sandbox, signed once: the sandbox checks it on every request (15-minute skew window). */
export function upstreamJob(baseUrl: string, keys: BenchKeys, connections: number, durationS: number): LoadJob {
  const url = `${baseUrl}${UPSTREAM_PATH}`;
  const headers = { 'Content-Type': 'application/json;charset=UTF-8', 'X-Project-Id': keys.projectId };
  const signed = signRequest({ method: 'POST', url, headers, body: SCAN_BODY }, credentialsOf(keys.ak, keys.sk), new Date());
  return { url, method: 'POST', headers: signed.headers, body: SCAN_BODY, connections, durationS };
}

/** Sends one request and throws (status and body shown) unless it is a 200 carrying a task id. */
export async function expectOk(job: LoadJob): Promise<void> {
  const res = await fetch(job.url, { method: job.method, headers: job.headers, body: job.body });
  const text = await res.text();
  if (res.status !== 200 || !text.includes('task_id')) {
    throw new Error(`first request to ${new URL(job.url).origin} answered ${res.status}, not 200: ${text.slice(0, 500)}`);
  }
}
