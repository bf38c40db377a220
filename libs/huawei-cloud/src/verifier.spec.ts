import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential';
import { credentialsOf } from './credentials';
import { signRequest, type SignedRequest } from './signer';
import { verifySignature, type ReceivedRequest } from './verifier';

const AK = 'AK00000000000000TEST';
const SK = 'sk-do-not-print-0123456789';
const NOW = new Date('2026-12-04T10:00:00.000Z');
const URL_ = 'http://127.0.0.1:4010/v5/p1/antivirus/pay-per-scan/tasks?enterprise_project_id=ep%20web&x=%E4%B8%AD';
const BODY = JSON.stringify({ task_name: 'scan ü', scan_type: 'quick', action: 'manual', host_ids: ['h1'] });
const secretFor = (ak: string): string | undefined => (ak === AK ? SK : undefined);

/** What Node's http server would hand over for a signed request. */
function received(signed: SignedRequest): ReceivedRequest {
  const url = new URL(signed.url);
  const headers: ReceivedRequest['headers'] = { host: url.host };
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  return { method: signed.method, url: url.pathname + url.search, headers, body: Buffer.from(signed.body, 'utf8') };
}

function signedAt(now: Date, token?: string): ReceivedRequest {
  return received(
    signRequest(
      { method: 'POST', url: URL_, headers: { 'Content-Type': 'application/json;charset=UTF-8', 'X-Project-Id': 'p1' }, body: BODY },
      credentialsOf(AK, SK, token),
      now,
    ),
  );
}

describe('verifySignature', () => {
  it('accepts a request signed by signRequest', () => {
    expect(verifySignature(signedAt(NOW), secretFor, NOW)).toEqual({ ok: true, ak: AK });
  });

  it('accepts temporary credentials and enforces their signed token', () => {
    const req = signedAt(NOW, 'sts-token');
    expect(verifySignature(req, secretFor, NOW)).toEqual({ ok: true, ak: AK });
    expect(verifySignature({ ...req, headers: { ...req.headers, 'x-security-token': 'other' } }, secretFor, NOW)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it.each([
    ['body', (r: ReceivedRequest): ReceivedRequest => ({ ...r, body: Buffer.from(BODY.replace('quick', 'full')) })],
    ['query', (r: ReceivedRequest): ReceivedRequest => ({ ...r, url: r.url.replace('ep%20web', 'all_granted_eps') })],
    ['path', (r: ReceivedRequest): ReceivedRequest => ({ ...r, url: r.url.replace('/p1/', '/p2/') })],
    ['method', (r: ReceivedRequest): ReceivedRequest => ({ ...r, method: 'PUT' })],
    ['signed header', (r: ReceivedRequest): ReceivedRequest => ({ ...r, headers: { ...r.headers, 'x-project-id': 'p2' } })],
    ['host', (r: ReceivedRequest): ReceivedRequest => ({ ...r, headers: { ...r.headers, host: 'evil.example' } })],
  ])('rejects a tampered %s as bad_signature', (_name, tamper) => {
    const result = verifySignature(tamper(signedAt(NOW)), secretFor, NOW);
    expect(result).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('treats a signed header missing from the request as bad_signature', () => {
    const req = signedAt(NOW);
    const headers = { ...req.headers };
    delete headers['x-project-id'];
    expect(verifySignature({ ...req, headers }, secretFor, NOW)).toMatchObject({ ok: false, reason: 'bad_signature', message: expect.stringContaining('x-project-id') });
  });

  it('accepts 14 minutes of skew either way and rejects 16 as expired', () => {
    const minutes = (m: number): Date => new Date(NOW.getTime() + m * 60_000);
    expect(verifySignature(signedAt(minutes(-14)), secretFor, NOW).ok).toBe(true);
    expect(verifySignature(signedAt(minutes(14)), secretFor, NOW).ok).toBe(true);
    expect(verifySignature(signedAt(minutes(-16)), secretFor, NOW)).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifySignature(signedAt(minutes(16)), secretFor, NOW)).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifySignature(signedAt(minutes(-16)), secretFor, NOW, 20 * 60_000).ok).toBe(true);
  });

  it('reports an unknown access key', () => {
    expect(verifySignature(signedAt(NOW), () => undefined, NOW)).toMatchObject({ ok: false, reason: 'unknown_ak' });
  });

  it('reports missing and malformed authentication', () => {
    const req = signedAt(NOW);
    const without = (name: string): ReceivedRequest => {
      const headers = { ...req.headers };
      delete headers[name];
      return { ...req, headers };
    };
    const auth = String(req.headers.authorization);
    expect(verifySignature(without('authorization'), secretFor, NOW)).toMatchObject({ ok: false, reason: 'missing' });
    expect(verifySignature(without('x-sdk-date'), secretFor, NOW)).toMatchObject({ ok: false, reason: 'missing' });
    const withHeader = (name: string, value: string): ReceivedRequest => ({ ...req, headers: { ...req.headers, [name]: value } });
    expect(verifySignature(withHeader('authorization', 'Bearer abc'), secretFor, NOW)).toMatchObject({ reason: 'malformed' });
    expect(verifySignature(withHeader('authorization', auth.replace(/Signature=\w+/, 'Signature=zz')), secretFor, NOW)).toMatchObject({ reason: 'malformed' });
    expect(verifySignature(withHeader('authorization', auth.replace('host;', '')), secretFor, NOW)).toMatchObject({ reason: 'malformed' });
    expect(verifySignature(withHeader('x-sdk-date', '2026-12-04T10:00:00Z'), secretFor, NOW)).toMatchObject({ reason: 'malformed' });
    expect(verifySignature(withHeader('x-sdk-date', '20261304T100000Z'), secretFor, NOW)).toMatchObject({ reason: 'malformed' });
  });

  it('rejects a signature made with another secret, and never echoes key material', () => {
    const req = signedAt(NOW);
    const results = [
      verifySignature(req, () => 'another-secret', NOW),
      verifySignature(req, () => undefined, NOW),
      verifySignature({ ...req, body: Buffer.from('x') }, secretFor, NOW),
    ];
    expect(results[0]).toMatchObject({ ok: false, reason: 'bad_signature' });
    for (const result of results) {
      const text = JSON.stringify(result);
      expect(text).not.toContain(SK);
      expect(text).not.toContain(AK);
    }
  });

  it('accepts a request signed by Huawei\'s own Node SDK signer', () => {
    const body = { task_name: 'sdk', scan_type: 'full', action: 'auto', host_ids: ['h'] };
    const credential = { getAk: () => AK, getSk: () => SK } as unknown as ICredential;
    const headers = AKSKSigner.sign(
      {
        endpoint: 'http://127.0.0.1:4010/v5/p1/antivirus/pay-per-scan/tasks',
        method: 'POST',
        headers: { 'Content-Type': 'application/json;charset=UTF-8', 'X-Project-Id': 'p1', 'X-Sdk-Date': '20261204T100000Z' },
        queryParams: { enterprise_project_id: 'all_granted_eps' },
        data: body,
      },
      credential,
    ) as Record<string, string>;
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const req: ReceivedRequest = {
      method: 'POST',
      url: '/v5/p1/antivirus/pay-per-scan/tasks?enterprise_project_id=all_granted_eps',
      headers: lower,
      body: Buffer.from(JSON.stringify(body)),
    };
    expect(verifySignature(req, secretFor, NOW)).toEqual({ ok: true, ak: AK });
  });
});

