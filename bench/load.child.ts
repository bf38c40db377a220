import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { SampleBuffer, summarizeLatencies } from './latency';
import type { LoadJob, LoadResult } from './load-protocol';

/** Load generator in its own process: runs one autocannon job per IPC message and sends the summary back. */
function run(job: LoadJob): Promise<LoadResult> {
  const samples = new SampleBuffer();
  let non200 = 0;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        method: job.method,
        headers: job.headers,
        body: job.body,
        connections: job.connections,
        pipelining: 1,
        timeout: 10,
        ...(job.amount !== undefined ? { amount: job.amount } : { duration: job.durationS }),
      },
      (err, result) => {
        if (err) return reject(err);
        const elapsedS = (performance.now() - started) / 1000;
        const latency = summarizeLatencies(samples.values());
        resolve({
          connections: job.connections,
          elapsedS: Math.round(elapsedS * 100) / 100,
          ok: latency.count,
          non200,
          errors: result.errors,
          timeouts: result.timeouts,
          rps: Math.round(latency.count / elapsedS),
          latency,
        });
      },
    );
    // responseTime is a float in ms from hrtime; autocannon's own histogram would round it to whole ms.
    instance.on('response', (_client, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode === 200) samples.push(responseTime);
      else non200++;
    });
  });
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send?.({ type: 'result', result }),
    (err: Error) => process.send?.({ type: 'error', message: err.message }),
  );
});
process.send?.({ type: 'ready' });
