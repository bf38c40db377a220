import type { HostItem } from '@app/huawei-cloud';
import { FaultInjector } from './fault-injector';
import type { ReceivedCall, SandboxCredential, SandboxTask } from './sandbox.types';

const DEFAULT_HISTORY_LIMIT = 10_000;

/** Everything the sandbox remembers between requests. */
export class SandboxState {
  readonly calls: ReceivedCall[] = [];
  readonly tasks = new Map<string, SandboxTask>();
  readonly faults = new FaultInjector();
  readonly hosts: readonly HostItem[];
  readonly hostsById: ReadonlyMap<string, HostItem>;
  readonly projectIds: ReadonlySet<string> | undefined;
  private secrets = new Map<string, string>();
  private readonly historyLimit: number;

  constructor(
    hosts: HostItem[],
    credentials: SandboxCredential[],
    projectIds: string[] | undefined,
    historyLimit: number | undefined,
    readonly now: () => Date,
  ) {
    this.hosts = hosts.map((h) => ({ ...h }));
    this.hostsById = new Map(this.hosts.map((h) => [h.host_id, h]));
    this.projectIds = projectIds ? new Set(projectIds) : undefined;
    this.historyLimit = historyLimit ?? DEFAULT_HISTORY_LIMIT;
    this.setCredentials(credentials);
  }

  setCredentials(credentials: SandboxCredential[]): void {
    this.secrets = new Map(credentials.map((c) => [c.ak, c.sk]));
  }

  /** Bound once so it can be handed to verifySignature without a per-request closure. */
  readonly secretFor = (ak: string): string | undefined => this.secrets.get(ak);

  recordCall(call: ReceivedCall): void {
    if (this.historyLimit === 0) return;
    // shift() on a packed array is cheap in V8 (left-trimming), so a full buffer costs O(1) per call.
    if (this.calls.length >= this.historyLimit) this.calls.shift();
    this.calls.push(call);
  }

  saveTask(task: SandboxTask): void {
    this.tasks.delete(task.task_id);
    if (this.tasks.size >= Math.max(this.historyLimit, 1)) {
      const oldest = this.tasks.keys().next();
      if (!oldest.done) this.tasks.delete(oldest.value);
    }
    this.tasks.set(task.task_id, task);
  }

  reset(): void {
    this.calls.length = 0;
    this.tasks.clear();
    this.faults.clear();
  }
}
