import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat utime/stime (USER_HZ is 100 on every Linux we run on). */
const USER_HZ = 100;

export interface ProcSnapshot {
  rssKb: number;
  hwmKb: number;
  /** utime + stime, milliseconds. */
  cpuMs: number;
  /** stime alone (kernel: syscalls such as write, fsync, epoll), milliseconds. */
  sysMs: number;
  fds: number;
}

function statusField(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : NaN;
}

/** One reading of a child's memory, CPU time and open descriptors from /proc. */
export function readProc(pid: number): ProcSnapshot {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  // Fields 14/15 (utime/stime) counted after the ")" that ends the command name, which may hold spaces.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  const sysMs = (Number(fields[12]) * 1000) / USER_HZ;
  return { rssKb: statusField(status, 'VmRSS'), hwmKb: statusField(status, 'VmHWM'), cpuMs, sysMs, fds: readdirSync(`/proc/${pid}/fd`).length };
}

/** Resets VmHWM to the current RSS (clear_refs "5"); false when the kernel refuses, then sampling alone gives the peak. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface ProcWatch {
  stop(): { peakRssKb: number; samples: ProcSnapshot[] };
}

/** Samples a process every `intervalMs`; the peak is the max of VmHWM (after a reset) and every sampled VmRSS. */
export function watchProc(pid: number, intervalMs = 100): ProcWatch {
  const hwmReset = resetPeakRss(pid);
  const samples: ProcSnapshot[] = [readProc(pid)];
  const timer = setInterval(() => samples.push(readProc(pid)), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const last = readProc(pid);
      samples.push(last);
      const sampled = Math.max(...samples.map((s) => s.rssKb));
      return { peakRssKb: hwmReset ? Math.max(sampled, last.hwmKb) : sampled, samples };
    },
  };
}
