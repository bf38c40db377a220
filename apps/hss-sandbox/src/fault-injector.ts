import type { FaultSpec } from './sandbox.types';
import type { RouteKind } from './routes';

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

/** Queue of injected faults; the oldest matching one applies to each request. */
export class FaultInjector {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
      throw new Error('FaultSpec.times must be a positive integer');
    }
    this.faults.push({ spec: { ...spec }, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.faults = [];
  }

  /** Consumes one use of the first fault matching the route (faults without a path match every request). */
  take(route: RouteKind | undefined): FaultSpec | undefined {
    if (this.faults.length === 0) return undefined;
    const index = this.faults.findIndex((f) => f.spec.path === undefined || f.spec.path === route);
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault.spec;
  }
}
