/**
 * DESIGN budget: the manager dashboard with 200k historical payments within 1.2x of the same
 * dashboard with 2k. In Chromium, two register databases (RxDB on Dexie/IndexedDB, the
 * register's own code) hold the same recent 70 days of sales and 2k or 200k older payments;
 * the dashboard for "this month" (its windows, forecast, by staff, tender and category) is
 * loaded from each in turn, and the medians compared.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from '../support/browser';
import { median } from './median';
import { TEST_NOW } from '../support/clock';

const RUNS = 41;
const here = dirname(fileURLToPath(import.meta.url));
export default async function bench(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'dashboard-bench-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve(here, '../..'),
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { outDir: out, emptyOutDir: true, minify: true, lib: { entry: resolve(here, 'dashboard-page.ts'), formats: ['es'], fileName: () => 'bench.js' } },
  });
  const script = readFileSync(join(out, 'bench.js'), 'utf8');
  const browser = await launchChromium();
  try {
    const newPage = async () => {
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error('page error:', e.message));
      await page.goto('http://localhost:4599/');
      await page.waitForFunction(() => 'dashboardBench' in window);
      return page;
    };
    const context = await browser.newContext();
    // A secure origin (localhost: IndexedDB and crypto.subtle), served from memory.
    await context.route('http://localhost:4599/**', (route) =>
      route.request().url().endsWith('/bench.js')
        ? route.fulfill({ contentType: 'text/javascript', body: script })
        : route.fulfill({ contentType: 'text/html', body: '<!doctype html><script type="module" src="/bench.js"></script>' }),
    );
    // A fixed day mid-month: the month's share of the history is the same in every run.
    const now = TEST_NOW;
    const seedStart = performance.now();
    const seeder = await newPage();
    const counts: number[] = [];
    for (const [name, history] of [['bench-2k', 2_000], ['bench-200k', 200_000]] as const) {
      counts.push(await seeder.evaluate(({ name, history, now }) => window.dashboardBench.open(name, history, new Date(now)), { name, history, now }));
      await seeder.evaluate((name) => window.dashboardBench.close(name), name);
    }
    await seeder.close();
    console.log(`seeded ${counts[0]} and ${counts[1]} payments in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`);
    // Let IndexedDB settle the bulk writes, then measure in a fresh page that opens both registers.
    await new Promise((r) => setTimeout(r, 10_000));
    const page = await newPage();
    for (const name of ['bench-2k', 'bench-200k']) await page.evaluate((name) => window.dashboardBench.reopen(name), name);

    const times: Record<string, number[]> = { 'bench-2k': [], 'bench-200k': [] };
    const queries: Record<string, number[]> = { 'bench-2k': [], 'bench-200k': [] };
    let figures: Record<string, { month: number; documents: number }> = {};
    for (let i = 0; i < RUNS + 3; i++) {
      // Alternate, so drift on a shared machine hits both alike; the first three are warm-up.
      for (const name of i % 2 ? ['bench-2k', 'bench-200k'] : ['bench-200k', 'bench-2k']) {
        const r = await page.evaluate(({ name, now }) => window.dashboardBench.run(name, new Date(now)), { name, now });
        if (i >= 3) {
          times[name]!.push(r.ms);
          queries[name]!.push(r.queryMs);
        }
        figures = { ...figures, [name]: { month: r.month, documents: r.documents } };
      }
    }
    if (figures['bench-2k']!.month !== figures['bench-200k']!.month) throw new Error('the two registers disagree on this month');
    const a = median(times['bench-2k']!);
    const b = median(times['bench-200k']!);
    const q = (name: string) => median(queries[name]!).toFixed(1);
    console.log(`dashboard "this month", 2k historical payments:   median ${a.toFixed(1)} ms (IndexedDB reads ${q('bench-2k')} ms, ${figures['bench-2k']!.documents} documents)`);
    console.log(`dashboard "this month", 200k historical payments: median ${b.toFixed(1)} ms (IndexedDB reads ${q('bench-200k')} ms, ${figures['bench-200k']!.documents} documents)`);
    console.log(`ratio: ${(b / a).toFixed(2)}x (budget: within 1.2x)`);
  } finally {
    await browser.close();
    rmSync(out, { recursive: true, force: true });
  }
}
