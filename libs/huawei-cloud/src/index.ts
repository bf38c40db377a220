export { Secret } from './secret';
export { credentialsOf, type Credentials } from './credentials';
export { signRequest, type SignableRequest, type SignedRequest } from './signer';
export { verifySignature, type ReceivedRequest, type VerifyResult, type VerifyFailureReason } from './verifier';
export { formatSdkDate, parseSdkDate } from './sdk-date';
export { sdkEncode } from './canonical';
export { HSS_REGIONS, hssBaseUrl, isRegionId, resolveTarget, type UpstreamTarget } from './endpoints';
export type {
  ScanType,
  ScanAction,
  CreateAntiVirusPaidTaskBody,
  CreateAntiVirusPaidTaskResponse,
  HostItem,
  ListHostsPage,
  HssError,
} from './hss-types';
export type { UpstreamReason, UpstreamResult } from './upstream-result';
export { mapUpstreamReply, mapTransportFailure, classifyTransportError, type UpstreamReply, type TransportFailure } from './map-upstream';
export { HssClient, type HssClientOptions, type ListHostsQuery } from './hss-client';
