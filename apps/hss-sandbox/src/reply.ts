import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** What a route handler decides; the server turns it into a response. */
export interface SandboxReply {
  status: number;
  body: unknown;
}

const JSON_TYPE = 'application/json;charset=utf-8';

/** A random 32-hex request id, like APIG's X-Request-Id (randomUUID is cheaper than randomBytes per call). */
export function newRequestId(): string {
  return randomUUID().replace(/-/g, '');
}

/** HSS service error body. */
export function hssError(status: number, code: string, message: string): SandboxReply {
  return { status, body: { error_code: code, error_msg: message } };
}

/** APIG (gateway-level) error body, which also carries the request id. */
export function apigError(status: number, code: string, message: string, requestId: string): SandboxReply {
  return { status, body: { error_code: code, error_msg: message, request_id: requestId } };
}

/** Writes a complete response unless the client is already gone. */
export function sendRaw(
  res: ServerResponse,
  status: number,
  requestId: string,
  payload: string,
  extraHeaders?: Record<string, string>,
): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, {
    'Content-Type': JSON_TYPE,
    'Content-Length': Buffer.byteLength(payload),
    'X-Request-Id': requestId,
    ...extraHeaders,
  });
  res.end(payload);
}

/** Serialises a reply as JSON and sends it. */
export function sendReply(res: ServerResponse, reply: SandboxReply, requestId: string, extraHeaders?: Record<string, string>): void {
  sendRaw(res, reply.status, requestId, JSON.stringify(reply.body), extraHeaders);
}
