import type { AuditActor, AuditEvent, AuditEventInput, AuditTarget, AuditUpstream } from './audit-event';
import type { GroupCommitQueue } from './group-commit';
import { canonicalize } from './canonical-json';
import { redactSecretText, redactSecrets } from './redact-secrets';

/** Thrown by `append` when the input is not a well-formed audit event. */
export class AuditEventError extends Error {
  override readonly name = 'AuditEventError';
}

/** The one `append` of both stores: normalize, then join the next group commit; a store not yet opened rejects. */
export function enqueueAppend(queue: GroupCommitQueue<AuditEventInput, AuditEvent>, opened: boolean, input: AuditEventInput): Promise<AuditEvent> {
  if (!opened && !queue.isClosed) return Promise.reject(new Error('audit store is not initialised'));
  try {
    return queue.submit(normalizeEventInput(input));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Copies exactly the contract's fields (so stray properties such as headers or
 * tokens on the caller's object are never stored), checks their types, redacts
 * token-looking text and proves the result serializes canonically. Done before
 * an event joins a group commit, so one bad event cannot fail its neighbours.
 */
export function normalizeEventInput(input: AuditEventInput): AuditEventInput {
  if (input === null || typeof input !== 'object') throw new AuditEventError('audit event must be an object');
  const event: AuditEventInput = {
    request_id: requiredString(input.request_id, 'request_id'),
    actor: input.actor == null ? null : actor(input.actor),
    action: requiredString(input.action, 'action'),
    target: input.target == null ? null : target(input.target),
    request: input.request == null ? null : requestBody(input.request),
    phase: oneOf(input.phase, ['forward', 'final'] as const, 'phase'),
    decision: input.decision == null ? null : oneOf(input.decision, ['allow', 'deny'] as const, 'decision'),
    policy_version: optionalString(input.policy_version, 'policy_version'),
    reason: input.reason == null ? null : redactSecretText(optionalString(input.reason, 'reason') ?? ''),
    status: optionalInt(input.status, 'status'),
    upstream: input.upstream == null ? null : upstream(input.upstream),
  };
  try {
    canonicalize(event);
  } catch (error) {
    throw new AuditEventError(`audit event is not serializable: ${(error as Error).message}`);
  }
  return event;
}

function actor(value: AuditActor): AuditActor {
  return {
    sub: requiredString(value.sub, 'actor.sub'),
    roles: stringArray(value.roles, 'actor.roles'),
    ip: optionalString(value.ip, 'actor.ip'),
    user_agent: value.user_agent == null ? null : redactSecretText(optionalString(value.user_agent, 'actor.user_agent') ?? ''),
  };
}

function target(value: AuditTarget): AuditTarget {
  return {
    region: optionalString(value.region, 'target.region'),
    project_id: optionalString(value.project_id, 'target.project_id'),
    enterprise_project_id: optionalString(value.enterprise_project_id, 'target.enterprise_project_id'),
    host_ids: stringArray(value.host_ids, 'target.host_ids'),
  };
}

function upstream(value: AuditUpstream): AuditUpstream {
  const duration = value.duration_ms;
  if (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0) {
    throw new AuditEventError('upstream.duration_ms must be a non-negative number');
  }
  return {
    status: optionalInt(value.status, 'upstream.status'),
    request_id: optionalString(value.request_id, 'upstream.request_id'),
    duration_ms: duration,
  };
}

function requestBody(value: Record<string, unknown>): Record<string, unknown> {
  if (typeof value !== 'object' || Array.isArray(value)) throw new AuditEventError('request must be an object or null');
  return redactSecrets(value) as Record<string, unknown>;
}

function requiredString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new AuditEventError(`${field} must be a non-empty string`);
  return value;
}

function optionalString(value: unknown, field: string): string | null {
  if (value == null) return null;
  if (typeof value !== 'string') throw new AuditEventError(`${field} must be a string or null`);
  return value;
}

function optionalInt(value: unknown, field: string): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value)) throw new AuditEventError(`${field} must be an integer or null`);
  return value as number;
}

function stringArray(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new AuditEventError(`${field} must be an array of strings`);
  }
  return [...(value as string[])];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new AuditEventError(`${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
