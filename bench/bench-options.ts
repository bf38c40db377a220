/** Command line of dist/bench/run.js. */
export interface BenchOptions {
  mode: 'matrix' | 'soak' | 'profile';
  durationS: number;
  warmupS: number;
  concurrency: number[];
  /** Pin targets to CPU 0 and load generator + upstream to CPU 1. */
  pin: boolean;
  /** Substring filters on target names; empty means all. */
  only: string[];
  soakRequests: number;
  soakConnections: number;
  profileConnections: number;
  postgresUrl: string;
  /** LOG_LEVEL of the profiled gateway. */
  profileLogLevel: string;
  /** Also run bench/audit-store.bench.ts after the matrix. */
  auditStores: boolean;
}

const DEFAULTS: BenchOptions = {
  mode: 'matrix',
  durationS: 8,
  warmupS: 2,
  concurrency: [1, 16, 64],
  pin: true,
  only: [],
  soakRequests: 200_000,
  soakConnections: 16,
  profileConnections: 16,
  postgresUrl: 'postgres://postgres@127.0.0.1:5432/test',
  auditStores: true,
  profileLogLevel: 'warn',
};

/** `--soak`, `--profile`, `--duration=8`, `--warmup=2`, `--c=1,16,64`, `--no-pin`, `--no-audit-store`, `--only=bare,sqlite`, `--requests=200000`, `--log=info` (profile). */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const options = { ...DEFAULTS };
  for (const arg of argv) {
    const [key, value = ''] = arg.replace(/^--/, '').split('=', 2);
    const num = Number(value);
    switch (key) {
      case 'soak':
      case 'profile':
        options.mode = key;
        break;
      case 'duration':
        options.durationS = num;
        break;
      case 'warmup':
        options.warmupS = num;
        break;
      case 'c':
        options.concurrency = value.split(',').map(Number);
        break;
      case 'no-pin':
        options.pin = false;
        break;
      case 'no-audit-store':
        options.auditStores = false;
        break;
      case 'only':
        options.only = value.split(',').filter(Boolean);
        break;
      case 'requests':
        options.soakRequests = num;
        break;
      case 'soak-c':
        options.soakConnections = num;
        break;
      case 'profile-c':
        options.profileConnections = num;
        break;
      case 'log':
        options.profileLogLevel = value;
        break;
      case 'postgres':
        options.postgresUrl = value;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  const bad = [options.durationS, options.warmupS, options.soakRequests, ...options.concurrency].some((n) => !Number.isFinite(n) || n < 0);
  if (bad) throw new Error('numeric options must be non-negative numbers');
  return options;
}

/** Target CPU and the CPU shared by load generator and upstream. */
export function cpuLayout(options: BenchOptions): { target?: string; side?: string } {
  return options.pin ? { target: '0', side: '1' } : {};
}
