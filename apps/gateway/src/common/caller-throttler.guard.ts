import { Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { GatewayRequest } from './gateway-request';

/** Rate limits per authenticated subject (it runs after the JWT guard), falling back to the client address. */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const r = req as unknown as GatewayRequest;
    return r.user ? `sub:${r.user.sub}` : `ip:${r.ip ?? 'unknown'}`;
  }

  /** A message for the caller, not the library's class name. */
  protected override async throwThrottlingException(_context: unknown, detail: ThrottlerLimitDetail): Promise<void> {
    throw new ThrottlerException(`rate limit exceeded: at most ${detail.limit} requests per minute per caller`);
  }
}
