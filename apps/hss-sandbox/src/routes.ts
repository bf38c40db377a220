export type RouteKind = 'tasks' | 'hosts';

export interface MatchedRoute {
  kind: RouteKind;
  projectId: string;
  query: URLSearchParams;
}

const TASKS = /^\/v5\/([^/]+)\/antivirus\/pay-per-scan\/tasks$/;
const HOSTS = /^\/v5\/([^/]+)\/host-management\/hosts$/;

/** Matches the request line against the APIs the sandbox publishes; undefined means APIG's 404. */
export function matchRoute(method: string, url: string): MatchedRoute | undefined {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  let match: RegExpExecArray | null = null;
  let kind: RouteKind | undefined;
  if (method === 'POST' && (match = TASKS.exec(path))) kind = 'tasks';
  else if (method === 'GET' && (match = HOSTS.exec(path))) kind = 'hosts';
  if (!kind || !match) return undefined;
  let projectId: string;
  try {
    projectId = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  return { kind, projectId, query: new URLSearchParams(rawQuery) };
}

/** Route kind of a URL regardless of method, so path-scoped faults apply before anything is checked. */
export function routeKindOf(url: string): RouteKind | undefined {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (TASKS.test(path)) return 'tasks';
  if (HOSTS.test(path)) return 'hosts';
  return undefined;
}
