import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RENDERER_DIR = resolve('dist/renderer');

/** The newest modification time of any file under `dir`. */
function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * End-to-end tests drive the built register: build it when a run starts without one, or with
 * one older than the register's or shared/'s sources (a stale build fails in confusing ways).
 */
export default function setup() {
  const index = resolve(RENDERER_DIR, 'index.html');
  const stale = !existsSync(index) || Math.max(newestIn(resolve('renderer')), newestIn(resolve('shared'))) > statSync(index).mtimeMs;
  if (stale) execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
}
