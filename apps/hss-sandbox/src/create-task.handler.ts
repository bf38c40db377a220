import { randomUUID } from 'node:crypto';
import { validateCreateTaskBody, type CreateTaskBody } from './create-task.validation';
import { readEnterpriseProject } from './query-params';
import { hssError, type SandboxReply } from './reply';
import { inEnterpriseProject } from './sandbox-hosts';
import type { SandboxState } from './sandbox-state';
import type { SandboxTask } from './sandbox.types';

interface FailReason {
  host_id: string;
  reason: string;
}

/** CreateAntiVirusPaidTask: validates like HSS, reports hosts it cannot scan per host, stores the task. */
export function handleCreateTask(state: SandboxState, projectId: string, query: URLSearchParams, rawBody: string): SandboxReply {
  const ep = readEnterpriseProject(query);
  if (!ep.ok) return hssError(400, 'HSS.0001', ep.message);

  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return hssError(400, 'HSS.0002', 'The request body cannot be parsed as JSON');
  }
  const checked = validateCreateTaskBody(parsed);
  if (!checked.ok) return hssError(400, 'HSS.0001', checked.message);
  const body = checked.value;

  const previous = body.task_id ? state.tasks.get(body.task_id) : undefined;
  if (body.task_id && (!previous || previous.project_id !== projectId)) {
    return hssError(400, 'HSS.0011', `task not found: ${body.task_id}`);
  }

  const scannable: string[] = [];
  const failReasons: FailReason[] = [];
  const missing: string[] = [];
  for (const id of body.host_ids) {
    const host = state.hostsById.get(id);
    if (!host || !inEnterpriseProject(host, ep.value)) {
      missing.push(id);
      failReasons.push({ host_id: id, reason: 'host not found' });
    } else if (host.agent_status === 'offline') {
      failReasons.push({ host_id: id, reason: 'agent offline' });
    } else {
      scannable.push(id);
    }
  }
  if (missing.length === body.host_ids.length) return hssError(400, 'HSS.0011', `host not found: ${missing.join(', ')}`);
  if (scannable.length === 0) return { status: 200, body: { task_id: null, policy_id: null, result: false, fail_reasons: failReasons } };

  const task = buildTask(body, previous, projectId, ep.value, scannable, state.now());
  state.saveTask(task);
  return {
    status: 200,
    body: { task_id: task.task_id, policy_id: task.policy_id, result: failReasons.length === 0, fail_reasons: failReasons },
  };
}

function buildTask(
  body: CreateTaskBody,
  previous: SandboxTask | undefined,
  projectId: string,
  enterpriseProjectId: string,
  hostIds: string[],
  now: Date,
): SandboxTask {
  // A rescan keeps the task's identity, as HSS does when task_id is given.
  return {
    task_id: previous?.task_id ?? randomUUID(),
    policy_id: previous?.policy_id ?? randomUUID(),
    project_id: projectId,
    enterprise_project_id: enterpriseProjectId,
    task_name: body.task_name,
    scan_type: body.scan_type,
    action: body.action,
    host_ids: hostIds,
    ...(body.file_types && { file_types: body.file_types }),
    ...(body.scan_dir !== undefined && { scan_dir: body.scan_dir }),
    ...(body.ignore_dir !== undefined && { ignore_dir: body.ignore_dir }),
    created_at: now.toISOString(),
  };
}
