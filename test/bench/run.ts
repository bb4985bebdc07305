/**
 * `npm run bench`: runs every *.bench.ts beside this file in turn, each in a process of its own
 * (one bench's leftovers, a million-row database or a browser, must not slow the next). Each
 * module's default export runs its benchmark and prints its own lines; budgets are ratios
 * against the raw operation measured in the same run, never absolute times.
 * `npm run bench -- cash-sale` runs the benches whose file name contains "cash-sale".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [flag, target] = process.argv.slice(2);

if (flag === '--one' && target) {
  const mod = (await import(pathToFileURL(join(here, target)).href)) as { default: () => Promise<void> | void };
  await mod.default();
} else {
  const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (!flag || f.includes(flag))).sort();
  let failed = 0;
  for (const file of files) {
    console.log(`\n== ${file}`);
    const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--one', file], { stdio: 'inherit' });
    if (run.status !== 0) failed += 1;
  }
  if (failed) {
    console.error(`${failed} benchmark(s) did not finish.`);
    process.exitCode = 1;
  }
}
