/**
 * `npm run bench`: runs every *.bench.ts beside this file in turn. Each module's default
 * export runs its benchmark and prints its own lines; budgets are ratios against the raw
 * operation measured in the same run, never absolute times.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
for (const file of files) {
  console.log(`\n== ${file}`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<void> | void };
  await mod.default();
}
