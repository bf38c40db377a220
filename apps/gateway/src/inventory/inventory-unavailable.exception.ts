import { ServiceUnavailableException } from '@nestjs/common';

/** 503: HSS's host inventory could not be read, so host ownership cannot be decided. */
export class InventoryUnavailableException extends ServiceUnavailableException {
  /** Why, for the audit reason and logs (an upstream reason such as `upstream_timeout`); never sent to the caller. */
  readonly detail: string;

  constructor(detail: string) {
    super('the HSS host inventory is unavailable; try again later');
    this.detail = detail;
  }
}
