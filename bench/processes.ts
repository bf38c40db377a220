import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const TASKSET = '/usr/bin/taskset';

export interface ChildOptions {
  /** CPU list for taskset (e.g. "0"); undefined leaves placement to the scheduler. */
  cpus?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  nodeArgs?: string[];
  /** Where the child's stdout goes; its stderr is always kept (last 4 KB) to explain a failure. */
  stdout?: 'ignore' | 'inherit';
}

export interface BenchChild {
  proc: ChildProcess;
  pid: number;
  stderrTail(): string;
}

/** Whether pinning is possible here (taskset present). */
export function canPin(): boolean {
  return existsSync(TASKSET);
}

/** child_process.fork of a compiled script, pinned with taskset (which execs node, so the pid is node's). */
export function forkChild(script: string, options: ChildOptions = {}): BenchChild {
  const nodeArgs = options.nodeArgs ?? [];
  const pinned = options.cpus !== undefined && canPin();
  const proc = fork(script, [], {
    execPath: pinned ? TASKSET : process.execPath,
    execArgv: pinned ? ['-c', options.cpus as string, process.execPath, ...nodeArgs] : nodeArgs,
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', options.stdout ?? 'ignore', 'pipe', 'ipc'],
  });
  let tail = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4096);
  });
  if (proc.pid === undefined) throw new Error(`could not start ${script}`);
  return { proc, pid: proc.pid, stderrTail: () => tail };
}

/** Resolves with the first IPC message of the given type; rejects if the child exits or the wait times out. */
export function nextMessage<T extends { type: string }>(child: BenchChild, type: T['type'], timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      child.proc.off('message', onMessage);
      child.proc.off('exit', onExit);
    };
    const onMessage = (msg: unknown): void => {
      if (typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === type) {
        cleanup();
        resolve(msg as T);
      } else if (typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'error') {
        cleanup();
        reject(new Error(`child ${child.pid}: ${(msg as { message?: string }).message ?? 'failed'}`));
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`child ${child.pid} exited (${code}) before '${type}': ${child.stderrTail()}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`child ${child.pid}: no '${type}' within ${timeoutMs} ms: ${child.stderrTail()}`));
    }, timeoutMs);
    child.proc.on('message', onMessage);
    child.proc.once('exit', onExit);
  });
}

/** Waits for the child to exit; SIGTERM first (unless `already` asked it to leave), SIGKILL after the grace period. */
export function stopChild(child: BenchChild, graceMs = 5_000, already = false): Promise<void> {
  const { proc } = child;
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (!already) proc.kill('SIGTERM');
  });
}
