export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

/** Exact percentiles (nearest rank) over every recorded response time; autocannon's own histogram is 1 ms coarse. */
export function summarizeLatencies(values: Float64Array): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, meanMs: NaN, p50Ms: NaN, p99Ms: NaN, p999Ms: NaN, maxMs: NaN };
  const at = (q: number): number => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
  let sum = 0;
  for (const v of sorted) sum += v;
  const round = (v: number): number => Math.round(v * 1000) / 1000;
  return { count: n, meanMs: round(sum / n), p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), p999Ms: round(at(0.999)), maxMs: round(sorted[n - 1]) };
}

/** A growable float buffer: one push per response costs no allocation in the common case. */
export class SampleBuffer {
  private data = new Float64Array(1 << 16);
  private size = 0;

  push(value: number): void {
    if (this.size === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = value;
  }

  values(): Float64Array {
    return this.data.subarray(0, this.size);
  }
}
