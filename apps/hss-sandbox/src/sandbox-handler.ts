import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { authenticate, projectHeaderMismatch } from './authenticate';
import { handleCreateTask } from './create-task.handler';
import { handleListHosts } from './list-hosts.handler';
import { apigError, hssError, newRequestId, sendRaw, sendReply, type SandboxReply } from './reply';
import { matchRoute, routeKindOf } from './routes';
import type { SandboxState } from './sandbox-state';
import type { FaultSpec } from './sandbox.types';

const NOT_PUBLISHED = 'The API does not exist or has not been published in the environment';

/** The sandbox's request listener: record, apply any fault, authenticate, route. */
export function createRequestHandler(state: SandboxState, timers: Set<NodeJS.Timeout>): RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      onRequest(state, timers, req, res, body);
    });
  };
}

function onRequest(state: SandboxState, timers: Set<NodeJS.Timeout>, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const requestId = newRequestId();
  const url = req.url ?? '/';
  const method = req.method ?? 'GET';
  const now = state.now();
  const text = body.toString('utf8');
  state.recordCall({ method, url, headers: req.headers, body: text, time: now });

  const fault = state.faults.take(routeKindOf(url));
  if (!fault) {
    sendReply(res, dispatch(state, req, method, url, body, text, now, requestId), requestId);
    return;
  }
  const run = (): void => applyFault(fault, () => dispatch(state, req, method, url, body, text, state.now(), requestId), res, requestId);
  if (!fault.latencyMs) return run();
  const timer = setTimeout(() => {
    timers.delete(timer);
    run();
  }, fault.latencyMs);
  timers.add(timer);
}

function dispatch(
  state: SandboxState,
  req: IncomingMessage,
  method: string,
  url: string,
  body: Buffer,
  text: string,
  now: Date,
  requestId: string,
): SandboxReply {
  const authError = authenticate(state, { method, url, headers: req.headers, body }, now);
  if (authError) return apigError(401, 'APIGW.0301', authError, requestId);
  const route = matchRoute(method, url);
  if (!route) return apigError(404, 'APIGW.0101', NOT_PUBLISHED, requestId);
  const projectError = projectHeaderMismatch(req.headers, route.projectId);
  if (projectError) return apigError(401, 'APIGW.0301', projectError, requestId);
  if (state.projectIds && !state.projectIds.has(route.projectId)) {
    return hssError(404, 'HSS.0011', `project not found: ${route.projectId}`);
  }
  return route.kind === 'tasks' ? handleCreateTask(state, route.projectId, route.query, text) : handleListHosts(state, route.query);
}

function applyFault(fault: FaultSpec, normal: () => SandboxReply, res: ServerResponse, requestId: string): void {
  if (fault.reset) {
    res.socket?.destroy();
    return;
  }
  if (fault.rawBody !== undefined) {
    sendRaw(res, fault.status ?? 200, requestId, fault.rawBody, fault.headers);
    return;
  }
  if (fault.status !== undefined) {
    sendReply(res, { status: fault.status, body: fault.body ?? defaultFaultBody(fault.status, requestId) }, requestId, fault.headers);
    return;
  }
  sendReply(res, normal(), requestId, fault.headers);
}

function defaultFaultBody(status: number, requestId: string): unknown {
  if (status === 429) return { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached', request_id: requestId };
  if (status < 400) return {};
  return { error_code: 'SANDBOX.FAULT', error_msg: `Injected fault: HTTP ${status}` };
}
