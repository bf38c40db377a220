import { ServiceUnavailableException, UnauthorizedException, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC } from './public.decorator';
import type { Caller } from './caller';
import { KeySetUnavailableError } from './jwks-key-set';

/** Global: every route needs a valid bearer token unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T = Caller>(err: unknown, user: T | false, info: unknown): T {
    if (user && !err) return user;
    const cause = (err ?? info) as Error | undefined;
    // The key set could not be fetched: the token may well be good, so say "try later" rather than "go away".
    if (cause instanceof KeySetUnavailableError) {
      throw new ServiceUnavailableException(cause.message);
    }
    throw new UnauthorizedException(describeAuthFailure(cause));
  }
}

/** A short, token-free reason (jsonwebtoken's messages never include the token). */
function describeAuthFailure(cause: Error | undefined): string {
  if (!cause) return 'invalid token';
  if (cause.message === 'No auth token') return 'missing bearer token';
  if (cause.name === 'TokenExpiredError') return 'token expired';
  if (cause.name === 'NotBeforeError') return 'token not yet valid';
  return `invalid token: ${cause.message}`.slice(0, 200);
}
