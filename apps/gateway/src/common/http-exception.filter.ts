import { STATUS_CODES } from 'node:http';
import { AuditFilterError } from '@app/audit';
import { ArgumentsHost, BadRequestException, Catch, HttpException, HttpStatus, Injectable, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AuditTrailService } from '../audit/audit-trail.service';
import { MetricsService } from '../metrics/metrics.service';
import type { GatewayRequest } from './gateway-request';
import { isScanTaskRequest } from './scan-route';
import { UpstreamException } from './upstream.exception';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  request_id: string;
  error_code?: string;
  error_msg?: string;
}

/**
 * The one exception filter: one error shape for every route, and for the scan
 * endpoint the `final` audit event committed before the answer (503 if it cannot be).
 * 5xx bodies say little; the log line, keyed by request id, says the rest.
 */
@Catch()
@Injectable()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  constructor(
    private readonly audit: AuditTrailService,
    private readonly metrics: MetricsService,
  ) {}

  async catch(thrown: unknown, host: ArgumentsHost): Promise<void> {
    const exception = toHttpException(thrown);
    const req = host.switchToHttp().getRequest<GatewayRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    let status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    let body = this.body(exception, status, req.id);
    if (status >= 500 && !(exception instanceof UpstreamException) && !(exception instanceof HttpException)) {
      this.logger.error({ request_id: req.id, err: exception }, 'unhandled error');
    }

    if (isScanTaskRequest(req)) {
      const ctx = this.audit.context(req);
      ctx.reason ??= typeof body.message === 'string' ? body.message : body.message.join('; ');
      try {
        await this.audit.recordFinal(req, status);
      } catch (e) {
        status = HttpStatus.SERVICE_UNAVAILABLE;
        body = this.body(e, status, req.id);
      }
      this.metrics.requests.inc({ status: String(status), decision: ctx.decision ?? 'none' });
    }

    if (res.headersSent) {
      res.destroy();
      return;
    }
    // Whatever went wrong afterwards, a request that reached HSS says which HSS request it was.
    const upstreamRequestId = req.scanAudit?.upstream?.request_id;
    if (upstreamRequestId) res.setHeader('X-Upstream-Request-Id', upstreamRequestId);
    if (exception instanceof UpstreamException && exception.result.retryAfter) res.setHeader('Retry-After', exception.result.retryAfter);
    res.status(status).json(body);
  }

  private body(exception: unknown, status: number, requestId: string): ErrorBody {
    const error = STATUS_CODES[status] ?? 'Error';
    let message: string | string[] = status >= 500 ? error : 'request failed';
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      message = typeof response === 'string' ? response : ((response as { message?: string | string[] }).message ?? exception.message);
    }
    const body: ErrorBody = { statusCode: status, error, message, request_id: requestId };
    if (exception instanceof UpstreamException && exception.passesUpstreamError) {
      if (exception.result.errorCode) body.error_code = exception.result.errorCode;
      if (exception.result.errorMsg) body.error_msg = exception.result.errorMsg;
    }
    return body;
  }
}

/** Domain errors from the libs that are the caller's fault become 4xx. */
function toHttpException(thrown: unknown): unknown {
  if (thrown instanceof AuditFilterError) return new BadRequestException(thrown.message);
  return thrown;
}
