import type { HostItem } from '@app/huawei-cloud';
import { readEnterpriseProject, readInt } from './query-params';
import { hssError, type SandboxReply } from './reply';
import { inEnterpriseProject } from './sandbox-hosts';
import type { SandboxState } from './sandbox-state';

/** Filters that compare a host field with the query value exactly. */
const EXACT_FILTERS = ['host_id', 'agent_status', 'protect_status', 'os_type'] as const;
/** Filters HSS matches fuzzily (substring). */
const FUZZY_FILTERS = ['host_name', 'private_ip', 'public_ip'] as const;

/** ListHostStatus: the inventory filtered by enterprise project and fields, paged by offset/limit. */
export function handleListHosts(state: Pick<SandboxState, 'hosts'>, query: URLSearchParams): SandboxReply {
  const ep = readEnterpriseProject(query);
  if (!ep.ok) return hssError(400, 'HSS.0001', ep.message);
  const offset = readInt(query, 'offset', 0, 0, 2_000_000);
  if (!offset.ok) return hssError(400, 'HSS.0001', offset.message);
  const limit = readInt(query, 'limit', 10, 10, 200);
  if (!limit.ok) return hssError(400, 'HSS.0001', limit.message);

  const exact = EXACT_FILTERS.map((f) => [f, query.get(f)] as const).filter(([, v]) => v !== null);
  const fuzzy = FUZZY_FILTERS.map((f) => [f, query.get(f)] as const).filter(([, v]) => v !== null);
  const matching = state.hosts.filter(
    (host) =>
      inEnterpriseProject(host, ep.value) &&
      exact.every(([field, value]) => host[field] === value) &&
      fuzzy.every(([field, value]) => (host[field] ?? '').includes(value as string)),
  );
  const page: HostItem[] = matching.slice(offset.value, offset.value + limit.value);
  return { status: 200, body: { total_num: matching.length, data_list: page } };
}
