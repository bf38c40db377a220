import { BadRequestException, PayloadTooLargeException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { GatewayRequest } from './gateway-request';

/** The request body, which must have parsed as a JSON object; the global ValidationPipe then validates it. */
export const JsonObjectBody = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const req = ctx.switchToHttp().getRequest<GatewayRequest>();
  const err = req.bodyError;
  if (err?.type === 'entity.too.large') throw new PayloadTooLargeException('request body is larger than 64 KiB');
  // body-parser's strict mode refuses JSON that is not an object or array (`null`, `"x"`, `1`) as a parse error.
  if (err?.type === 'entity.parse.failed' && /^\s*(null|true|false|-?\d|")/.test(err.body ?? '')) throw new BadRequestException('request body must be a JSON object');
  if (err) throw new BadRequestException(`malformed JSON body: ${err.message}`.slice(0, 300));
  const body: unknown = req.body;
  const declaredJson = /[/+]json\b/i.test(req.headers['content-type'] ?? '');
  if (body === undefined && !declaredJson) throw new BadRequestException('request body must be JSON (Content-Type: application/json)');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequestException('request body must be a JSON object');
  return body;
});
