import { redactSecretText, redactSecrets } from './redact-secrets';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.sig-_nature';

describe('redactSecrets', () => {
  it('replaces bearer tokens and JWTs inside text', () => {
    expect(redactSecretText(`Authorization: Bearer abc.def-ghi`)).toBe('Authorization: Bearer [REDACTED]');
    expect(redactSecretText('bearer 0123456789abcdef0123')).toBe('Bearer [REDACTED]');
    // Prose about tokens is kept readable (the gateway's 401 reason).
    expect(redactSecretText('missing bearer token')).toBe('missing bearer token');
    expect(redactSecretText(`token ${JWT} expired`)).toBe('token [REDACTED] expired');
    expect(redactSecretText('host-web-1 denied')).toBe('host-web-1 denied');
  });

  it('replaces credential-named keys at any depth and leaves the input untouched', () => {
    const input = { task_name: 'n', nested: [{ Authorization: 'x', password: 'p', X_Security_Token: 'k' }], security_token: 't', sk: 's' };
    const copy = structuredClone(input);
    expect(redactSecrets(input)).toEqual({
      task_name: 'n',
      nested: [{ Authorization: '[REDACTED]', password: '[REDACTED]', X_Security_Token: '[REDACTED]' }],
      security_token: '[REDACTED]',
      sk: '[REDACTED]',
    });
    expect(input).toEqual(copy);
  });

  it('keeps ordinary HSS request fields', () => {
    const body = { task_name: 't', scan_type: 'quick', action: 'manual', host_ids: ['h1'], file_types: [0, 1], scan_dir: '/a;/b', task_id: null };
    expect(redactSecrets(body)).toEqual(body);
  });
});
