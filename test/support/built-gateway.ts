import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');
const SOURCE_DIRS = ['apps', 'libs', 'scripts', 'bench', 'test/support'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];
/** Inside node_modules so the built files resolve the repo's packages, and git never sees them. */
const CACHE = join(ROOT, 'node_modules/.cache/gateway-e2e-build');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'test' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function sourceHash(): string {
  const hash = createHash('sha256');
  const files = [...SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d))), ...SOURCE_FILES.map((f) => join(ROOT, f))].sort();
  for (const file of files) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Compiles the repo exactly as `npm run build` does (tsc + tsc-alias) into a cache
 * directory keyed by the sources' hash, so a spec always runs what the sources say
 * without touching dist/ (which other runs may be rebuilding). Returns main.js.
 */
export function buildGateway(): string {
  const out = join(CACHE, sourceHash());
  const main = join(out, 'apps/gateway/src/main.js');
  if (existsSync(main)) return main;
  const staging = `${out}.${process.pid}.tmp`;
  mkdirSync(CACHE, { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
  try {
    execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json', '--outDir', staging], { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    // Type errors elsewhere in a shared tree still emit JavaScript; a missing entry point is fatal.
    if (!existsSync(join(staging, 'apps/gateway/src/main.js'))) throw new Error(`build failed:\n${String((e as { stdout?: Buffer }).stdout ?? e)}`, { cause: e });
  }
  execFileSync(bin('tsc-alias'), ['-p', 'tsconfig.build.json', '--outDir', staging], { cwd: ROOT, stdio: 'pipe' });
  try {
    renameSync(staging, out);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another worker finished the same build first
  }
  // Builds of older sources are never used again.
  for (const old of readdirSync(CACHE)) if (!old.includes('.') && join(CACHE, old) !== out) rmSync(join(CACHE, old), { recursive: true, force: true });
  return main;
}

export interface BuiltGateway {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  /** The exit code, or the signal name if it was killed; resolves once all output is read. */
  exited: Promise<number | string>;
}

/** Starts a built main.js with exactly `env` (plus PATH) and waits until /health/live answers. */
export async function startBuiltGateway(main: string, env: Record<string, string>, timeoutMs = 15_000): Promise<BuiltGateway> {
  const child = spawn(process.execPath, [main], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal ?? -1)));
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`gateway exited during start-up:\n${out}\n${err}`);
    try {
      if ((await fetch(`${url}/health/live`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gateway did not start within ${timeoutMs} ms:\n${out}\n${err}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, url, stdout: () => out, stderr: () => err, exited };
}

/** Runs a built main.js that is expected to exit (a refused start-up); resolves with its exit code and output. */
export function runBuiltGatewayToExit(main: string, env: Record<string, string>, timeoutMs = 15_000): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [main], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? -1, stdout, stderr });
    }),
  );
}
