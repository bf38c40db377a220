import type { HostItem } from '@app/huawei-cloud';

/** One accepted AK/SK pair. */
export interface SandboxCredential {
  ak: string;
  sk: string;
}

export interface SandboxOptions {
  /** Accepted key pairs. */
  credentials: SandboxCredential[];
  /** Host inventory; default: loadSandboxHosts() of the demo file. */
  hosts?: HostItem[];
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When given, other project ids get 404 HSS.0011; default: any project id. */
  projectIds?: string[];
  now?: () => Date;
  /**
   * How many recent calls and tasks are kept (oldest dropped first), so a long
   * benchmark does not grow memory without bound. Default 10000; 0 keeps no calls.
   */
  historyLimit?: number;
}

export interface ReceivedCall {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  time: Date;
}

/** Applies to the next `times` calls (default: until cleared) of the matching path (default: all). */
export interface FaultSpec {
  latencyMs?: number;
  status?: number;
  /** JSON body for the chosen status. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Destroy the socket without a reply. */
  reset?: boolean;
  /** A non-JSON reply (sent with the JSON content-type unless `headers` says otherwise). */
  rawBody?: string;
  times?: number;
  path?: 'tasks' | 'hosts';
}

/** A stored task, as created by CreateAntiVirusPaidTask. */
export interface SandboxTask {
  task_id: string;
  policy_id: string;
  project_id: string;
  enterprise_project_id: string;
  task_name: string;
  scan_type: string;
  action: string;
  host_ids: string[];
  file_types?: number[];
  scan_dir?: string;
  ignore_dir?: string;
  created_at: string;
}

export interface RunningSandbox {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Every request received, oldest first: what reached the upstream. */
  readonly calls: ReceivedCall[];
  readonly tasks: ReadonlyMap<string, unknown>;
  inject(fault: FaultSpec): void;
  clearFaults(): void;
  /** Clears calls, tasks and faults. */
  reset(): void;
  setCredentials(creds: SandboxCredential[]): void;
  close(): Promise<void>;
}
