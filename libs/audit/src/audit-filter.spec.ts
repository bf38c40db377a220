import { AuditFilterError, decodeCursor, encodeCursor, normalizeFilter } from './audit-filter';

describe('normalizeFilter', () => {
  it('defaults the limit to 100 and passes the filters through', () => {
    expect(normalizeFilter({})).toEqual({ limit: 100 });
    const from = new Date('2026-12-04T10:00:00Z');
    expect(normalizeFilter({ actor: 'alice', decision: 'deny', status: 403, host_id: 'h', phase: 'final', from, limit: 500 })).toEqual({
      actor: 'alice', decision: 'deny', status: 403, host_id: 'h', phase: 'final', from: '2026-12-04T10:00:00.000Z', limit: 500,
    });
  });

  it.each([
    [{ limit: 0 }],
    [{ limit: 501 }],
    [{ limit: 2.5 }],
    [{ status: 2.5 }],
    [{ phase: 'other' }],
    [{ actor: '' }],
    [{ to: new Date(Number.NaN) }],
    [{ from: new Date('+012000-01-01T00:00:00Z') }],
  ])('rejects %j', (filter) => {
    expect(() => normalizeFilter(filter as never)).toThrow(AuditFilterError);
  });
});

describe('cursor', () => {
  it('round-trips a sequence number as opaque base64url', () => {
    const cursor = encodeCursor(12345);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toBe(12345);
    expect(normalizeFilter({ cursor }).before_seq).toBe(12345);
  });

  it.each(['', 'a b', 'MA', '_w', Buffer.from('12a').toString('base64url'), Buffer.from('99999999999999999').toString('base64url'), `${encodeCursor(5)}=`])(
    'rejects %j',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(AuditFilterError);
    },
  );
});
