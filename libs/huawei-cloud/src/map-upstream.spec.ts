import { classifyTransportError, mapTransportFailure, mapUpstreamReply, type UpstreamReply } from './map-upstream';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function reply(status: number, body: string, headers: Record<string, string> = {}): UpstreamReply {
  return { status, body, durationMs: 7, header: (name) => headers[name] };
}

describe('mapUpstreamReply', () => {
  it('passes a 2xx JSON body through as 200', () => {
    expect(mapUpstreamReply(reply(200, '{"task_id":"t1"}', { 'x-request-id': 'rid-1' }), isObject)).toEqual({
      reason: 'ok', gatewayStatus: 200, upstreamStatus: 200, upstreamRequestId: 'rid-1', durationMs: 7, body: { task_id: 't1' },
    });
    expect(mapUpstreamReply(reply(204, ''), isObject)).toMatchObject({ reason: 'ok', gatewayStatus: 200, upstreamStatus: 204, body: {} });
  });

  it.each(['<html>oops</html>', '{"a":', '[1,2]', 'null', '"text"'])('maps the 2xx body %j to 502 bad_reply', (body) => {
    expect(mapUpstreamReply(reply(200, body), isObject)).toMatchObject({ reason: 'upstream_bad_reply', gatewayStatus: 502, upstreamStatus: 200, body: null });
  });

  it('keeps a 4xx status with its error code and message', () => {
    const result = mapUpstreamReply(reply(400, '{"error_code":"HSS.1001","error_msg":"host has no agent"}', { 'x-request-id': 'r' }), isObject);
    expect(result).toEqual({
      reason: 'upstream_client_error', gatewayStatus: 400, upstreamStatus: 400, upstreamRequestId: 'r', durationMs: 7, body: null,
      errorCode: 'HSS.1001', errorMsg: 'host has no agent',
    });
  });

  it('falls back to the body request_id and drops ids unfit for a header', () => {
    expect(mapUpstreamReply(reply(404, '{"error_code":"APIG.0101","error_msg":"x","request_id":"body-id"}'), isObject).upstreamRequestId).toBe('body-id');
    expect(mapUpstreamReply(reply(200, '{}', { 'x-request-id': 'a\r\nb' }), isObject).upstreamRequestId).toBeNull();
  });

  it.each([401, 403])('maps %i (our credentials refused) to 502', (status) => {
    expect(mapUpstreamReply(reply(status, '{"error_code":"APIG.0301","error_msg":"bad ak"}'), isObject)).toMatchObject({
      reason: 'upstream_auth_rejected', gatewayStatus: 502, upstreamStatus: status, errorCode: 'APIG.0301',
    });
  });

  it('keeps 429 and a valid Retry-After, drops an invalid one', () => {
    expect(mapUpstreamReply(reply(429, '{"error_code":"APIGW.0308","error_msg":"throttled"}', { 'retry-after': '7' }), isObject)).toMatchObject({
      reason: 'upstream_rate_limited', gatewayStatus: 429, retryAfter: '7', errorCode: 'APIGW.0308',
    });
    expect(mapUpstreamReply(reply(429, '', { 'retry-after': '7\r\nSet-Cookie: x' }), isObject).retryAfter).toBeUndefined();
  });

  it.each([500, 502, 503])('maps %i to 502 without relaying the body', (status) => {
    const result = mapUpstreamReply(reply(status, '{"error_code":"X","error_msg":"internal detail"}'), isObject);
    expect(result).toMatchObject({ reason: 'upstream_server_error', gatewayStatus: 502, upstreamStatus: status, body: null });
    expect(result.errorMsg).toBeUndefined();
  });

  it('maps an unfollowed redirect to 502 bad_reply', () => {
    expect(mapUpstreamReply(reply(302, '', { location: 'http://elsewhere' }), isObject)).toMatchObject({ reason: 'upstream_bad_reply', gatewayStatus: 502 });
  });

  it('redacts key material echoed in an error message', () => {
    const result = mapUpstreamReply(reply(401, '{"error_code":"APIG.0301","error_msg":"ak AKXYZ not found"}'), isObject, (t) => t.replace('AKXYZ', '[REDACTED]'));
    expect(result.errorMsg).toBe('ak [REDACTED] not found');
  });
});

describe('transport failures', () => {
  it('maps to 504 and 502 with no upstream status', () => {
    expect(mapTransportFailure('timeout', 5)).toEqual({ reason: 'upstream_timeout', gatewayStatus: 504, upstreamStatus: null, upstreamRequestId: null, durationMs: 5, body: null });
    expect(mapTransportFailure('unreachable', 5)).toMatchObject({ reason: 'upstream_unreachable', gatewayStatus: 502 });
  });

  it('classifies errors by code, our own deadline first', () => {
    const err = (code: string): Error => Object.assign(new Error('x'), { code });
    expect(classifyTransportError(err('ECONNRESET'), true)).toBe('timeout');
    expect(classifyTransportError(err('ECONNABORTED'), false)).toBe('timeout');
    expect(classifyTransportError(err('ECONNREFUSED'), false)).toBe('unreachable');
    expect(classifyTransportError(err('HPE_INVALID_HEADER_TOKEN'), false)).toBe('bad_reply');
    expect(classifyTransportError(err('ERR_FR_MAX_BODY_LENGTH_EXCEEDED'), false)).toBe('bad_reply');
    expect(classifyTransportError('weird', false)).toBe('unreachable');
  });
});
