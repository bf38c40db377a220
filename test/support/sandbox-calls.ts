import type { ReceivedCall, RunningSandbox } from '@app/hss-sandbox';

/** The CreateAntiVirusPaidTask calls that reached the sandbox (host inventory lookups left out). */
export function scanTaskCalls(sandbox: RunningSandbox): ReceivedCall[] {
  return sandbox.calls.filter((c) => c.method === 'POST' && c.url.includes('/antivirus/pay-per-scan/tasks'));
}

/** The AK a forwarded call was signed with (the Access= part of its Authorization header). */
export function accessKeyOf(call: ReceivedCall): string | undefined {
  return /Access=([^,]+)/.exec(String(call.headers.authorization))?.[1];
}
