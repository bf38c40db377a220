import { parseBenchArgs } from './bench-options';
import { runMatrix } from './matrix';
import { runProfile } from './profile';
import { runSoak } from './soak';

/** `npm run bench` entry: the side-by-side matrix, or `--soak`, or `--profile`. */
async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const run = { matrix: runMatrix, soak: runSoak, profile: runProfile }[options.mode];
  const ok = await run(options);
  if (!ok) {
    process.stderr.write('bench: FAILED (see messages above)\n');
    process.exitCode = 1;
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench: ${err.stack ?? err.message}\n`);
  process.exitCode = 1;
});
