import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_ENTERPRISE_PROJECT, evaluate, loadPolicyFile, PolicyError, ScanRequestFacts } from '@app/policy';

/** Where the CLI writes and what environment it sees; injected so the CLI is testable without a process. */
export interface PolicyCliIo {
  out(line: string): void;
  err(line: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_DENY = 3;

const USAGE = [
  'usage:',
  '  policy check [file]',
  '  policy explain --roles a,b --region r [--enterprise-project e] --body req.json [--policy file]',
  'The policy file defaults to $POLICY_FILE, then config/policy.yaml.',
].join('\n');

class UsageError extends Error {}

/** Runs `check` or `explain` and returns the exit code. */
export function runPolicyCli(argv: readonly string[], io: PolicyCliIo): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return check(rest, io);
      case 'explain':
        return explain(rest, io);
      case 'help':
      case '--help':
        io.out(USAGE);
        return EXIT_OK;
      default:
        throw new UsageError(command === undefined ? 'missing command' : `unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof PolicyError) {
      io.err(error.message);
    } else if (error instanceof UsageError) {
      io.err(`${error.message}\n${USAGE}`);
    } else {
      throw error;
    }
    return EXIT_ERROR;
  }
}

function check(args: readonly string[], io: PolicyCliIo): number {
  if (args.length > 1) throw new UsageError('check takes at most one file');
  const file = args[0] ?? defaultPolicyFile(io);
  const policy = loadPolicyFile(file);
  io.out(`ok ${file} sha256=${policy.version} roles=${Object.keys(policy.roles).length}`);
  return EXIT_OK;
}

function explain(args: readonly string[], io: PolicyCliIo): number {
  const values = parseOptions(args);
  const roles = required(values.roles, '--roles')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '');
  const region = required(values.region, '--region');
  const bodyFile = required(values.body, '--body');
  const policy = loadPolicyFile(values.policy ?? defaultPolicyFile(io));
  const facts: ScanRequestFacts = {
    region,
    enterpriseProjectId: values['enterprise-project'] ?? DEFAULT_ENTERPRISE_PROJECT,
    ...readBody(bodyFile),
  };
  const decision = evaluate(policy, roles, facts);
  if (decision.allow) {
    io.out(`allow (role ${decision.role})`);
    return EXIT_OK;
  }
  io.out(`deny: ${decision.reason}`);
  return EXIT_DENY;
}

function parseOptions(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        roles: { type: 'string' },
        region: { type: 'string' },
        'enterprise-project': { type: 'string' },
        body: { type: 'string' },
        policy: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value.trim();
}

/** Only the fields the policy judges; full body validation is the gateway's job. */
function readBody(file: string): Pick<ScanRequestFacts, 'hostIds' | 'scanType' | 'action'> {
  let body: unknown;
  try {
    body = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not valid JSON';
    throw new UsageError(`${file}: cannot read the request body (${reason})`);
  }
  const { host_ids: hostIds, scan_type: scanType, action } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(hostIds) || !hostIds.every((id): id is string => typeof id === 'string')) {
    throw new UsageError(`${file}: host_ids must be a list of strings`);
  }
  if (typeof scanType !== 'string') throw new UsageError(`${file}: scan_type must be a string`);
  if (typeof action !== 'string') throw new UsageError(`${file}: action must be a string`);
  return { hostIds, scanType, action };
}

function defaultPolicyFile(io: PolicyCliIo): string {
  return io.env.POLICY_FILE || 'config/policy.yaml';
}

/* istanbul ignore next -- the process wiring; runPolicyCli holds the behaviour */
if (require.main === module) {
  process.exitCode = runPolicyCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  });
}
