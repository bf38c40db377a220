import { createHash } from 'node:crypto';
import { format, inspect } from 'node:util';
import { Secret } from './secret';

describe('Secret', () => {
  const raw = 'super-secret-key-value';
  const secret = new Secret(raw);

  it('reveals the raw value only through reveal()', () => {
    expect(secret.reveal()).toBe(raw);
  });

  it('redacts itself in every printable form', () => {
    const printed = [
      String(secret),
      `${secret}`,
      'x' + secret,
      JSON.stringify({ secret }),
      inspect(secret),
      inspect({ nested: { secret } }, { depth: 10, showHidden: true }),
      format('%s %o %O %j', secret, secret, secret, { secret }),
      JSON.stringify({ ...secret }),
      Object.keys(secret).join(','),
    ];
    for (const text of printed) {
      expect(text).not.toContain(raw);
    }
    expect(String(secret)).toBe('[REDACTED]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[REDACTED]"}');
    expect(inspect(secret)).toBe('[REDACTED]');
  });

  it('fingerprints with the first 12 hex chars of sha256', () => {
    expect(secret.fingerprint()).toBe(createHash('sha256').update(raw).digest('hex').slice(0, 12));
    expect(secret.fingerprint()).toMatch(/^[0-9a-f]{12}$/);
    expect(new Secret('other').fingerprint()).not.toBe(secret.fingerprint());
  });

  it('rejects non-string values without echoing them', () => {
    expect(() => new Secret(42 as unknown as string)).toThrow(new TypeError('Secret value must be a string'));
  });
});
