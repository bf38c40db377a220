import { BadRequestException, PayloadTooLargeException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { GatewayRequest } from './gateway-request';

/** The request body, which must have parsed as a JSON object; the global ValidationPipe then validates it. */
export const JsonObjectBody = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const req = ctx.switchToHttp().getRequest<GatewayRequest>();
  const err = req.bodyError;
  if (err?.type === 'entity.too.large') throw new PayloadTooLargeException('request body is larger than 64 KiB');
  if (err) throw new BadRequestException(`malformed JSON body: ${err.message}`.slice(0, 300));
  const body: unknown = req.body;
  if (body === undefined && !req.is('json')) throw new BadRequestException('request body must be JSON (Content-Type: application/json)');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequestException('request body must be a JSON object');
  return body;
});
