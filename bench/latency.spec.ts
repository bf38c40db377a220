import { SampleBuffer, summarizeLatencies } from './latency';

describe('summarizeLatencies', () => {
  it('takes nearest-rank percentiles over 1..1000', () => {
    const buf = new SampleBuffer();
    for (let i = 1000; i >= 1; i--) buf.push(i);
    const s = summarizeLatencies(buf.values());
    expect(s).toEqual({ count: 1000, meanMs: 500.5, p50Ms: 500, p99Ms: 990, p999Ms: 999, maxMs: 1000 });
  });

  it('grows past its initial capacity without losing samples', () => {
    const buf = new SampleBuffer();
    for (let i = 0; i < 70_000; i++) buf.push(i % 7);
    expect(buf.values()).toHaveLength(70_000);
    expect(summarizeLatencies(buf.values()).maxMs).toBe(6);
  });

  it('reports NaN, not zero, for an empty run', () => {
    expect(summarizeLatencies(new Float64Array()).p99Ms).toBeNaN();
  });
});
