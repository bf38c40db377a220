import { SingleFlightCache } from './single-flight-cache';

/** A load the test resolves or rejects by hand, counting how often it was started. */
function manualLoads<V>() {
  const pending: Array<{ resolve: (v: V) => void; reject: (e: Error) => void }> = [];
  const load = jest.fn(
    () =>
      new Promise<V>((resolve, reject) => {
        pending.push({ resolve, reject });
      }),
  );
  return { load, pending };
}

/** Lets queued promise callbacks run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SingleFlightCache', () => {
  let clock: number;
  const now = () => clock;

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('serves a loaded value until the TTL, counted from the start of the load, then loads again', async () => {
    const cache = new SingleFlightCache<string>({ ttlMs: 60_000, now });
    let n = 0;
    const load = jest.fn(async () => `v${++n}`);

    expect(await cache.get('k', load)).toEqual({ value: 'v1', fetchedAt: 1_000_000 });
    clock += 59_999;
    expect((await cache.get('k', load)).value).toBe('v1');
    expect(load).toHaveBeenCalledTimes(1);
    clock += 1;
    expect(await cache.get('k', load)).toEqual({ value: 'v2', fetchedAt: 1_060_000 });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps keys apart', async () => {
    const cache = new SingleFlightCache<string>({ ttlMs: 60_000, now });
    expect((await cache.get('a', async () => 'A')).value).toBe('A');
    expect((await cache.get('b', async () => 'B')).value).toBe('B');
    expect((await cache.get('a', async () => 'other')).value).toBe('A');
  });

  it('shares one load among concurrent misses of a key', async () => {
    const cache = new SingleFlightCache<string>({ ttlMs: 60_000, now });
    const { load, pending } = manualLoads<string>();
    const reads = [cache.get('k', load), cache.get('k', load), cache.get('k', load)];
    await flush();
    expect(load).toHaveBeenCalledTimes(1);
    pending[0].resolve('shared');
    expect((await Promise.all(reads)).map((r) => r.value)).toEqual(['shared', 'shared', 'shared']);
  });

  it('does not cache a failure: every waiter sees it, and the next call loads again', async () => {
    const cache = new SingleFlightCache<string>({ ttlMs: 60_000, now });
    const { load, pending } = manualLoads<string>();
    const a = cache.get('k', load);
    const b = cache.get('k', load);
    await flush();
    pending[0].reject(new Error('down'));
    await expect(a).rejects.toThrow('down');
    await expect(b).rejects.toThrow('down');

    const c = cache.get('k', load);
    await flush();
    expect(load).toHaveBeenCalledTimes(2);
    pending[1].resolve('up');
    expect((await c).value).toBe('up');
  });

  it('registers a load that throws synchronously and does not leave it stuck in flight', async () => {
    const cache = new SingleFlightCache<string>({ ttlMs: 60_000, now });
    const failing = jest.fn((): Promise<string> => {
      throw new Error('sync');
    });
    await expect(cache.get('k', failing)).rejects.toThrow('sync');
    expect((await cache.get('k', async () => 'later')).value).toBe('later');
  });

  describe('refresh (the refresh on a miss)', () => {
    it('returns the cached value when it was sampled at or after notBefore', async () => {
      const cache = new SingleFlightCache<string>({ ttlMs: 60_000, now });
      await cache.get('k', async () => 'v1');
      const load = jest.fn(async () => 'v2');
      expect((await cache.refresh('k', load, clock)).value).toBe('v1');
      expect(load).not.toHaveBeenCalled();
    });

    it('loads again when the cached value is older than notBefore, and stores the new value', async () => {
      const cache = new SingleFlightCache<string>({ ttlMs: 60_000, now });
      await cache.get('k', async () => 'v1');
      clock += 5_000;
      expect(await cache.refresh('k', async () => 'v2', clock)).toEqual({ value: 'v2', fetchedAt: clock });
      expect((await cache.get('k', async () => 'v3')).value).toBe('v2');
    });

    it('shares one refresh among concurrent misses', async () => {
      const cache = new SingleFlightCache<string>({ ttlMs: 60_000, now });
      await cache.get('k', async () => 'v1');
      clock += 1_000;
      const { load, pending } = manualLoads<string>();
      const refreshes = [cache.refresh('k', load, clock), cache.refresh('k', load, clock), cache.refresh('k', load, clock - 1)];
      await flush();
      expect(load).toHaveBeenCalledTimes(1);
      pending[0].resolve('v2');
      expect((await Promise.all(refreshes)).map((r) => r.value)).toEqual(['v2', 'v2', 'v2']);
    });

    it('waits out a load that started before notBefore, then loads once more', async () => {
      const cache = new SingleFlightCache<string>({ ttlMs: 60_000, now });
      const { load, pending } = manualLoads<string>();
      const first = cache.get('k', load);
      await flush();
      clock += 10;
      const refreshed = cache.refresh('k', load, clock);
      pending[0].resolve('old sample');
      await first;
      await flush();
      expect(load).toHaveBeenCalledTimes(2);
      pending[1].resolve('new sample');
      expect(await refreshed).toEqual({ value: 'new sample', fetchedAt: clock });
    });

    it('keeps the unexpired value when a refresh fails', async () => {
      const cache = new SingleFlightCache<string>({ ttlMs: 60_000, now });
      await cache.get('k', async () => 'v1');
      clock += 1_000;
      await expect(cache.refresh('k', () => Promise.reject(new Error('down')), clock)).rejects.toThrow('down');
      expect((await cache.get('k', async () => 'v2')).value).toBe('v1');
    });
  });

  it('drops the least recently loaded entries beyond maxEntries', async () => {
    const cache = new SingleFlightCache<string>({ ttlMs: 60_000, now, maxEntries: 2 });
    await cache.get('a', async () => 'A');
    await cache.get('b', async () => 'B');
    await cache.get('c', async () => 'C');
    expect(cache.size).toBe(2);
    expect((await cache.get('a', async () => 'A2')).value).toBe('A2');
    expect((await cache.get('c', async () => 'C2')).value).toBe('C');
  });

  it('clear() forgets every entry', async () => {
    const cache = new SingleFlightCache<string>({ ttlMs: 60_000, now });
    await cache.get('k', async () => 'v1');
    cache.clear();
    expect((await cache.get('k', async () => 'v2')).value).toBe('v2');
  });
});
