import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { credentialsOf, type Credentials } from './credentials';
import type { UpstreamTarget } from './endpoints';
import { HssClient } from './hss-client';
import type { CreateAntiVirusPaidTaskBody } from './hss-types';
import { verifySignature, type VerifyResult } from './verifier';

const AK = 'AKCLIENTTEST00000001';
const SK = 'SK-client-test-never-print-me-0123456789';
const TOKEN = 'sts-token-never-print-me';
const PROJECT = 'proj0123';
const BODY: CreateAntiVirusPaidTaskBody = { task_name: 'nightly ü & =', scan_type: 'quick', action: 'manual', host_ids: ['h-1', 'h-2'] };

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  verdict: VerifyResult;
}
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, received: Received) => void;

let server: http.Server;
let target: UpstreamTarget;
let handler: Handler;
const received: Received[] = [];
const allResults: unknown[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const verdict = verifySignature(
        { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body },
        (ak) => (ak === AK ? SK : undefined),
        new Date(),
      );
      const entry: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: body.toString('utf8'), verdict };
      received.push(entry);
      handler(req, res, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target = { region: 'cn-north-4', projectId: PROJECT, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let client: HssClient;
let credentialCalls = 0;
function makeClient(options: { timeoutMs?: number; credentials?: () => Credentials } = {}): HssClient {
  return new HssClient({
    timeoutMs: options.timeoutMs ?? 2000,
    credentials:
      options.credentials ??
      (() => {
        credentialCalls += 1;
        return credentialsOf(AK, SK);
      }),
  });
}

beforeEach(() => {
  received.length = 0;
  credentialCalls = 0;
  client = makeClient();
});
afterEach(() => client.close());

function respond(status: number, body: string, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body);
  };
}

async function create(c: HssClient = client, ep = '0'): ReturnType<HssClient['createAntiVirusPaidTask']> {
  const result = await c.createAntiVirusPaidTask(target, ep, BODY);
  allResults.push(result);
  return result;
}

describe('HssClient.createAntiVirusPaidTask', () => {
  it('sends a signed request with exactly the expected headers and passes a 200 body through', async () => {
    handler = respond(200, '{"task_id":"t-1","result":true}', { 'X-Request-Id': 'up-req-1' });
    const result = await create(client, 'ep web/中');
    expect(result).toEqual({
      reason: 'ok', gatewayStatus: 200, upstreamStatus: 200, upstreamRequestId: 'up-req-1', durationMs: expect.any(Number), body: { task_id: 't-1', result: true },
    });
    expect(received).toHaveLength(1);
    const [req] = received;
    expect(req.verdict).toEqual({ ok: true, ak: AK });
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`/v5/${PROJECT}/antivirus/pay-per-scan/tasks?enterprise_project_id=ep%20web%2F%E4%B8%AD`);
    expect(req.body).toBe(JSON.stringify(BODY));
    expect(Object.keys(req.headers).sort()).toEqual(
      ['accept', 'accept-encoding', 'authorization', 'connection', 'content-length', 'content-type', 'host', 'user-agent', 'x-project-id', 'x-sdk-date'].sort(),
    );
    expect(req.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(req.headers['x-project-id']).toBe(PROJECT);
    expect(req.headers['user-agent']).toMatch(/^hss-scan-gateway\//);
    expect(req.headers.authorization).toContain('SignedHeaders=content-type;host;x-project-id;x-sdk-date,');
    expect(credentialCalls).toBe(1);
  });

  it('adds and signs X-Security-Token for temporary credentials', async () => {
    const temporary = makeClient({ credentials: () => credentialsOf(AK, SK, TOKEN) });
    handler = respond(200, '{}');
    try {
      expect((await create(temporary)).reason).toBe('ok');
    } finally {
      temporary.close();
    }
    expect(received[0].verdict.ok).toBe(true);
    expect(received[0].headers['x-security-token']).toBe(TOKEN);
    expect(received[0].headers.authorization).toContain('SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,');
  });

  it('treats an empty 200 as {}', async () => {
    handler = respond(200, '');
    expect(await create()).toMatchObject({ reason: 'ok', gatewayStatus: 200, body: {} });
  });

  it('keeps a 400 with its error_code and error_msg', async () => {
    handler = respond(400, '{"error_code":"HSS.1001","error_msg":"host has no agent"}', { 'X-Request-Id': 'r400' });
    expect(await create()).toMatchObject({
      reason: 'upstream_client_error', gatewayStatus: 400, upstreamStatus: 400, upstreamRequestId: 'r400', errorCode: 'HSS.1001', errorMsg: 'host has no agent', body: null,
    });
  });

  it.each([401, 403])('maps an upstream %i to 502 and redacts an echoed AK', async (status) => {
    handler = respond(status, JSON.stringify({ error_code: 'APIG.0301', error_msg: `Incorrect IAM authentication information: ak ${AK} rejected` }));
    const result = await create();
    expect(result).toMatchObject({ reason: 'upstream_auth_rejected', gatewayStatus: 502, upstreamStatus: status, errorCode: 'APIG.0301' });
    expect(result.errorMsg).toBe('Incorrect IAM authentication information: ak [REDACTED] rejected');
  });

  it('keeps 429 and Retry-After', async () => {
    handler = respond(429, '{"error_code":"APIGW.0308","error_msg":"throttled"}', { 'Retry-After': '12' });
    expect(await create()).toMatchObject({ reason: 'upstream_rate_limited', gatewayStatus: 429, upstreamStatus: 429, retryAfter: '12' });
  });

  it('maps a 500 to 502', async () => {
    handler = respond(500, '{"error_code":"HSS.0000","error_msg":"boom"}');
    expect(await create()).toMatchObject({ reason: 'upstream_server_error', gatewayStatus: 502, upstreamStatus: 500, body: null });
  });

  it('maps invalid JSON in a 200 to 502 bad_reply', async () => {
    handler = respond(200, '{"task_id": ');
    expect(await create()).toMatchObject({ reason: 'upstream_bad_reply', gatewayStatus: 502, upstreamStatus: 200, body: null });
  });

  it('maps a destroyed socket to 502 unreachable', async () => {
    handler = (req) => req.socket.destroy();
    expect(await create()).toMatchObject({ reason: 'upstream_unreachable', gatewayStatus: 502, upstreamStatus: null, upstreamRequestId: null });
  });

  it('maps a refused connection to 502 unreachable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await client.createAntiVirusPaidTask({ ...target, baseUrl: `http://127.0.0.1:${port}` }, '0', BODY);
    allResults.push(result);
    expect(result).toMatchObject({ reason: 'upstream_unreachable', gatewayStatus: 502, upstreamStatus: null });
  });

  it('gives up with 504 within timeoutMs when the upstream never answers', async () => {
    const quick = makeClient({ timeoutMs: 300 });
    handler = () => undefined;
    const started = Date.now();
    try {
      const result = await create(quick);
      expect(result).toMatchObject({ reason: 'upstream_timeout', gatewayStatus: 504, upstreamStatus: null });
      expect(result.durationMs).toBeGreaterThanOrEqual(250);
    } finally {
      quick.close();
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('bounds the whole request, not just socket idleness, when the body trickles in', async () => {
    const quick = makeClient({ timeoutMs: 400 });
    const timers: NodeJS.Timeout[] = [];
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"a":"');
      timers.push(setInterval(() => res.write('x'), 100));
    };
    const started = Date.now();
    try {
      expect(await create(quick)).toMatchObject({ reason: 'upstream_timeout', gatewayStatus: 504 });
    } finally {
      timers.forEach(clearInterval);
      quick.close();
    }
    expect(Date.now() - started).toBeLessThan(1200);
  });

  it('asks for credentials once per request, so rotation applies to the next call', async () => {
    let secret = SK;
    const rotating = makeClient({ credentials: () => credentialsOf(AK, secret) });
    handler = respond(200, '{}');
    try {
      await create(rotating);
      secret = 'rotated-secret';
      await create(rotating);
    } finally {
      rotating.close();
    }
    expect(received.map((r) => r.verdict.ok)).toEqual([true, false]);
  });
});

describe('HssClient host listing', () => {
  const hosts = Array.from({ length: 450 }, (_, i) => ({ host_id: `host-${i}`, host_name: `name-${i}` }));
  const pageHandler: Handler = (req, res) => {
    const query = new URL(req.url ?? '', 'http://x').searchParams;
    const offset = Number(query.get('offset'));
    const limit = Number(query.get('limit'));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ total_num: hosts.length, data_list: hosts.slice(offset, offset + limit) }));
  };

  it('lists one page with a signed GET and no Content-Type', async () => {
    handler = pageHandler;
    const result = await client.listHosts(target, { enterprise_project_id: 'all_granted_eps', offset: 10, limit: 5000 });
    allResults.push(result);
    expect(result.reason).toBe('ok');
    expect(result.body?.data_list.map((h) => h.host_id)).toEqual(hosts.slice(10, 210).map((h) => h.host_id));
    expect(received[0].verdict.ok).toBe(true);
    expect(received[0].method).toBe('GET');
    expect(received[0].url).toBe(`/v5/${PROJECT}/host-management/hosts?enterprise_project_id=all_granted_eps&offset=10&limit=200`);
    expect(received[0].headers['content-type']).toBeUndefined();
  });

  it('pages through 450 hosts with limit 200', async () => {
    handler = pageHandler;
    const result = await client.listAllHosts(target, '0');
    allResults.push(result);
    expect(result).toEqual({ ok: true, hosts });
    expect(received.map((r) => new URL(r.url, 'http://x').searchParams.get('offset'))).toEqual(['0', '200', '400']);
    expect(received.every((r) => r.verdict.ok && r.url.includes('limit=200'))).toBe(true);
  });

  it('returns the first failing page', async () => {
    handler = (req, res, entry) => (received.length === 2 ? respond(503, 'down')(req, res, entry) : pageHandler(req, res, entry));
    const result = await client.listAllHosts(target, '0');
    allResults.push(result);
    expect(result).toMatchObject({ ok: false, failure: { reason: 'upstream_server_error', gatewayStatus: 502, upstreamStatus: 503 } });
  });

  it('rejects a page without data_list as bad_reply', async () => {
    handler = respond(200, '{"total_num":3}');
    const result = await client.listHosts(target, {});
    allResults.push(result);
    expect(result).toMatchObject({ reason: 'upstream_bad_reply', gatewayStatus: 502 });
  });
});

describe('HssClient key material', () => {
  // Runs last (Jest keeps file order): every result above, of every kind, is checked.
  it('never returns the AK, SK or security token, whatever path a call took', () => {
    expect(allResults.length).toBeGreaterThanOrEqual(15);
    for (const result of allResults) {
      for (const text of [JSON.stringify(result), inspect(result, { depth: 10 })]) {
        expect(text).not.toContain(SK);
        expect(text).not.toContain(AK);
        expect(text).not.toContain(TOKEN);
      }
    }
  });
});
