import { createHash } from 'node:crypto';
import type { UnhashedAuditEvent } from './audit-event';
import { GENESIS_HASH, hashEvent } from './event-hash';
import { auditInput } from './testing/audit-store-harness';

const event: UnhashedAuditEvent = {
  ...auditInput({ request_id: 'req-fixed' }),
  id: '00000000-0000-4000-8000-000000000000',
  time: '2026-12-04T10:00:00.000Z',
  prev_hash: GENESIS_HASH,
};

describe('hashEvent', () => {
  it('is the hex SHA-256 of the canonical event including prev_hash', () => {
    const keys = Object.keys(event).sort();
    const manual = `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((event as unknown as Record<string, unknown>)[k])}`).join(',')}}`;
    expect(hashEvent(event)).toBe(createHash('sha256').update(manual).digest('hex'));
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('changes when any field, the id, the time or prev_hash changes', () => {
    const base = hashEvent(event);
    expect(hashEvent({ ...event, status: 201 })).not.toBe(base);
    expect(hashEvent({ ...event, id: '00000000-0000-4000-8000-000000000001' })).not.toBe(base);
    expect(hashEvent({ ...event, time: '2026-12-04T10:00:00.001Z' })).not.toBe(base);
    expect(hashEvent({ ...event, prev_hash: 'f'.repeat(64) })).not.toBe(base);
  });

  it('ignores a hash already on the event', () => {
    expect(hashEvent({ ...event, hash: 'x' } as UnhashedAuditEvent)).toBe(hashEvent(event));
  });
});

/** Independent sorted-key serializer, so the test does not trust canonicalize. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
