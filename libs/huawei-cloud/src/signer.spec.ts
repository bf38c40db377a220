import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential';
import fc from 'fast-check';
import { credentialsOf } from './credentials';
import { formatSdkDate } from './sdk-date';
import { signRequest, type SignableRequest } from './signer';

const AK = 'HPUAEXAMPLEAK0000001';
const SK = 'exampleSecretKey0123456789abcdefghijklmn';
const PROJECT = '0123456789abcdef0123456789abcdef';
const HOST = 'https://hss.cn-north-4.myhuaweicloud.com';
const FROZEN = new Date('2026-12-04T10:00:00.000Z');

/** Huawei's own Node SDK signer, the oracle: returns its Authorization header. */
function huaweiAuthorization(input: {
  endpoint: string;
  method: string;
  headers: Record<string, string>;
  queryParams: Record<string, string | string[]>;
  data?: unknown;
  ak: string;
  sk: string;
}): string {
  // The oracle only calls getAk/getSk; the rest of ICredential concerns Huawei's HTTP client.
  const credential = { getAk: () => input.ak, getSk: () => input.sk } as unknown as ICredential;
  const out = AKSKSigner.sign(
    { endpoint: input.endpoint, method: input.method, headers: { ...input.headers }, queryParams: structuredClone(input.queryParams), data: input.data },
    credential,
  ) as Record<string, string>;
  return out.Authorization;
}

describe('signRequest: fixed vectors (computed by @huaweicloud/huaweicloud-sdk-core 3.1.211)', () => {
  it('signs a CreateAntiVirusPaidTask POST', () => {
    const body = JSON.stringify({ task_name: 'nightly scan', scan_type: 'quick', action: 'manual', host_ids: ['h-1', 'h-2'] });
    const signed = signRequest(
      {
        method: 'POST',
        url: `${HOST}/v5/${PROJECT}/antivirus/pay-per-scan/tasks?enterprise_project_id=0`,
        headers: { 'Content-Type': 'application/json;charset=UTF-8', 'X-Project-Id': PROJECT },
        body,
      },
      credentialsOf(AK, SK),
      FROZEN,
    );
    expect(signed.headers).toEqual({
      'Content-Type': 'application/json;charset=UTF-8',
      'X-Project-Id': PROJECT,
      'X-Sdk-Date': '20261204T100000Z',
      Authorization:
        'SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK0000001, SignedHeaders=content-type;host;x-project-id;x-sdk-date, ' +
        'Signature=a9b261455b2ed025f77c57945ffd38c3b160e6d671fb5d6ec4f2673552c2b812',
    });
    expect(signed.body).toBe(body);
  });

  it('signs a GET with temporary credentials and an unsorted query', () => {
    const signed = signRequest(
      {
        method: 'GET',
        url: `${HOST}/v5/${PROJECT}/host-management/hosts?offset=0&limit=200&enterprise_project_id=all_granted_eps`,
        headers: { 'X-Project-Id': PROJECT },
        body: '',
      },
      credentialsOf(AK, SK, 'tok/en+='),
      FROZEN,
    );
    expect(signed.headers['X-Security-Token']).toBe('tok/en+=');
    expect(signed.headers.Authorization).toBe(
      'SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK0000001, SignedHeaders=host;x-project-id;x-sdk-date;x-security-token, ' +
        'Signature=85968a4bf27212e6e8897d4343366a1d5fb1f609fc416c191a29e0b285c76c9c',
    );
  });

  it('never mutates its input and drops caller copies of reserved headers', () => {
    const req: SignableRequest = {
      method: 'POST',
      url: `${HOST}/v5/${PROJECT}/antivirus/pay-per-scan/tasks?enterprise_project_id=0`,
      headers: { 'X-Project-Id': PROJECT, Authorization: 'Bearer caller', 'x-sdk-date': '19990101T000000Z', Host: 'evil.example' },
      body: '{}',
    };
    const before = structuredClone(req);
    const signed = signRequest(Object.freeze({ ...req, headers: Object.freeze({ ...req.headers }) }), credentialsOf(AK, SK), FROZEN);
    expect(req).toEqual(before);
    expect(signed.headers).not.toBe(req.headers);
    expect(Object.keys(signed.headers).sort()).toEqual(['Authorization', 'X-Project-Id', 'X-Sdk-Date']);
    expect(signed.headers.Authorization).toContain('SignedHeaders=host;x-project-id;x-sdk-date,');
  });

  it('rejects the same header given twice with different case', () => {
    expect(() =>
      signRequest({ method: 'GET', url: `${HOST}/x`, headers: { 'X-Project-Id': 'a', 'x-project-id': 'b' }, body: '' }, credentialsOf(AK, SK), FROZEN),
    ).toThrow('Header "x-project-id" given more than once');
  });
});

const reserved = fc.constantFrom('&', '=', '+', '?', '#', '/', '%', ' ', ';', ',', "'", '!', '*', '(', ')', '~', '中', '😀', 'é');
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.array(reserved, { maxLength: 6 }).map((chars) => chars.join('')),
  fc.constantFrom('0', 'all_granted_eps', ''),
);
const queryParams = fc.dictionary(
  fc.oneof(fc.constantFrom('enterprise_project_id', 'limit', 'offset', 'host_id'), text),
  fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 3 })),
  { maxKeys: 5 },
);
const taskBody = fc.option(
  fc.record(
    {
      task_name: text,
      scan_type: fc.constantFrom('quick', 'full', 'custom'),
      action: fc.constantFrom('auto', 'manual'),
      host_ids: fc.array(text, { maxLength: 4 }),
      scan_dir: text,
      task_id: fc.option(text),
    },
    { requiredKeys: ['task_name', 'scan_type', 'action', 'host_ids'] },
  ),
  { nil: undefined },
);

function toQuery(params: Record<string, string | string[]>): string {
  return Object.entries(params)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${encodeURIComponent(key)}=${encodeURIComponent(v)}`))
    .join('&');
}

describe('signRequest: property-based comparison with Huawei\'s own signer', () => {
  it('produces the same Authorization header as AKSKSigner', () => {
    fc.assert(
      fc.property(
        fc.record({
          base: fc.constantFrom(HOST, 'http://127.0.0.1:8443', 'https://hss.eu-west-101.myhuaweicloud.eu'),
          project: fc.stringMatching(/^[0-9a-f]{1,32}$/),
          path: fc.constantFrom('antivirus/pay-per-scan/tasks', 'host-management/hosts'),
          method: fc.constantFrom('POST', 'GET'),
          query: queryParams,
          body: taskBody,
          date: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
          ak: fc.stringMatching(/^[A-Z0-9]{8,24}$/),
          sk: fc.string({ minLength: 1, maxLength: 48 }),
          token: fc.option(fc.base64String({ minLength: 4, maxLength: 64 }), { nil: undefined }),
        }),
        (c) => {
          const endpoint = `${c.base}/v5/${c.project}/${c.path}`;
          const qs = toQuery(c.query);
          const headers: Record<string, string> = { 'X-Project-Id': c.project };
          if (c.body !== undefined) headers['Content-Type'] = 'application/json;charset=UTF-8';
          const req: SignableRequest = { method: c.method, url: qs ? `${endpoint}?${qs}` : endpoint, headers, body: c.body === undefined ? '' : JSON.stringify(c.body) };
          const before = structuredClone(req);

          const ours = signRequest(req, credentialsOf(c.ak, c.sk, c.token), c.date);

          const oracleHeaders: Record<string, string> = { ...headers, 'X-Sdk-Date': formatSdkDate(c.date) };
          if (c.token) oracleHeaders['X-Security-Token'] = c.token;
          const theirs = huaweiAuthorization({ endpoint, method: c.method, headers: oracleHeaders, queryParams: c.query, data: c.body, ak: c.ak, sk: c.sk });
          expect(ours.headers.Authorization).toBe(theirs);
          expect(req).toEqual(before);
        },
      ),
      { numRuns: 500 },
    );
  });
});
