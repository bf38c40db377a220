import { HssClient, type HssClientOptions, type UpstreamResult } from '@app/huawei-cloud';
import type { Histogram } from 'prom-client';

type Operation = 'create_task' | 'list_hosts';

/** The HSS client with every upstream call observed in the latency histogram, by operation and outcome. */
export class MeasuredHssClient extends HssClient {
  constructor(
    options: HssClientOptions,
    private readonly latency: Histogram<'operation' | 'outcome'>,
  ) {
    super(options);
  }

  override createAntiVirusPaidTask(...args: Parameters<HssClient['createAntiVirusPaidTask']>): ReturnType<HssClient['createAntiVirusPaidTask']> {
    return this.observe('create_task', super.createAntiVirusPaidTask(...args));
  }

  // listAllHosts pages through this method, so each page is one observation.
  override listHosts(...args: Parameters<HssClient['listHosts']>): ReturnType<HssClient['listHosts']> {
    return this.observe('list_hosts', super.listHosts(...args));
  }

  private async observe<T extends UpstreamResult<unknown>>(operation: Operation, call: Promise<T>): Promise<T> {
    const result = await call;
    this.latency.observe({ operation, outcome: result.reason }, result.durationMs / 1000);
    return result;
  }
}
