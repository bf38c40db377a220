import { AuditEventError, normalizeEventInput } from './event-input';
import { auditInput } from './testing/audit-store-harness';

describe('normalizeEventInput', () => {
  it('keeps exactly the contract fields, dropping anything else on the objects', () => {
    const input = auditInput({ request_id: 'r' });
    const noisy = { ...input, headers: { authorization: 'Bearer x' }, actor: { ...input.actor, token: 'jwt' } };
    const out = normalizeEventInput(noisy as never);
    expect(out).toEqual(input);
    expect(out.actor).not.toHaveProperty('token');
    expect(out).not.toHaveProperty('headers');
  });

  it('fills absent optional fields with null', () => {
    const { actor: _a, target: _t, upstream: _u, reason: _r, ...rest } = auditInput();
    const out = normalizeEventInput(rest as never);
    expect(out).toMatchObject({ actor: null, target: null, upstream: null, reason: null });
  });

  it('redacts a token that slipped into the reason or user agent', () => {
    const out = normalizeEventInput(
      auditInput({ reason: 'bad Bearer abc.def-ghi', actor: { sub: 's', roles: [], ip: null, user_agent: 'curl Bearer zzzzzzzzzz' } }),
    );
    expect(out.reason).toBe('bad Bearer [REDACTED]');
    expect(out.actor?.user_agent).toBe('curl Bearer [REDACTED]');
  });

  it.each([
    ['request_id', { request_id: '' }],
    ['phase', { phase: 'later' }],
    ['decision', { decision: 'maybe' }],
    ['status', { status: '200' }],
    ['actor.roles', { actor: { sub: 'a', roles: [1], ip: null, user_agent: null } }],
    ['target.host_ids', { target: { region: null, project_id: null, enterprise_project_id: null, host_ids: 'h' } }],
    ['upstream.duration_ms', { upstream: { status: 200, request_id: null, duration_ms: -1 } }],
    ['serializable', { request: { n: Number.NaN } }],
  ])('rejects a bad %s', (field, override) => {
    expect(() => normalizeEventInput(auditInput(override as never))).toThrow(AuditEventError);
    expect(() => normalizeEventInput(auditInput(override as never))).toThrow(field);
  });
});
