import { csvCell, toCsvHeader, toCsvRow } from './audit-csv';
import type { AuditEvent } from './audit-event';
import { auditInput } from './testing/audit-store-harness';

const event: AuditEvent = {
  ...auditInput({ request_id: 'r-1', reason: 'said "no", twice\nreally' }),
  id: 'id-1',
  time: '2026-12-04T10:00:00.000Z',
  prev_hash: '0'.repeat(64),
  hash: 'f'.repeat(64),
};

describe('audit CSV', () => {
  it('has one header column per row field', () => {
    expect(toCsvHeader().split(',')).toHaveLength(23);
    expect(toCsvHeader()).toMatch(/^id,time,request_id,phase,decision,status,actor_sub,/);
  });

  it('flattens an event with RFC 4180 quoting', () => {
    const row = toCsvRow(event);
    expect(row).toContain('"said ""no"", twice\nreally"');
    expect(row).toContain(',"{""action"":""manual"",""host_ids"":[""host-1""],""scan_type"":""quick"",""task_name"":""nightly""}",');
    expect(row.startsWith('id-1,2026-12-04T10:00:00.000Z,r-1,final,allow,200,alice,web-scanner,10.0.0.1,jest,CreateAntiVirusPaidTask,')).toBe(true);
  });

  it('leaves nulls empty', () => {
    const row = toCsvRow({ ...event, actor: null, target: null, request: null, upstream: null, decision: null, status: null, reason: null });
    expect(row).toBe(`id-1,2026-12-04T10:00:00.000Z,r-1,final,,,,,,,CreateAntiVirusPaidTask,,,,,,${'a'.repeat(64)},,,,,${'0'.repeat(64)},${'f'.repeat(64)}`);
  });

  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['plain', 'plain'],
  ])('neutralizes formula text %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('neutralizes a formula in a nested field', () => {
    const row = toCsvRow({ ...event, actor: { sub: '=cmd', roles: ['@r'], ip: null, user_agent: null } });
    expect(row).toContain(",'=cmd,'@r,,,");
  });
});
