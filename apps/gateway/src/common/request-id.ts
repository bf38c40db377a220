import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { GatewayRequest } from './gateway-request';

const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/** A caller's well-formed X-Request-Id is kept; anything else gets a fresh UUID. Always echoed. */
export function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && WELL_FORMED.test(header) ? header : randomUUID();
}

/** First middleware: every response, errors included, carries X-Request-Id. */
export function assignRequestId(req: GatewayRequest, res: Response, next: NextFunction): void {
  req.id = requestIdFor(req.headers['x-request-id']);
  res.setHeader('X-Request-Id', req.id);
  next();
}
