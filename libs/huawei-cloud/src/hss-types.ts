// Wire shapes of the HSS API (snake_case, as HSS sends and expects them).

export type ScanType = 'quick' | 'full' | 'custom';
export type ScanAction = 'auto' | 'manual';

/** Body of CreateAntiVirusPaidTask. */
export interface CreateAntiVirusPaidTaskBody {
  task_name: string;
  scan_type: ScanType;
  action: ScanAction;
  host_ids: string[];
  file_types?: number[];
  scan_dir?: string;
  ignore_dir?: string;
  task_id?: string | null;
}

/** Reply of CreateAntiVirusPaidTask; every field is optional across HSS versions. */
export interface CreateAntiVirusPaidTaskResponse {
  task_id?: string;
  policy_id?: string;
  result?: boolean;
  fail_reasons?: { host_id: string; reason: string }[];
}

/** One host of ListHostStatus. */
export interface HostItem {
  host_id: string;
  host_name?: string;
  private_ip?: string;
  public_ip?: string;
  enterprise_project_id?: string;
  enterprise_project_name?: string;
  agent_status?: string;
  protect_status?: string;
  os_type?: string;
}

/** One page of ListHostStatus. */
export interface ListHostsPage {
  total_num: number;
  data_list: HostItem[];
}

/** Error body of HSS/APIG. */
export interface HssError {
  error_code: string;
  error_msg: string;
  request_id?: string;
}
