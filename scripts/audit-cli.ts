import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { type AuditFilter, type AuditStore, createAuditStore, toCsvHeader, toCsvRow } from '@app/audit';

/** Where the CLI writes and what environment it sees; injected so the CLI is testable without a process. */
export interface AuditCliIo {
  /** Writes a chunk to stdout; a returned promise means "wait before writing more" (backpressure). */
  write(chunk: string): void | Promise<void>;
  err(line: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_CHAIN_BROKEN = 2;

export const DEFAULT_AUDIT_DB = 'sqlite:./data/audit.db';

const USAGE = [
  'usage:',
  '  audit verify [--db <AUDIT_DB url>]',
  '  audit export --format csv|ndjson [--request-id r] [--actor sub] [--decision allow|deny] [--status n]',
  '               [--host-id h] [--phase forward|final] [--from iso] [--to iso] [--db <AUDIT_DB url>]',
  'The database defaults to $AUDIT_DB, then sqlite:./data/audit.db. verify exits 2 when the chain is broken.',
].join('\n');

class UsageError extends Error {}

type Options = ReturnType<typeof parseOptions>;

/** Runs `verify` or `export` and resolves with the exit code. */
export async function runAuditCli(argv: readonly string[], io: AuditCliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'verify':
        return await withStore(parseOptions(rest, false), io, (store) => verify(store, io));
      case 'export': {
        const options = parseOptions(rest, true);
        const format = options.format;
        if (format !== 'csv' && format !== 'ndjson') throw new UsageError('--format must be csv or ndjson');
        const filter = toFilter(options);
        return await withStore(options, io, (store) => exportEvents(store, filter, format, io));
      }
      case 'help':
      case '--help':
        await io.write(`${USAGE}\n`);
        return EXIT_OK;
      default:
        throw new UsageError(command === undefined ? 'missing command' : `unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n${USAGE}`);
    } else {
      // Store errors (unreachable, invalid filter); their messages never carry the URL's password.
      io.err(`audit: ${(error as Error).message}`);
    }
    return EXIT_ERROR;
  }
}

async function withStore(options: Options, io: AuditCliIo, run: (store: AuditStore) => Promise<number>): Promise<number> {
  const url = options.db ?? (io.env.AUDIT_DB || DEFAULT_AUDIT_DB);
  // Opening a SQLite path creates the file: an auditor's typo must not verify an empty, "valid" trail.
  if (url.startsWith('sqlite:') && !existsSync(url.slice('sqlite:'.length))) throw new Error(`no SQLite audit store at ${url.slice('sqlite:'.length)}`);
  const store = createAuditStore(url);
  try {
    await store.init();
    return await run(store);
  } finally {
    await store.close();
  }
}

async function verify(store: AuditStore, io: AuditCliIo): Promise<number> {
  const report = await store.verify();
  await io.write(`${JSON.stringify(report)}\n`);
  return report.ok ? EXIT_OK : EXIT_CHAIN_BROKEN;
}

async function exportEvents(store: AuditStore, filter: AuditFilter, format: 'csv' | 'ndjson', io: AuditCliIo): Promise<number> {
  if (format === 'csv') await io.write(`${toCsvHeader()}\r\n`);
  for await (const event of store.stream(filter)) {
    await io.write(format === 'csv' ? `${toCsvRow(event)}\r\n` : `${JSON.stringify(event)}\n`);
  }
  return EXIT_OK;
}

function toFilter(options: Options): AuditFilter {
  const filter: AuditFilter = {};
  if (options['request-id'] !== undefined) filter.request_id = options['request-id'];
  if (options.actor !== undefined) filter.actor = options.actor;
  if (options['host-id'] !== undefined) filter.host_id = options['host-id'];
  if (options.decision !== undefined) filter.decision = options.decision as AuditFilter['decision'];
  if (options.phase !== undefined) filter.phase = options.phase as AuditFilter['phase'];
  if (options.status !== undefined) {
    if (!/^\d{3}$/.test(options.status)) throw new UsageError('--status must be an HTTP status code');
    filter.status = Number(options.status);
  }
  if (options.from !== undefined) filter.from = isoDate(options.from, '--from');
  if (options.to !== undefined) filter.to = isoDate(options.to, '--to');
  return filter;
}

function isoDate(value: string, flag: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`${flag} must be an ISO 8601 date`);
  return date;
}

function parseOptions(args: readonly string[], filters: boolean) {
  const text = { type: 'string' } as const;
  try {
    const { values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        db: text,
        format: text,
        'request-id': text,
        actor: text,
        decision: text,
        status: text,
        'host-id': text,
        phase: text,
        from: text,
        to: text,
      },
    });
    const given = Object.keys(values).filter((key) => key !== 'db');
    if (!filters && given.length > 0) throw new UsageError(`verify takes only --db (got --${given[0]})`);
    return values;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

/* istanbul ignore next -- the process wiring; runAuditCli holds the behaviour */
if (require.main === module) {
  // `audit export ... | head` closes the pipe early; stop instead of waiting for a drain that never comes.
  process.stdout.on('error', () => process.exit(EXIT_OK));
  void runAuditCli(process.argv.slice(2), {
    write: (chunk) => (process.stdout.write(chunk) ? undefined : once(process.stdout, 'drain').then(() => undefined)),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
