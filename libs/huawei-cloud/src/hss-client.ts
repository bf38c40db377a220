import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { sdkEncode } from './canonical';
import type { Credentials } from './credentials';
import type { UpstreamTarget } from './endpoints';
import { isCreateTaskResponse, isListHostsPage } from './hss-replies';
import type { CreateAntiVirusPaidTaskBody, CreateAntiVirusPaidTaskResponse, HostItem, ListHostsPage } from './hss-types';
import { classifyTransportError, mapTransportFailure, mapUpstreamReply } from './map-upstream';
import { buildQuery } from './query-string';
import { signRequest } from './signer';
import type { UpstreamResult } from './upstream-result';

export interface HssClientOptions {
  /** Whole-request deadline, connection to last body byte. */
  timeoutMs: number;
  /** Called once at the start of every request, so rotated credentials apply to the next call. */
  credentials: () => Credentials;
  now?: () => Date;
  maxSockets?: number;
}

export interface ListHostsQuery {
  enterprise_project_id?: string;
  host_id?: string;
  offset?: number;
  limit?: number;
}

const USER_AGENT = 'hss-scan-gateway/0.1';
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const PAGE_LIMIT = 200;
const MAX_OFFSET = 2_000_000;
const REDACTED = '[REDACTED]';

function clampInt(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

function headerOf(response: AxiosResponse): (name: string) => string | undefined {
  const headers = response.headers as Record<string, unknown>;
  return (name) => {
    const value = headers[name];
    return typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : undefined;
  };
}

function redactorFor(values: string[]): (text: string) => string {
  const secrets = values.filter((value) => value.length > 0);
  return (text) => secrets.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

/** Signed HSS calls over keep-alive agents; upstream outcomes are returned as UpstreamResult, never thrown. */
export class HssClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly axios: AxiosInstance;
  private readonly now: () => Date;

  constructor(private readonly options: HssClientOptions) {
    const maxSockets = options.maxSockets ?? 64;
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
    this.now = options.now ?? (() => new Date());
    this.axios = axios.create({
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      proxy: false,
      maxRedirects: 0,
      validateStatus: () => true,
      // Identity transforms: the exact signed string goes out, and bad JSON stays visible to us.
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      responseType: 'text',
      responseEncoding: 'utf8',
      maxContentLength: MAX_RESPONSE_BYTES,
    });
  }

  /** POST /v5/{project_id}/antivirus/pay-per-scan/tasks?enterprise_project_id=... signed; body serialized once and those exact bytes signed and sent. */
  createAntiVirusPaidTask(
    target: UpstreamTarget,
    enterpriseProjectId: string,
    body: CreateAntiVirusPaidTaskBody,
  ): Promise<UpstreamResult<CreateAntiVirusPaidTaskResponse>> {
    const path = `/v5/${sdkEncode(target.projectId)}/antivirus/pay-per-scan/tasks`;
    const query = buildQuery({ enterprise_project_id: enterpriseProjectId });
    return this.send('POST', target, path, query, JSON.stringify(body), isCreateTaskResponse);
  }

  /** GET /v5/{project_id}/host-management/hosts (ListHostStatus), one page; limit clamped to 10..200. */
  listHosts(target: UpstreamTarget, query: ListHostsQuery): Promise<UpstreamResult<ListHostsPage>> {
    const path = `/v5/${sdkEncode(target.projectId)}/host-management/hosts`;
    const qs = buildQuery({
      enterprise_project_id: query.enterprise_project_id,
      host_id: query.host_id,
      offset: clampInt(query.offset, 0, MAX_OFFSET, 0),
      limit: clampInt(query.limit, 10, PAGE_LIMIT, 10),
    });
    return this.send('GET', target, path, qs, undefined, isListHostsPage);
  }

  /** Pages through ListHostStatus (limit 200) and returns every host, or the first failing UpstreamResult. */
  async listAllHosts(
    target: UpstreamTarget,
    enterpriseProjectId: string,
  ): Promise<{ ok: true; hosts: HostItem[] } | { ok: false; failure: UpstreamResult }> {
    const hosts: HostItem[] = [];
    for (let offset = 0; offset <= MAX_OFFSET; ) {
      const page = await this.listHosts(target, { enterprise_project_id: enterpriseProjectId, offset, limit: PAGE_LIMIT });
      if (page.reason !== 'ok' || page.body === null) {
        return { ok: false, failure: page };
      }
      hosts.push(...page.body.data_list);
      // Advance by what arrived, and stop on an empty page, so a short or lying total cannot loop forever.
      if (page.body.data_list.length === 0 || hosts.length >= page.body.total_num) {
        break;
      }
      offset += page.body.data_list.length;
    }
    return { ok: true, hosts };
  }

  /** Destroys the keep-alive agents; the client must not be used afterwards. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private async send<T>(
    method: 'GET' | 'POST',
    target: UpstreamTarget,
    path: string,
    query: string,
    body: string | undefined,
    accept: (value: unknown) => value is T,
  ): Promise<UpstreamResult<T>> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const credentials = this.options.credentials();
    const headers: Record<string, string> = { 'X-Project-Id': target.projectId };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json;charset=UTF-8';
    }
    const url = `${target.baseUrl}${path}${query ? `?${query}` : ''}`;
    const signed = signRequest({ method, url, headers, body: body ?? '' }, credentials, this.now());
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let response: AxiosResponse;
    try {
      response = await this.axios.request({
        method,
        url,
        headers: { ...signed.headers, 'User-Agent': USER_AGENT, Accept: 'application/json' },
        data: body,
        timeout: this.options.timeoutMs,
        signal,
      });
    } catch (error) {
      // Never rethrow: an axios error carries the request config, Authorization header included.
      return mapTransportFailure<T>(classifyTransportError(error, signal.aborted), elapsed());
    }
    const raw: unknown = response.data;
    const text = typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
    const signature = /Signature=([0-9a-f]+)/.exec(signed.headers['Authorization'] ?? '')?.[1] ?? '';
    const redact = redactorFor([
      credentials.ak.reveal(),
      credentials.sk.reveal(),
      credentials.securityToken?.reveal() ?? '',
      signature,
    ]);
    return mapUpstreamReply({ status: response.status, header: headerOf(response), body: text, durationMs: elapsed() }, accept, redact);
  }
}
