import { requestIdFor } from './request-id';

describe('requestIdFor', () => {
  it.each(['caller-req-0001', 'a1b2c3d4', 'svc:web.42_x-y'])('keeps the well-formed id %s', (id) => {
    expect(requestIdFor(id)).toBe(id);
  });

  it.each([[undefined], ['short'], ['has space 12345'], ['x'.repeat(129)], [['two', 'values']], ['line\nbreak12']])('replaces %p with a UUID', (header) => {
    expect(requestIdFor(header as string | string[] | undefined)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
