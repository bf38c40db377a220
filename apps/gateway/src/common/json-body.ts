import { json } from 'express';
import type { NextFunction, Response } from 'express';
import type { GatewayRequest } from './gateway-request';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function rejectPrototypeKeys(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) throw new SyntaxError(`forbidden key "${key}" in JSON body`);
  return value;
}

/**
 * JSON body parsing whose failures (malformed JSON, prototype keys, too large) are held
 * on the request instead of answered at once: the caller is authenticated first, so an
 * anonymous caller learns nothing from the parser and every failure is audited with its actor.
 */
export function deferredJsonBody(limitBytes: number) {
  const parse = json({ limit: limitBytes, strict: true, reviver: rejectPrototypeKeys, type: ['application/json', 'application/*+json'] });
  return (req: GatewayRequest, res: Response, next: NextFunction): void => {
    parse(req, res, (err?: unknown) => {
      if (err) req.bodyError = err as GatewayRequest['bodyError'];
      next();
    });
  };
}
