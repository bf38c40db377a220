import type { AuditEventInput } from '../audit-event';
import type { AuditStore } from '../audit-store';

/** Raw-SQL edits an attacker with database access could make, for tamper tests. */
export interface AuditTamper {
  /** Changes a field inside the stored event body (what the hash covers), keeping it canonical. */
  rewriteBody(id: string, mutate: (body: Record<string, unknown>) => void): Promise<void>;
  /** Changes only the indexed status column, leaving the body alone. */
  setStatusColumn(id: string, status: number): Promise<void>;
  deleteEvent(id: string): Promise<void>;
  /** Swaps the chain positions (sequence numbers) of two events. */
  swapOrder(a: string, b: string): Promise<void>;
}

export interface AuditStoreHarness {
  /** Initialised store under test. */
  store: AuditStore;
  /** Another initialised store on the same database, as a second gateway process would open it. */
  openSibling(): Promise<AuditStore>;
  tamper: AuditTamper;
  /** Closes everything the harness opened and removes the database. */
  cleanup(): Promise<void>;
}

export interface HarnessOptions {
  now?: () => Date;
}

export type OpenHarness = (options?: HarnessOptions) => Promise<AuditStoreHarness>;

let counter = 0;

/** A valid event input; every call gets a distinct request id. */
export function auditInput(overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  counter += 1;
  return {
    request_id: `req-${counter}`,
    actor: { sub: 'alice', roles: ['web-scanner'], ip: '10.0.0.1', user_agent: 'jest' },
    action: 'CreateAntiVirusPaidTask',
    target: { region: 'cn-north-4', project_id: 'p-1', enterprise_project_id: '0', host_ids: ['host-1'] },
    request: { task_name: 'nightly', scan_type: 'quick', action: 'manual', host_ids: ['host-1'] },
    phase: 'final',
    decision: 'allow',
    policy_version: 'a'.repeat(64),
    reason: null,
    status: 200,
    upstream: { status: 200, request_id: 'up-1', duration_ms: 12 },
    ...overrides,
  };
}

/** Appends one after another (not concurrently), returning the committed events in order. */
export async function appendInOrder(store: AuditStore, inputs: AuditEventInput[]) {
  const events = [];
  for (const input of inputs) events.push(await store.append(input));
  return events;
}

/** Drains a stream into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
