import { FaultInjector } from './fault-injector';

describe('FaultInjector', () => {
  it('returns nothing when no fault is queued', () => {
    expect(new FaultInjector().take('tasks')).toBeUndefined();
  });

  it('applies a fault without times until cleared', () => {
    const faults = new FaultInjector();
    faults.add({ status: 500 });
    expect([faults.take('tasks'), faults.take('hosts'), faults.take(undefined)].map((f) => f?.status)).toEqual([500, 500, 500]);
    faults.clear();
    expect(faults.take('tasks')).toBeUndefined();
  });

  it('uses the oldest matching fault first and drops it after `times`', () => {
    const faults = new FaultInjector();
    faults.add({ status: 500, times: 1 });
    faults.add({ status: 503, times: 1 });
    expect(faults.take('tasks')?.status).toBe(500);
    expect(faults.take('tasks')?.status).toBe(503);
    expect(faults.take('tasks')).toBeUndefined();
  });

  it('skips faults scoped to another path, and path-scoped faults never hit unknown routes', () => {
    const faults = new FaultInjector();
    faults.add({ status: 502, path: 'tasks' });
    expect(faults.take('hosts')).toBeUndefined();
    expect(faults.take(undefined)).toBeUndefined();
    expect(faults.take('tasks')?.status).toBe(502);
  });

  it('is not affected by later changes to the spec object', () => {
    const faults = new FaultInjector();
    const spec = { status: 500 };
    faults.add(spec);
    spec.status = 200;
    expect(faults.take('tasks')?.status).toBe(500);
  });

  it.each([0, -1, 1.5])('rejects times=%s', (times) => {
    expect(() => new FaultInjector().add({ status: 500, times })).toThrow('times');
  });
});
