import { HttpException } from '@nestjs/common';
import type { UpstreamResult } from '@app/huawei-cloud';

const MESSAGES: Record<UpstreamResult['reason'], string> = {
  ok: 'ok',
  upstream_client_error: 'the upstream rejected the request',
  upstream_auth_rejected: "the upstream rejected the gateway's credentials",
  upstream_rate_limited: 'the upstream is rate limiting',
  upstream_server_error: 'the upstream failed',
  upstream_bad_reply: 'the upstream sent an unreadable reply',
  upstream_unreachable: 'the upstream could not be reached',
  upstream_timeout: 'the upstream did not answer in time',
};

/** An upstream outcome that is not a success, already mapped to the gateway's status. */
export class UpstreamException extends HttpException {
  constructor(readonly result: UpstreamResult) {
    super(MESSAGES[result.reason], result.gatewayStatus);
  }

  /** The upstream's own error_code / error_msg are passed on for its 4xx only; 5xx and credential rejections say little. */
  get passesUpstreamError(): boolean {
    return this.result.reason === 'upstream_client_error' || this.result.reason === 'upstream_rate_limited';
  }
}
