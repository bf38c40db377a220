import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { GatewayRequest } from '../common/gateway-request';
import { PolicyService } from '../policy/policy.service';

/** Only roles with `audit: read` may read the audit trail. Runs after the global JWT guard. */
@Injectable()
export class AuditReadGuard implements CanActivate {
  constructor(private readonly policy: PolicyService) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<GatewayRequest>();
    if (req.user && this.policy.canReadAudit(req.user.roles)) return true;
    throw new ForbiddenException('reading the audit trail needs a role with audit: read');
  }
}
