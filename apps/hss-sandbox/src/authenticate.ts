import { verifySignature } from '@app/huawei-cloud';
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxState } from './sandbox-state';

/** APIG rejects an X-Sdk-Date more than 15 minutes from its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const PREFIX = 'Incorrect IAM authentication information: ';
const SDK_DATE = /^\d{8}T\d{6}Z$/;

/**
 * Checks the AK/SK signature as APIG does; returns the APIGW.0301 message on failure.
 * Messages are written here rather than passed through, so nothing the signer saw (keys, signatures) can leak.
 */
export function authenticate(
  state: Pick<SandboxState, 'secretFor'>,
  request: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer },
  now: Date,
): string | undefined {
  const result = verifySignature(request, state.secretFor, now, MAX_CLOCK_SKEW_MS);
  if (result.ok) return undefined;
  switch (result.reason) {
    case 'missing':
      return `${PREFIX}the AK/SK signature (Authorization and X-Sdk-Date headers) is missing`;
    case 'malformed':
      return `${PREFIX}the Authorization or X-Sdk-Date header is malformed`;
    case 'unknown_ak':
      return `${PREFIX}the access key does not exist`;
    case 'expired':
      return `${PREFIX}${expiredMessage(request.headers['x-sdk-date'], now)}`;
    case 'bad_signature':
      return `${PREFIX}verify aksk signature fail`;
  }
}

/** Mismatch between the signed X-Project-Id header and the project in the path. */
export function projectHeaderMismatch(headers: IncomingHttpHeaders, projectId: string): string | undefined {
  const header = headers['x-project-id'];
  if (header === projectId) return undefined;
  return header === undefined
    ? `${PREFIX}the X-Project-Id header is missing`
    : `${PREFIX}the X-Project-Id header does not match the project in the URL`;
}

function expiredMessage(sdkDate: string | string[] | undefined, now: Date): string {
  const server = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  // Echo the client's date only when it has the expected shape: it is caller input.
  const client = typeof sdkDate === 'string' && SDK_DATE.test(sdkDate) ? `X-Sdk-Date ${sdkDate}` : 'the X-Sdk-Date';
  return `${client} is more than 15 minutes away from the server time ${server}; the signature has expired`;
}
