// The sync server as a child process of `npm start` and `npm run dev`.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function tsxCli() {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  return path.join(path.dirname(manifest), 'dist', 'cli.mjs');
}

/** Starts sync-server/main.ts; `watch` restarts it on changes (tsx watch). DATABASE_URL passes through the env. */
export function startSyncServer({ port, dataDir, watch = false }) {
  const args = [...(watch ? [tsxCli(), 'watch'] : ['--import', 'tsx']), 'sync-server/main.ts', '--port', String(port)];
  if (dataDir !== undefined) args.push('--data-dir', dataDir);
  return spawn(process.execPath, args, { cwd: repoRoot, stdio: 'inherit', env: process.env });
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves once GET url answers 200; rejects when the child exits first or timeoutMs passes. */
export function waitForHealth(url, child, { timeoutMs = 60_000, intervalMs = 250 } = {}) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    let settled = false;
    const finish = (error) => {
      if (settled) return;
      settled = true;
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const onExit = (code, signal) =>
      finish(new Error(`the sync server exited (${signal ?? `code ${code}`}) before ${url} answered`));
    child.on('exit', onExit);
    if (exited(child)) return onExit(child.exitCode, child.signalCode);

    const attempt = async () => {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return finish();
      } catch {
        // not listening yet
      }
      if (settled) return;
      if (Date.now() >= deadline) {
        finish(new Error(`the sync server did not answer ${url} with 200 within ${Math.round(timeoutMs / 1000)} s`));
      } else {
        setTimeout(attempt, intervalMs);
      }
    };
    void attempt();
  });
}

/** Sends signal to child unless it is gone, and resolves with its exit code once it has exited. */
export function stopChild(child, signal = 'SIGTERM') {
  if (exited(child)) return Promise.resolve(child.exitCode ?? 1);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code ?? 1));
    child.kill(signal);
  });
}
