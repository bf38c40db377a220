import type { CreateAntiVirusPaidTaskResponse, ListHostsPage } from './hss-types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Accepts any JSON object: every field of the create reply is optional. */
export function isCreateTaskResponse(value: unknown): value is CreateAntiVirusPaidTaskResponse {
  return isRecord(value);
}

/** Accepts a ListHostStatus page whose hosts all carry a host_id. */
export function isListHostsPage(value: unknown): value is ListHostsPage {
  return (
    isRecord(value) &&
    typeof value.total_num === 'number' &&
    Array.isArray(value.data_list) &&
    value.data_list.every((item) => isRecord(item) && typeof item.host_id === 'string')
  );
}
