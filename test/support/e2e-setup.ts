import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const RENDERER_DIR = resolve('dist/renderer');

/** End-to-end tests drive the built register; build it when a run starts without one. */
export default function setup() {
  if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) {
    execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  }
}
