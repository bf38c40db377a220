import { BadRequestException, ForbiddenException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { resolveTarget, type CreateAntiVirusPaidTaskResponse, type UpstreamTarget } from '@app/huawei-cloud';
import { AuditTrailService } from '../audit/audit-trail.service';
import { GATEWAY_CONFIG } from '../config/config.module';
import type { GatewayConfig } from '../config/gateway-config';
import type { GatewayRequest } from '../common/gateway-request';
import { UpstreamException } from '../common/upstream.exception';
import { MetricsService } from '../metrics/metrics.service';
import { notListedReason } from '../inventory/host-inventory';
import { HostInventoryService } from '../inventory/host-inventory.service';
import { InventoryUnavailableException } from '../inventory/inventory-unavailable.exception';
import { PolicyService } from '../policy/policy.service';
import { toUpstreamBody, type CreateScanTaskDto } from './create-scan-task.dto';
import { HssClientHolder } from './hss-client.provider';

export interface ScanTaskCreated {
  body: CreateAntiVirusPaidTaskResponse;
  upstreamRequestId: string | null;
}

/**
 * The scan flow after authentication and validation: resolve the region from
 * configuration, ask the policy, commit the `forward` event, sign and forward, and
 * commit the `final` event before the answer leaves. Errors are thrown as HTTP
 * exceptions; the exception filter records their `final` event.
 */
@Injectable()
export class ScanTasksService {
  private readonly regionList: string;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly policy: PolicyService,
    private readonly audit: AuditTrailService,
    private readonly hss: HssClientHolder,
    private readonly metrics: MetricsService,
    private readonly inventory: HostInventoryService,
  ) {
    this.regionList = [...config.projectIds.keys()].join(', ');
  }

  async create(req: GatewayRequest, regionHeader: string | undefined, enterpriseProjectId: string | undefined, dto: CreateScanTaskDto): Promise<ScanTaskCreated> {
    const ctx = this.audit.context(req);
    const body = toUpstreamBody(dto);
    const ep = enterpriseProjectId ?? '0';
    ctx.request = { ...body };
    ctx.target = { region: null, project_id: null, enterprise_project_id: ep, host_ids: body.host_ids };

    const target = this.target(regionHeader);
    ctx.target.region = target.region;
    ctx.target.project_id = target.projectId;

    const caller = req.user!;
    const decision = this.policy.evaluate(caller.roles, {
      region: target.region, enterpriseProjectId: ep, hostIds: body.host_ids, scanType: body.scan_type, action: body.action,
    });
    ctx.decision = decision.allow ? 'allow' : 'deny';
    ctx.policyVersion = decision.policyVersion;
    if (!decision.allow) {
      ctx.reason = decision.reason;
      throw new ForbiddenException(decision.reason);
    }
    ctx.reason = `allowed by role ${decision.role}`;
    await this.checkOwnership(req, target, ep, body.host_ids);

    await this.audit.recordForward(req);
    const result = await this.hss.client.createAntiVirusPaidTask(target, ep, body);
    ctx.upstream = { status: result.upstreamStatus, request_id: result.upstreamRequestId, duration_ms: Math.round(result.durationMs) };
    if (result.reason !== 'ok') {
      ctx.reason = result.errorCode ? `${result.reason}: ${result.errorCode}` : result.reason;
      throw new UpstreamException(result);
    }
    await this.audit.recordFinal(req, 200);
    this.metrics.requests.inc({ status: '200', decision: 'allow' });
    return { body: result.body ?? {}, upstreamRequestId: result.upstreamRequestId };
  }

  /** Every host must be one HSS lists in the request's enterprise project, whatever the role's host grant. */
  private async checkOwnership(req: GatewayRequest, target: UpstreamTarget, ep: string, hostIds: string[]): Promise<void> {
    const ctx = this.audit.context(req);
    let unlisted: string[];
    try {
      unlisted = await this.inventory.findUnlisted(target, ep, hostIds);
    } catch (e) {
      if (!(e instanceof InventoryUnavailableException)) throw e;
      ctx.reason = `host inventory unavailable: ${e.detail}`;
      throw new ServiceUnavailableException('the HSS host inventory cannot be read, so host ownership cannot be checked; nothing was forwarded');
    }
    if (unlisted.length > 0) {
      ctx.decision = 'deny';
      ctx.reason = notListedReason(ep, unlisted);
      throw new ForbiddenException(ctx.reason);
    }
  }

  /** Only a configured region resolves; the URL never comes from caller text. */
  private target(regionHeader: string | undefined): UpstreamTarget {
    const region = regionHeader ?? this.config.defaultRegion;
    const target = resolveTarget(region, this.config.projectIds, this.config.hssEndpoint);
    if (!target) throw new BadRequestException(`region header must be one of the configured regions: ${this.regionList}`);
    return target;
  }
}
