/** A CreateAntiVirusPaidTask body that passed HSS's checks. */
export interface CreateTaskBody {
  task_name: string;
  scan_type: 'quick' | 'full' | 'custom';
  action: 'auto' | 'manual';
  host_ids: string[];
  file_types?: number[];
  scan_dir?: string;
  ignore_dir?: string;
  task_id?: string | null;
}

export type CreateTaskValidation = { ok: true; value: CreateTaskBody } | { ok: false; message: string };

const SCAN_TYPES = ['quick', 'full', 'custom'];
const ACTIONS = ['auto', 'manual'];

/** Checks a parsed body the way HSS does; the message names the offending field. Unknown fields are ignored, as HSS does. */
export function validateCreateTaskBody(raw: unknown): CreateTaskValidation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('request body must be a JSON object');
  const body = raw as Record<string, unknown>;
  const { task_name, scan_type, action, host_ids, file_types, scan_dir, ignore_dir, task_id } = body;

  if (typeof task_name !== 'string' || task_name.length < 1 || task_name.length > 255) {
    return fail('task_name must be a string of 1 to 255 characters');
  }
  if (typeof scan_type !== 'string' || !SCAN_TYPES.includes(scan_type)) return fail('scan_type must be one of quick, full, custom');
  if (typeof action !== 'string' || !ACTIONS.includes(action)) return fail('action must be one of auto, manual');
  const hostError = checkHostIds(host_ids);
  if (hostError) return fail(hostError);
  if (file_types !== undefined && !isFileTypes(file_types)) return fail('file_types must be an array of integers from 0 to 6');
  if (scan_dir !== undefined && typeof scan_dir !== 'string') return fail('scan_dir must be a string');
  if (ignore_dir !== undefined && typeof ignore_dir !== 'string') return fail('ignore_dir must be a string');
  if (task_id !== undefined && task_id !== null && (typeof task_id !== 'string' || task_id === '')) {
    return fail('task_id must be a non-empty string or null');
  }

  return {
    ok: true,
    value: {
      task_name,
      scan_type: scan_type as CreateTaskBody['scan_type'],
      action: action as CreateTaskBody['action'],
      host_ids: host_ids as string[],
      ...(file_types !== undefined && { file_types: file_types as number[] }),
      ...(scan_dir !== undefined && { scan_dir: scan_dir as string }),
      ...(ignore_dir !== undefined && { ignore_dir: ignore_dir as string }),
      ...(task_id !== undefined && { task_id: task_id as string | null }),
    },
  };
}

function checkHostIds(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return 'host_ids must be a non-empty array of strings';
  const seen = new Set<string>();
  for (const id of value) {
    if (typeof id !== 'string' || id === '') return 'host_ids must contain only non-empty strings';
    if (seen.has(id)) return `host_ids contains a duplicate: ${id}`;
    seen.add(id);
  }
  return undefined;
}

function isFileTypes(value: unknown): boolean {
  return Array.isArray(value) && value.every((t) => Number.isInteger(t) && (t as number) >= 0 && (t as number) <= 6);
}

function fail(message: string): CreateTaskValidation {
  return { ok: false, message: `Invalid parameter: ${message}` };
}
